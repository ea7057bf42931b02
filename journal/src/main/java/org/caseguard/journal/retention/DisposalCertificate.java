package org.caseguard.journal.retention;

import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

import org.caseguard.journal.Hash;
import org.caseguard.journal.MerkleTree;
import org.caseguard.journal.SignedTreeHead;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JRN-6: the signed record of a disposal run. {@code document} is UTF-8 JSON (format
 * {@value #FORMAT}) naming the run, its schedule items, requester and approver, and for every disposed message its
 * cases, content digest and every entry (leaf index, entry hash, inclusion path) against the signed tree head it
 * carries; {@code signature} is the journal key's signature over exactly those bytes. Anyone with the journal's public
 * key can check that the listed entries were in the signed log and that the agency stated their disposal
 * (docs/journal.md, "Checking a disposal certificate").
 */
public record DisposalCertificate(byte[] document, byte[] signature) {
    public static final String FORMAT = "caseguard-disposal-certificate-v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public DisposalCertificate {
        document = document.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] document() {
        return document.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public Hash sha256() {
        return Hash.sha256(document);
    }

    public JsonNode parsed() {
        try {
            return JSON.readTree(document);
        } catch (IOException e) {
            throw new IllegalArgumentException("disposal certificate is not JSON", e);
        }
    }

    /** The problems found (empty when it verifies): signature, tree head, and every entry's inclusion in that head. */
    public List<String> verify(PublicKey key) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = parsed();
        } catch (IllegalArgumentException e) {
            return List.of("the certificate is not JSON");
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            problems.add("format is not " + FORMAT);
        }
        SignedTreeHead head;
        try {
            head = SignedTreeHead.fromJson(root.path("treeHead"));
        } catch (IllegalArgumentException e) {
            problems.add("treeHead: " + e.getMessage());
            return problems;
        }
        if (!head.verify(key)) {
            problems.add("the tree head's signature does not verify with the given key");
        }
        if (!head.algorithm().verifies(key, document, signature)) {
            problems.add("the certificate's signature does not verify with the given key");
        }
        for (JsonNode disposed : root.path("disposed")) {
            for (JsonNode message : disposed.path("messages")) {
                message.path("entries").forEach(entry -> checkInclusion(head, message.path("messageKey").asText(), entry, problems));
            }
        }
        return problems;
    }

    private static void checkInclusion(SignedTreeHead head, String messageKey, JsonNode entry, List<String> problems) {
        long leaf = entry.path("leafIndex").asLong(-1);
        Hash entryHash = Hash.fromBase64(entry.path("entryHash").asText());
        List<Hash> path = new ArrayList<>();
        entry.path("inclusionPath").forEach(hash -> path.add(Hash.fromBase64(hash.asText())));
        if (leaf < 0 || leaf >= head.treeSize()
            || !MerkleTree.verifyInclusion(leaf, head.treeSize(), MerkleTree.leafHash(entryHash.bytes()), path, head.rootHash())) {
            problems.add("entry at leaf " + leaf + " of message " + messageKey + " is not included in the tree head");
        }
    }
}
