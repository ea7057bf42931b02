package org.caseguard.core.detect;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.caseguard.core.registry.CaseRecord;
import org.caseguard.core.registry.Client;
import org.caseguard.core.registry.RegistrySnapshot;

/**
 * The registry compiled for matching: every case number, client identifier, client full name ("given family" and
 * "family given") and, for clients with a date of birth, surname, given name and initials becomes a key made of {@link TokenGroups} groups. The
 * keys live in one hash table of group-sequence hashes plus a table of their proper prefixes, so a scan costs one
 * probe per group of text whatever the registry size; a small Bloom filter over first groups (sized to stay in the
 * CPU cache) skips the table for almost every ordinary word. Immutable and thread-safe once built.
 */
public final class RegistryIndex {

    /** What one key refers to. Several registry values may share a key (two clients with the same name). */
    static final class Entry {
        final String[] groups;
        final List<String> caseNumbers = new ArrayList<>(1);
        final List<String> identifierClientIds = new ArrayList<>(1);
        final List<String> nameClientIds = new ArrayList<>(1);
        /** Clients this key names only together with their date of birth: surname, given name, initials. */
        final Map<LocalDate, List<String>> partialNameClientsByBirthDate = new HashMap<>(2);

        Entry(String[] groups) {
            this.groups = groups;
        }
    }

    /** Receives each key found in a text, with the group range [firstGroup, lastGroup] it covers. */
    interface MatchSink {
        void accept(Entry entry, int firstGroup, int lastGroup);
    }

    private final long version;
    private final Entry[] entries;
    private final LongIntTable keyTable;
    private final LongIntTable prefixTable;
    private final long[] firstGroupFilter;
    private final int filterMask;
    private final int maxGroups;
    private final Map<String, List<String>> caseNumbersByClient;
    private final Set<String> restrictedCases;
    private final int clientCount;

    private RegistryIndex(long version, Entry[] entries, LongIntTable keyTable, LongIntTable prefixTable,
                          long[] firstGroupFilter, int maxGroups, Map<String, List<String>> caseNumbersByClient,
                          Set<String> restrictedCases, int clientCount) {
        this.version = version;
        this.entries = entries;
        this.keyTable = keyTable;
        this.prefixTable = prefixTable;
        this.firstGroupFilter = firstGroupFilter;
        this.filterMask = firstGroupFilter.length * 64 - 1;
        this.maxGroups = maxGroups;
        this.caseNumbersByClient = caseNumbersByClient;
        this.restrictedCases = restrictedCases;
        this.clientCount = clientCount;
    }

    public static RegistryIndex build(RegistrySnapshot snapshot) {
        Map<String, Entry> byKey = new LinkedHashMap<>();
        for (CaseRecord caseRecord : snapshot.cases().values()) {
            for (String form : writtenForms(caseRecord.number())) {
                entryFor(byKey, form).ifPresent(entry -> addOnce(entry.caseNumbers, caseRecord.number()));
            }
        }
        Map<String, List<String>> caseNumbersByClient = new HashMap<>();
        Set<String> restricted = new HashSet<>();
        for (CaseRecord caseRecord : snapshot.cases().values()) {
            for (String clientId : caseRecord.clientIds()) {
                caseNumbersByClient.computeIfAbsent(clientId, id -> new ArrayList<>(1)).add(caseRecord.number());
            }
            if (caseRecord.restricted()) {
                restricted.add(caseRecord.number());
            }
        }
        for (Client client : snapshot.clients().values()) {
            for (String identifier : client.identifiers()) {
                for (String form : writtenForms(identifier)) {
                    entryFor(byKey, form).ifPresent(entry -> addOnce(entry.identifierClientIds, client.id()));
                }
            }
            String given = TextNormalizer.normalize(nullToEmpty(client.givenName()));
            String family = TextNormalizer.normalize(nullToEmpty(client.familyName()));
            if (!given.isEmpty() && !family.isEmpty()) {
                // with a space, and run together as in file names and camel case ("MariaLopez.pdf")
                for (String name : List.of(given + " " + family, family + " " + given,
                    (given + family).replace(" ", ""), (family + given).replace(" ", ""))) {
                    entryFor(byKey, name).ifPresent(entry -> addOnce(entry.nameClientIds, client.id()));
                }
            }
            if (client.dateOfBirth().isPresent()) {
                for (String part : partialNames(given, family)) {
                    entryFor(byKey, part).ifPresent(entry -> {
                        List<String> ids = entry.partialNameClientsByBirthDate
                            .computeIfAbsent(client.dateOfBirth().get(), date -> new ArrayList<>(1));
                        if (!ids.contains(client.id())) {
                            ids.add(client.id());
                        }
                    });
                }
            }
        }

        Entry[] entries = byKey.values().toArray(new Entry[0]);
        LongIntTable keyTable = new LongIntTable(entries.length);
        int prefixCount = 0;
        int maxGroups = 1;
        for (Entry entry : entries) {
            prefixCount += entry.groups.length - 1;
            maxGroups = Math.max(maxGroups, entry.groups.length);
        }
        LongIntTable prefixTable = new LongIntTable(prefixCount);
        int filterBits = Integer.highestOneBit(Math.max(1 << 12, Math.min(1 << 22, entries.length * 16)));
        long[] filter = new long[filterBits / 64];
        for (int i = 0; i < entries.length; i++) {
            String[] groups = entries[i].groups;
            long first = TokenGroups.groupHash(groups[0]);
            setFilterBits(filter, filterBits - 1, first);
            long hash = TokenGroups.extend(TokenGroups.EMPTY_SEQUENCE, first);
            for (int g = 1; g < groups.length; g++) {
                prefixTable.put(hash, 1);
                hash = TokenGroups.extend(hash, TokenGroups.groupHash(groups[g]));
            }
            keyTable.put(hash, i);
        }
        return new RegistryIndex(snapshot.version(), entries, keyTable, prefixTable, filter, maxGroups,
            freeze(caseNumbersByClient), Set.copyOf(restricted), snapshot.clients().size());
    }

