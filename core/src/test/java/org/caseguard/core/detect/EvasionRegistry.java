package org.caseguard.core.detect;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.caseguard.core.registry.CaseRecord;
import org.caseguard.core.registry.CaseStatus;
import org.caseguard.core.registry.Client;
import org.caseguard.core.registry.RegistrySnapshot;

/**
 * A fixed-seed registry of invented (syllable-built, not famous) names for {@link EvasionGeneratorTest}: every client
 * has a date of birth, one identifier and one case; some cases are restricted. Also invents values that are NOT
 * registered, for the negative controls.
 */
final class EvasionRegistry {

    private static final String[] ONSETS = {"b", "br", "d", "dr", "f", "g", "gr", "h", "k", "kl", "l", "m", "n", "p",
        "pr", "r", "s", "st", "t", "tr", "v", "w", "z", "th", "sh"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ea", "ou", "y"};
    private static final String[] CODAS = {"", "n", "r", "l", "s", "th", "nd", "rk", "m", "x", "ck", "lt"};

    final List<Client> clients = new ArrayList<>();
    final List<CaseRecord> cases = new ArrayList<>();
    final Map<String, CaseRecord> caseOfClient = new HashMap<>();
    private final Set<String> families = new HashSet<>();
    private final Set<String> givens = new HashSet<>();
    private final Set<String> numbers = new HashSet<>();
    private final Set<String> identifiers = new HashSet<>();
    private final Set<String> initialsDob = new HashSet<>();
    final RegistrySnapshot snapshot;

    EvasionRegistry(long seed, int size) {
        Random random = new Random(seed);
        while (clients.size() < size) {
            String given = name(random, 2);
            String family = name(random, 2 + random.nextInt(2));
            if (!families.add(family.toLowerCase(Locale.ROOT)) || givens.contains(family.toLowerCase(Locale.ROOT))
                || families.contains(given.toLowerCase(Locale.ROOT))) {
                families.remove(family.toLowerCase(Locale.ROOT));
                continue;
            }
            givens.add(given.toLowerCase(Locale.ROOT));
            int i = clients.size();
            LocalDate dob = LocalDate.of(1950 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28));
            String identifier = String.format("MCD-%03d-%03d", random.nextInt(1000), random.nextInt(1000));
            Client client = new Client("ev-" + i, given, family, Optional.of(dob), List.of(identifier));
            String number;
            do {
                number = String.format("%d-CW-%05d", 2015 + random.nextInt(11), random.nextInt(100_000));
            } while (!numbers.add(number));
            identifiers.add(identifier);
            initialsDob.add(given.charAt(0) + "" + family.charAt(0) + dob);
            CaseRecord record = new CaseRecord(number, CaseStatus.OPEN, i % 10 == 0, List.of(client.id()));
            clients.add(client);
            cases.add(record);
            caseOfClient.put(client.id(), record);
        }
        snapshot = Fixtures.snapshot(1, clients, cases);
    }

    static String name(Random random, int syllables) {
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < syllables; s++) {
            b.append(ONSETS[random.nextInt(ONSETS.length)]).append(VOWELS[random.nextInt(VOWELS.length)]);
            if (s == syllables - 1 || random.nextInt(3) == 0) {
                b.append(CODAS[random.nextInt(CODAS.length)]);
            }
        }
        return Character.toUpperCase(b.charAt(0)) + b.substring(1);
    }

    Client client(Random random) {
        return clients.get(random.nextInt(clients.size()));
    }

    /** A given/family pair where neither part is a registered given or family name. */
    String[] unregisteredName(Random random) {
        while (true) {
            String given = name(random, 2);
            String family = name(random, 3);
            if (!families.contains(family.toLowerCase(Locale.ROOT)) && !givens.contains(family.toLowerCase(Locale.ROOT))
                && !families.contains(given.toLowerCase(Locale.ROOT)) && !givens.contains(given.toLowerCase(Locale.ROOT))) {
                return new String[] {given, family};
            }
        }
    }

    /** Differs from every registered case number in its digits. */
    String unregisteredCaseNumber(Random random) {
        while (true) {
            String number = String.format("%d-CW-%05d", 2015 + random.nextInt(11), random.nextInt(100_000));
            if (!numbers.contains(number)) {
                return number;
            }
        }
    }

    String unregisteredIdentifier(Random random) {
        while (true) {
            String id = String.format("MCD-%03d-%03d", random.nextInt(1000), random.nextInt(1000));
            if (!identifiers.contains(id)) {
                return id;
            }
        }
    }

    /** A date that is not the birth date of any client with this family name (and not of the client). */
    LocalDate otherDate(Random random, Client client) {
        while (true) {
            LocalDate date = LocalDate.of(1950 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28));
            boolean someonesDob = clients.stream().anyMatch(c -> c.familyName().equalsIgnoreCase(client.familyName())
                && c.dateOfBirth().orElseThrow().equals(date))
                || initialsDob.contains(client.givenName().charAt(0) + "" + client.familyName().charAt(0) + date);
            if (!someonesDob) {
                return date;
            }
        }
    }
}
