package org.caseguard.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.caseguard.core.registry.CaseRecord;
import org.caseguard.core.registry.CaseStatus;
import org.caseguard.core.registry.Client;
import org.junit.jupiter.api.Test;

/**
 * TAG-1 against a blind corpus: 247 messages (196 carrying one registered value, 51 ordinary) written by an author
 * who saw neither this classifier nor the other evasion tests, from a brief alone (resources {@code blind-evasion/},
 * with the author's {@code make.py}, {@code registry.json} and {@code index.tsv}). Each message goes through the
 * shipped classifier exactly as received. A positive classified {@code none} is a leak; a message held as
 * unclassifiable is not. A negative classified otherwise, or held, is a false refusal.
 *
 * <p>First run, before anything was changed for it: 33 leaks of 196, no false refusal of 51 (the cross-author result;
 * see {@code docs/detection.md}). The classes it found were then fixed, so the set is no longer blind: the five leaks
 * left are forms not built (dates written in words or with Roman-numeral months, a case number with its parts
 * reordered, Markdown emphasis inside a word). The bounds below are what the classifier does now; a change that lets
 * more through, or refuses more ordinary mail, fails here.
 */
class BlindEvasionCorpusTest {

    private static final int LEAKS_AT_MOST = 5;
    private static final int FALSE_REFUSALS_AT_MOST = 0;

    @Test
    void tag1BlindCorpusFromAnIndependentAuthor() throws Exception {
        DefaultMessageClassifier classifier = DefaultMessageClassifier.forSnapshot(ClassifierConfig.defaults(),
            Fixtures.snapshot(1, clients(), cases()));
        List<String> leaks = new ArrayList<>();
        List<String> falseRefusals = new ArrayList<>();
        Map<String, int[]> byTag = new TreeMap<>();
        int positives = 0;
        int negatives = 0;
        for (String line : resource("index.tsv").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t");
            boolean positive = fields[1].equals("positive");
            boolean flagged;
            try {
                MimeMessage message = Fixtures.parse(bytes(fields[0]));
                flagged = classifier.classify(message).sensitivity() != Sensitivity.NONE;
            } catch (UnclassifiableMessageException held) {
                flagged = true;
            }
            if (positive) {
                positives++;
                for (String tag : fields[2].split(",")) {
                    int[] counts = byTag.computeIfAbsent(tag, t -> new int[2]);
                    counts[0]++;
                    counts[1] += flagged ? 0 : 1;
                }
                if (!flagged) {
                    leaks.add(fields[0] + " [" + fields[2] + "]");
                }
            } else {
                negatives++;
                if (flagged) {
                    falseRefusals.add(fields[0] + " [" + fields[2] + "]");
                }
            }
        }
        System.out.printf("blind corpus: positives=%d leaks=%d negatives=%d falseRefusals=%d%n", positives,
            leaks.size(), negatives, falseRefusals.size());
        byTag.forEach((tag, counts) -> {
            if (counts[1] > 0) {
                System.out.printf("tag=%s cases=%d leaks=%d%n", tag, counts[0], counts[1]);
            }
        });
        leaks.forEach(leak -> System.out.println("leak " + leak));
        falseRefusals.forEach(refusal -> System.out.println("false refusal " + refusal));
        assertThat(positives).isEqualTo(196);
        assertThat(negatives).isEqualTo(51);
        assertThat(leaks).as("leaks").hasSizeLessThanOrEqualTo(LEAKS_AT_MOST);
        assertThat(falseRefusals).as("false refusals").hasSizeLessThanOrEqualTo(FALSE_REFUSALS_AT_MOST);
    }

    private static List<Client> clients() throws Exception {
        List<Client> clients = new ArrayList<>();
        for (JsonNode client : registry().get("clients")) {
            List<String> identifiers = new ArrayList<>();
            client.get("identifiers").forEach(id -> identifiers.add(id.asText()));
            clients.add(new Client(client.get("id").asText(), client.get("givenName").asText(),
                client.get("familyName").asText(), Optional.of(LocalDate.parse(client.get("dateOfBirth").asText())),
                identifiers));
        }
        return clients;
    }

    private static List<CaseRecord> cases() throws Exception {
        List<CaseRecord> cases = new ArrayList<>();
        for (JsonNode caseNode : registry().get("cases")) {
            List<String> clientIds = new ArrayList<>();
            caseNode.get("clients").forEach(id -> clientIds.add(id.asText()));
            cases.add(new CaseRecord(caseNode.get("number").asText(), CaseStatus.OPEN, false, clientIds));
        }
        return cases;
    }

    private static JsonNode registry() throws Exception {
        return new ObjectMapper().readTree(resource("registry.json"));
    }

    private static String resource(String name) throws Exception {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String name) throws Exception {
        try (InputStream in = BlindEvasionCorpusTest.class.getResourceAsStream("/blind-evasion/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource blind-evasion/" + name);
            }
            return in.readAllBytes();
        }
    }
}
