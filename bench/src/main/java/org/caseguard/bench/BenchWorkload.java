package org.caseguard.bench;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic synthetic agency data: N clients each with one open case, staff users, and ~5 KB messages in the
 * mix 70% ordinary internal mail, 20% case mail to a colleague, 10% case mail to an outside address.
 * Client surnames are made of syllables, so ordinary text never names a client by accident.
 */
final class BenchWorkload {
    enum Kind {
        ORDINARY_INTERNAL, CASE_INTERNAL, CASE_OUTSIDE
    }

    record Planned(Kind kind, String recipient, String subject, String body) {
    }

    static final String DOMAIN = "agency.example";
    static final String PASSWORD = "bench-Passw0rd";

    private static final String[] GIVEN = {"Maria", "James", "Aisha", "Daniel", "Sofia", "Liam", "Olivia", "Noah", "Emma",
        "Mateo", "Chloe", "Ethan", "Amara", "Lucas", "Zoe", "Isaac", "Leila", "Owen", "Nadia", "Caleb", "Priya", "Elias",
        "Hana", "Jonah", "Ruby", "Felix", "Mei", "Tobias", "Ines", "Kofi", "Layla", "Marcus", "Yara", "Dmitri", "Alma",
        "Reza", "Greta", "Tariq", "Selma", "Nico"};
    private static final String[] SYLLABLES = {"har", "wen", "dal", "bro", "ket", "mor", "vin", "sel", "tam", "gor",
        "lind", "qua", "rus", "fen", "zan", "pell", "ost", "bri", "cald", "mun"};
    private static final String[] SUFFIXES = {"well", "ford", "son", "ski", "ley", "ner", "by", "ton", "man", "ez"};

    private static final List<String> SENTENCES = List.of(
        "Thanks for covering the intake line on Tuesday afternoon, it made a real difference to the queue.",
        "The team meeting is moved to room 3B because the conference room is booked for training.",
        "Please remember to submit your mileage forms before the end of the month so finance can process them.",
        "The new scheduling template is on the shared drive under Operations, let me know if anything is unclear.",
        "I reviewed the draft and added a few comments in the margin, mostly about wording and order of sections.",
        "Facilities will be testing the fire alarm on Thursday morning between nine and ten.",
        "Could you send me the updated contact list for the community partners when you have a moment?",
        "The supervision schedule for next quarter is attached in the usual place; swaps are fine if you agree them.",
        "We are short two people on the weekend rota, so volunteers would be very welcome.",
        "I will be working from the north office on Wednesday, so call my mobile if you need me.",
        "The training on trauma-informed practice has three places left; sign up through the learning portal.",
        "Parking at the south building will be limited next week while the car park is resurfaced.",
        "Thank you all for the effort on the audit preparation, the reviewers were positive about our files.",
        "The printer on the second floor is fixed, but the one by the kitchen still jams on double-sided jobs.",
        "Please check that your out-of-office messages point people to the duty worker rather than to a colleague.");
    private static final List<String> CASE_SENTENCES = List.of(
        "The home visit went well; the foster carers report that school attendance has improved this term.",
        "The family asked to move the next contact session to a Saturday because of the new work schedule.",
        "I spoke with the school counsellor, who will share the attendance summary before the review meeting.",
        "The health assessment is booked for the fourteenth and transport has been arranged through the usual provider.",
        "Please add the outcome of the review to the case notes before Friday so the supervisor can sign it off.",
        "The placement plan needs a small update about the after-school activities and the new contact arrangements.");
    private static final String[] SUBJECTS = {"Team meeting", "Rota for next week", "Mileage forms", "Training places",
        "Printer update", "Parking next week", "Audit feedback", "Supervision schedule"};
    private static final String[] CASE_SUBJECTS = {"Visit notes", "Review meeting", "Placement plan update",
        "Health assessment", "School liaison"};

    private final int clients;
    private final int staff;
    private final int messageBytes;
    private final long seed;

    BenchWorkload(int clients, int staff, int messageBytes, long seed) {
        this.clients = clients;
        this.staff = staff;
        this.messageBytes = messageBytes;
        this.seed = seed;
    }

    static String staffAddress(int index) {
        return String.format(Locale.ROOT, "staff%03d@%s", index, DOMAIN);
    }

    String clientId(int index) {
        return "C-" + index;
    }

    String caseNumber(int index) {
        return String.format(Locale.ROOT, "%04d-CW-%05d", 2020 + index / 100_000, index % 100_000);
    }

    String givenName(int index) {
        return GIVEN[index % GIVEN.length];
    }

