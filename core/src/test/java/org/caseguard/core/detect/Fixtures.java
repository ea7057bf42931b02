package org.caseguard.core.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.caseguard.core.registry.CaseRecord;
import org.caseguard.core.registry.CaseStatus;
import org.caseguard.core.registry.Client;
import org.caseguard.core.registry.RegistrySnapshot;

/** A small registry and helpers to build and classify real MIME messages. */
final class Fixtures {

    static final Session SESSION = Session.getInstance(new Properties());

    static final Client MARIA = new Client("c-maria", "Maria", "Lopez", Optional.of(LocalDate.of(2014, 3, 5)),
        List.of("MCD-884-120"));
    static final Client JOHN_A = new Client("c-john-a", "John", "Smith", Optional.of(LocalDate.of(2010, 1, 2)), List.of());
    static final Client JOHN_B = new Client("c-john-b", "John", "Smith", Optional.empty(), List.of());
    static final Client JOSE = new Client("c-jose", "José", "Núñez", Optional.of(LocalDate.of(2001, 12, 24)), List.of());

    static final CaseRecord CW_123 = new CaseRecord("2023-CW-00123", CaseStatus.OPEN, false, List.of("c-maria"));
    static final CaseRecord CW_77 = new CaseRecord("2022-CW-00077", CaseStatus.OPEN, true, List.of("c-jose"));
    static final CaseRecord MH_999 = new CaseRecord("2021-MH-00999", CaseStatus.CLOSED, false, List.of("c-john-a"));

    static RegistrySnapshot registry(long version) {
        return snapshot(version, List.of(MARIA, JOHN_A, JOHN_B, JOSE), List.of(CW_123, CW_77, MH_999));
    }

    static RegistrySnapshot snapshot(long version, List<Client> clients, List<CaseRecord> cases) {
        return new RegistrySnapshot(version, List.of("agency.example"),
            cases.stream().collect(Collectors.toMap(CaseRecord::number, Function.identity())),
            clients.stream().collect(Collectors.toMap(Client::id, Function.identity())), List.of(), Map.of());
    }

    static DefaultMessageClassifier classifier() {
        return classifier(ClassifierConfig.defaults());
    }

    static DefaultMessageClassifier classifier(ClassifierConfig config) {
        return DefaultMessageClassifier.forSnapshot(config, registry(1));
    }

    /** Parses raw RFC 5322 text (CRLF added) the way a server receives it. */
    static MimeMessage parse(String raw) throws Exception {
        return parse(raw.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    }

    /** Serialises and re-parses, so the classifier sees the bytes that travel, not the in-memory objects. */
    static MimeMessage roundTrip(MimeMessage message) throws Exception {
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return parse(out.toByteArray());
    }

    static Classification classifyText(String subject, String body) {
        return classifier().classify(ExtractedText.of(subject, body));
    }

    static Classification classifyBody(String body) {
        return classifyText("", body);
    }

    static Optional<DetectorHit> hit(Classification classification, String detector) {
        return classification.detectors().stream().filter(h -> h.detector().equals(detector)).findFirst();
    }

    private Fixtures() {
    }
}
