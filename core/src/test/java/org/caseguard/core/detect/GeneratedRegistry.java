package org.caseguard.core.detect;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.caseguard.core.registry.CaseRecord;
import org.caseguard.core.registry.CaseStatus;
import org.caseguard.core.registry.Client;
import org.caseguard.core.registry.RegistrySnapshot;

/** A deterministic registry of {@code n} clients with one case each. */
final class GeneratedRegistry {
    private static final String[] GIVEN = {"Ava", "Liam", "Noah", "Emma", "Olivia", "Mia", "Lucas", "Ethan", "Zoe",
        "Aria", "Leo", "Ivy", "Kai", "Nora", "Owen", "Ruby", "Eli", "Maya", "Jack", "Luna"};

    static RegistrySnapshot snapshot(int n) {
        Random random = new Random(7);
        List<Client> clients = new ArrayList<>(n);
        List<CaseRecord> cases = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String family = "Fam" + Integer.toString(i * 7919 % 1_000_003, 36);
            clients.add(new Client("c-" + i, GIVEN[i % GIVEN.length], family,
                Optional.of(LocalDate.of(1990 + random.nextInt(30), 1 + random.nextInt(12), 1 + random.nextInt(28))),
                List.of(String.format("MCD-%07d", i))));
            cases.add(new CaseRecord(String.format("%d-CW-%06d", 2000 + i % 25, i), CaseStatus.OPEN, i % 50 == 0,
                List.of("c-" + i)));
        }
        return Fixtures.snapshot(n, clients, cases);
    }

    private GeneratedRegistry() {
    }
}