    /** A registered number as written, and with every separator left out ("MCD-482-917" and "MCD482917"). */
    private static List<String> writtenForms(String value) {
        String normalized = TextNormalizer.normalize(nullToEmpty(value));
        return List.of(normalized, normalized.replace(" ", ""));
    }

    private static void addOnce(List<String> ids, String id) {
        if (!ids.contains(id)) {
            ids.add(id);
        }
    }

    /**
     * The parts of a name that identify a client together with the date of birth: the surname, the given name, and
     * the initials written apart ("m q" for "M.Q.") or together ("mq").
     */
    private static Set<String> partialNames(String given, String family) {
        Set<String> parts = new java.util.LinkedHashSet<>();
        if (!family.isEmpty()) {
            parts.add(family);
        }
        if (!given.isEmpty()) {
            parts.add(given);
        }
        if (!given.isEmpty() && !family.isEmpty()) {
            StringBuilder apart = new StringBuilder();
            for (String word : (given + " " + family).split(" ")) {
                if (!word.isEmpty() && Character.isLetter(word.charAt(0))) {
                    apart.append(apart.length() > 0 ? " " : "").appendCodePoint(word.codePointAt(0));
                }
            }
            parts.add(apart.toString());
            parts.add(apart.toString().replace(" ", ""));
        }
        return parts;
    }

    private static Map<String, List<String>> freeze(Map<String, List<String>> map) {
        Map<String, List<String>> frozen = new HashMap<>(map.size() * 2);
        map.forEach((key, value) -> frozen.put(key, List.copyOf(value)));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static java.util.Optional<Entry> entryFor(Map<String, Entry> byKey, String value) {
        TokenGroups groups = TokenGroups.of(DetectionView.of(TextNormalizer.normalize(nullToEmpty(value))));
        if (groups.size() == 0) {
            return java.util.Optional.empty();
        }
        String[] parts = new String[groups.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = groups.group(i);
        }
        String key = String.join(" ", parts);
        return java.util.Optional.of(byKey.computeIfAbsent(key, k -> new Entry(parts)));
    }

    private static void setFilterBits(long[] filter, int mask, long groupHash) {
        long mixed = groupHash * 0xC2B2AE3D27D4EB4FL;
        int a = (int) mixed & mask;
        int b = (int) (mixed >>> 32) & mask;
        filter[a >>> 6] |= 1L << a;
        filter[b >>> 6] |= 1L << b;
    }

    private boolean mightStartKey(long groupHash) {
        long mixed = groupHash * 0xC2B2AE3D27D4EB4FL;
        int a = (int) mixed & filterMask;
        int b = (int) (mixed >>> 32) & filterMask;
        return (firstGroupFilter[a >>> 6] & 1L << a) != 0 && (firstGroupFilter[b >>> 6] & 1L << b) != 0;
    }

    /** Reports every key found in {@code text} that starts and ends on an alphanumeric-run boundary. */
    void scan(TokenGroups text, MatchSink sink) {
        int size = text.size();
        for (int i = 0; i < size; i++) {
            long first = text.hash(i);
            if (!mightStartKey(first) || !text.separatedBefore(i)) {
                continue;
            }
            long hash = TokenGroups.extend(TokenGroups.EMPTY_SEQUENCE, first);
            matchWithMiddleInitial(text, i, hash, sink);
            for (int j = i; ; j++) {
                int entryIndex = keyTable.get(hash);
                if (entryIndex >= 0 && text.separatedAfter(j) && sameGroups(entries[entryIndex], text, i, j)) {
                    sink.accept(entries[entryIndex], i, j);
                }
                if (j + 1 >= size || j + 1 - i >= maxGroups || prefixTable.get(hash) < 0) {
                    break;
                }
                hash = TokenGroups.extend(hash, text.hash(j + 1));
            }
        }
    }

    /** "Maria J. Lopez": a two-word name with one initial between its words. */
    private void matchWithMiddleInitial(TokenGroups text, int i, long firstHash, MatchSink sink) {
        if (i + 2 >= text.size() || text.length(i + 1) != 1 || text.isDigits(i + 1) || !text.separatedBefore(i + 1)
            || !text.separatedAfter(i + 1) || !text.separatedAfter(i + 2) || prefixTable.get(firstHash) < 0) {
            return;
        }
        int entryIndex = keyTable.get(TokenGroups.extend(firstHash, text.hash(i + 2)));
        if (entryIndex < 0) {
            return;
        }
        Entry entry = entries[entryIndex];
        if (!entry.nameClientIds.isEmpty() && entry.groups.length == 2 && text.groupEquals(i, entry.groups[0])
            && text.groupEquals(i + 2, entry.groups[1])) {
            sink.accept(entry, i, i + 2);
        }
    }

    private static boolean sameGroups(Entry entry, TokenGroups text, int first, int last) {
        if (entry.groups.length != last - first + 1) {
            return false;
        }
        for (int g = 0; g < entry.groups.length; g++) {
            if (!text.groupEquals(first + g, entry.groups[g])) {
                return false;
            }
        }
        return true;
    }

    public long version() {
        return version;
    }

    public int keyCount() {
        return entries.length;
    }

    public int clientCount() {
        return clientCount;
    }

    List<String> caseNumbersOfClient(String clientId) {
        return caseNumbersByClient.getOrDefault(clientId, List.of());
    }

    boolean isRestricted(String caseNumber) {
        return restrictedCases.contains(caseNumber);
    }
}