    String familyName(int index) {
        int a = index % SYLLABLES.length;
        int b = (index / SYLLABLES.length) % SYLLABLES.length;
        int c = (index / (SYLLABLES.length * SYLLABLES.length)) % SUFFIXES.length;
        String name = SYLLABLES[a] + SYLLABLES[b] + SUFFIXES[c];
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    String dateOfBirth(int index) {
        Random random = new Random(seed * 31 + index);
        return String.format(Locale.ROOT, "%04d-%02d-%02d", 2005 + random.nextInt(15), 1 + random.nextInt(12), 1 + random.nextInt(28));
    }

    /** The registry as JSON lines for POST /caseguard/import?format=jsonl: all clients, then one open case each. */
    String registryJsonLines() {
        StringBuilder out = new StringBuilder(clients * 220);
        for (int i = 1; i <= clients; i++) {
            out.append("{\"type\":\"client\",\"id\":\"").append(clientId(i)).append("\",\"givenName\":\"").append(givenName(i))
                .append("\",\"familyName\":\"").append(familyName(i)).append("\",\"dateOfBirth\":\"").append(dateOfBirth(i))
                .append("\",\"identifiers\":[]}\n");
        }
        for (int i = 1; i <= clients; i++) {
            out.append("{\"type\":\"case\",\"number\":\"").append(caseNumber(i))
                .append("\",\"status\":\"open\",\"restricted\":false,\"clients\":[\"").append(clientId(i)).append("\"]}\n");
        }
        return out.toString();
    }

    /**
     * One consent record per client (consent profile runs), in the wire form of docs/consent-registry.md: every CN-1
     * condition met, a consented address of the client's own, so the consent stage indexes as many addresses as
     * there are clients. The workload mails none of them: what is measured is the stage's cost on ordinary traffic.
     */
    String consentJsonLines() {
        StringBuilder out = new StringBuilder(clients * 600);
        for (int i = 1; i <= clients; i++) {
            out.append("{\"clientId\":\"").append(clientId(i)).append("\",\"preferredContact\":\"email\",")
                .append("\"programApproval\":{\"program\":\"Outpatient\",\"approvedBy\":\"pm\",\"approvedOn\":\"2025-01-01\"},")
                .append("\"clinicianDetermination\":{\"clinician\":\"staff1\",\"determinedOn\":\"2025-01-02\"},")
                .append("\"form\":{\"formId\":\"MH708-").append(i).append("\",\"signedByClient\":true,\"signedByWorker\":\"staff1\",")
                .append("\"signedOn\":\"2025-01-03\",\"effectiveFrom\":\"2025-01-03\",\"expiresOn\":\"2099-01-01\"},")
                .append("\"consentedAddress\":\"client").append(i).append("@clients.example\",\"minor\":false,\"consentGivenBy\":\"client\",")
                .append("\"permittedPurposes\":[\"scheduling\",\"appointment-reminder\"],\"knownAddresses\":[]}\n");
        }
        return out.toString();
    }

    /** Message {@code index} of a phase; the sender is the connection's user, the recipient never the sender. */
    Planned plan(String phase, int index, int senderIndex) {
        Random random = new Random(seed ^ (phase.hashCode() * 1_000_003L) ^ index * 7919L);
        int roll = random.nextInt(100);
        Kind kind = roll < 70 ? Kind.ORDINARY_INTERNAL : roll < 90 ? Kind.CASE_INTERNAL : Kind.CASE_OUTSIDE;
        String recipient;
        if (kind == Kind.CASE_OUTSIDE) {
            recipient = "partner" + random.nextInt(50) + "@outside-partner.example";
        } else {
            int other = 1 + random.nextInt(staff - 1);
            recipient = staffAddress(other >= senderIndex ? other + 1 : other);
        }
        StringBuilder body = new StringBuilder(messageBytes + 200);
        String subject;
        body.append("Hi,\r\n\r\n");
        if (kind == Kind.ORDINARY_INTERNAL) {
            subject = SUBJECTS[random.nextInt(SUBJECTS.length)];
        } else {
            subject = CASE_SUBJECTS[random.nextInt(CASE_SUBJECTS.length)];
            int client = 1 + random.nextInt(clients);
            body.append("About case ").append(caseNumber(client)).append(" (").append(givenName(client)).append(' ')
                .append(familyName(client)).append(", born ").append(dateOfBirth(client)).append("):\r\n\r\n");
            for (int i = 0; i < 3; i++) {
                body.append(CASE_SENTENCES.get(random.nextInt(CASE_SENTENCES.size()))).append("\r\n");
            }
            body.append("\r\n");
        }
        while (body.length() < messageBytes - 120) {
            for (int i = 0; i < 4 && body.length() < messageBytes - 120; i++) {
                body.append(SENTENCES.get(random.nextInt(SENTENCES.size()))).append(' ');
            }
            body.append("\r\n\r\n");
        }
        body.append("Best regards,\r\n").append(staffAddress(senderIndex).replace("@" + DOMAIN, "")).append("\r\n");
        return new Planned(kind, recipient, subject, body.toString());
    }

    static String raw(String benchId, String messageId, String from, String to, String subject, String body) {
        return "From: " + from + "\r\n"
            + "To: " + to + "\r\n"
            + "Subject: " + subject + "\r\n"
            + "Message-ID: " + messageId + "\r\n"
            + "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
            + "X-Bench-Id: " + benchId + "\r\n"
            + "X-Bench-Sent: " + System.currentTimeMillis() + "\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "\r\n"
            + body;
    }
}
