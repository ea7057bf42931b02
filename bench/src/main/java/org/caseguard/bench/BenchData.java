package org.caseguard.bench;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.caseguard.core.registry.CaseRecord;
import org.caseguard.core.registry.CaseStatus;
import org.caseguard.core.registry.Client;
import org.caseguard.core.registry.RegistrySnapshot;

/** Deterministic registries and messages for the benchmarks: same seed, same data, on every run. */
public final class BenchData {

    private static final String[] GIVEN = {"Ava", "Liam", "Noah", "Emma", "Olivia", "Mia", "Lucas", "Ethan", "Zoe",
        "Grace", "Hope", "Will", "May", "Mark", "Rose", "Faith", "June", "Joy", "Bill", "Carter", "Mason", "Logan",
        "Amelia", "Harper", "Evelyn", "Abigail", "Daniel", "Henry", "Jack", "Luna", "Maria", "Jose", "Sofia", "Ali"};
    private static final String[] SYLLABLES = {"an", "der", "son", "mil", "ler", "ro", "dri", "guez", "jo", "nes",
        "bro", "wn", "wil", "li", "ams", "gar", "cia", "mar", "tin", "lee", "ta", "ka", "ber", "wood", "ford", "ham"};
    private static final String[] WORDS = ("the a to of and in for on with at by from about after before we will "
        + "may mark meeting visit school report court hearing placement family home parent child worker supervisor "
        + "schedule appointment monday tuesday wednesday thursday friday next week please confirm update notes plan "
        + "safety transport foster review services referral provider therapy attendance grades doctor dental form "
        + "signed agreed discussed follow up call back office phone number address rose grace hope june joy").split(" ");

    private BenchData() {
    }

    public static RegistrySnapshot registry(int clients) {
        Random random = new Random(1234);
        Map<String, Client> clientMap = new HashMap<>(clients * 2);
        Map<String, CaseRecord> caseMap = new HashMap<>(clients * 2);
        for (int i = 0; i < clients; i++) {
            StringBuilder family = new StringBuilder();
            int syllables = 2 + random.nextInt(2);
            for (int s = 0; s < syllables; s++) {
                family.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            family.setCharAt(0, Character.toUpperCase(family.charAt(0)));
            String id = "c-" + i;
            clientMap.put(id, new Client(id, GIVEN[random.nextInt(GIVEN.length)], family.toString(),
                Optional.of(LocalDate.of(1990 + random.nextInt(30), 1 + random.nextInt(12), 1 + random.nextInt(28))),
                List.of(String.format("MCD-%07d", i))));
            String number = String.format("%d-CW-%06d", 2000 + i % 25, i);
            caseMap.put(number, new CaseRecord(number, CaseStatus.OPEN, i % 50 == 0, List.of(id)));
        }
        return new RegistrySnapshot(1, List.of("agency.example"), caseMap, clientMap, List.of(), Map.of());
    }

    /**
     * A multipart/alternative message of about {@code targetBytes}: prose paragraphs with quoted earlier mail, the
     * same text as HTML, and one case number and client name of the registry near the top.
     */
    public static byte[] message(int targetBytes, RegistrySnapshot registry) {
        Random random = new Random(targetBytes);
        Client client = registry.clients().get("c-0");
        String caseNumber = registry.cases().keySet().stream().sorted().findFirst().orElse("2000-CW-000000");
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add("Hi team, update on " + caseNumber + " for " + client.givenName() + " " + client.familyName() + ".");
        int textBytes = targetBytes / 2 - 600;
        int size = paragraphs.get(0).length();
        while (size < textBytes) {
            StringBuilder paragraph = new StringBuilder();
            boolean quoted = random.nextInt(4) == 0;
            int words = 30 + random.nextInt(60);
            for (int w = 0; w < words; w++) {
                if (quoted && w % 12 == 0) {
                    paragraph.append(w == 0 ? "> " : "\n> ");
                } else if (w > 0) {
                    paragraph.append(' ');
                }
                paragraph.append(WORDS[random.nextInt(WORDS.length)]);
                if (random.nextInt(15) == 0) {
                    paragraph.append(random.nextBoolean() ? "," : ".");
                }
            }
            paragraphs.add(paragraph.toString());
            size += paragraph.length() + 2;
        }
        String plain = String.join("\r\n\r\n", paragraphs);
        StringBuilder html = new StringBuilder("<html><body>");
        for (String paragraph : paragraphs) {
            String escaped = paragraph.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            html.append(escaped.startsWith("&gt;") ? "<blockquote>" + escaped + "</blockquote>" : "<p>" + escaped + "</p>")
                .append("\r\n");
        }
        html.append("</body></html>");
        String message = "From: worker@agency.example\r\nTo: team@agency.example\r\nSubject: Weekly update\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + plain
            + "\r\n--b1\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + wrap(html.toString()) + "\r\n--b1--\r\n";
        return message.getBytes(StandardCharsets.UTF_8);
    }

    private static String wrap(String html) {
        StringBuilder out = new StringBuilder(html.length() + html.length() / 70);
        int column = 0;
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            out.append(c);
            column = c == '\n' ? 0 : column + 1;
            if (column >= 76 && c == ' ') {
                out.append("\r\n");
                column = 0;
            }
        }
        return out.toString();
    }
}
