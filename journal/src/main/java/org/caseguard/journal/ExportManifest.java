package org.caseguard.journal;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The manifest of a discovery export (JRN-3, JRN-4): for each exported entry file its leaf index, entry hash
 * (SHA-256 of the file) and inclusion path, and the signed tree head they lead to. A third party checks it with
 * openssl and a short python3 script (docs/journal-verification.md), or with {@link #verify}.
 */
public record ExportManifest(SignedTreeHead treeHead, List<Entry> entries) {
    public static final String FORMAT = "caseguard-journal-export-v1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One exported file: its path inside the export, its leaf, SHA-256 of its bytes and its audit path. */
    public record Entry(String file, long leafIndex, Hash entryHash, List<Hash> inclusionPath) {
        public Entry {
            if (file == null || file.isBlank() || file.startsWith("/") || List.of(file.split("[/\\\\]")).contains("..")) {
                throw new IllegalArgumentException("manifest entry 'file' must be a relative path inside the export, got '" + file + "'");
            }
            Objects.requireNonNull(entryHash, "entryHash");
            inclusionPath = List.copyOf(inclusionPath);
        }
    }

    /** An entry to export: where its file goes and the entry hash that was appended to the log. */
    public record Item(String file, long leafIndex, Hash entryHash) {
    }

    public ExportManifest {
        Objects.requireNonNull(treeHead, "treeHead");
        entries = List.copyOf(entries);
    }

    /**
     * Builds the manifest against a tree head of the log. Refuses an item whose entry hash is not the log's leaf at
     * its index, so an export never carries a manifest that cannot verify.
     */
    public static ExportManifest build(MerkleLog log, SignedTreeHead treeHead, List<Item> items) {
        if (!log.root(treeHead.treeSize()).equals(treeHead.rootHash())) {
            throw new IllegalArgumentException("the tree head of size " + treeHead.treeSize() + " does not match the log");
        }
        List<Entry> entries = new ArrayList<>();
        for (Item item : items) {
            if (item.leafIndex() < 0 || item.leafIndex() >= treeHead.treeSize()) {
                throw new IllegalArgumentException("export item " + item.file() + ": leaf index must be in 0.." + (treeHead.treeSize() - 1) + ", got " + item.leafIndex());
            }
            if (!MerkleTree.leafHash(item.entryHash().bytes()).equals(log.leafHash(item.leafIndex()))) {
                throw new IllegalArgumentException("export item " + item.file() + ": its entry hash is not leaf " + item.leafIndex() + " of the log");
            }
            entries.add(new Entry(item.file(), item.leafIndex(), item.entryHash(), log.inclusionProof(item.leafIndex(), treeHead.treeSize())));
        }
        return new ExportManifest(treeHead, entries);
    }

    /**
     * The documented procedure in Java: every file's SHA-256 is its entry hash, every inclusion path leads to the
     * tree head's root, and the tree head is signed by the key. Returns the problems (empty when it verifies).
     */
    public List<String> verify(PublicKey key, Function<String, byte[]> readFile) {
        List<String> problems = new ArrayList<>();
        if (!treeHead.verify(key)) {
            problems.add("tree head signature does not verify with the given key");
        }
        for (Entry entry : entries) {
            byte[] bytes = readFile.apply(entry.file());
            if (bytes == null) {
                problems.add(entry.file() + ": missing from the export");
                continue;
            }
            Hash hash = Hash.sha256(bytes);
            if (!hash.equals(entry.entryHash())) {
                problems.add(entry.file() + ": SHA-256 " + hash.hex() + " is not the entry hash " + entry.entryHash().hex());
            } else if (!MerkleTree.verifyInclusion(entry.leafIndex(), treeHead.treeSize(), MerkleTree.leafHash(hash.bytes()), entry.inclusionPath(), treeHead.rootHash())) {
                problems.add(entry.file() + ": inclusion path does not lead to the tree head's root");
            }
        }
        return problems;
    }

    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        try {
            root.put("treeHead", JSON.readTree(treeHead.toJson()));
            List<Map<String, Object>> list = new ArrayList<>();
            for (Entry entry : entries) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("file", entry.file());
                fields.put("leafIndex", entry.leafIndex());
                fields.put("entryHash", entry.entryHash().base64());
                fields.put("inclusionPath", entry.inclusionPath().stream().map(Hash::base64).toList());
                list.add(fields);
            }
            root.put("entries", list);
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ExportManifest fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (!FORMAT.equals(root.path("format").asText())) {
                throw new IllegalArgumentException("manifest 'format' must be " + FORMAT + ", got '" + root.path("format").asText() + "'");
            }
            SignedTreeHead head = SignedTreeHead.fromJson(root.path("treeHead"));
            List<Entry> entries = new ArrayList<>();
            for (JsonNode entry : root.path("entries")) {
                List<Hash> path = new ArrayList<>();
                entry.path("inclusionPath").forEach(hash -> path.add(Hash.fromBase64(hash.asText())));
                if (!entry.path("leafIndex").canConvertToLong()) {
                    throw new IllegalArgumentException("manifest entry 'leafIndex' must be a whole number");
                }
                entries.add(new Entry(entry.path("file").asText(null), entry.path("leafIndex").longValue(), Hash.fromBase64(entry.path("entryHash").asText()), path));
            }
            return new ExportManifest(head, entries);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("manifest is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
