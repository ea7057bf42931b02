package org.caseguard.core.autoreply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.BodyPart;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

class AutoReplyComposerTest {
    static final AgencyContact CONTACT = new AgencyContact("Eastside Mental Health", "(213) 555-0100",
        "550 S. Vermont Ave, Los Angeles, CA 90020", "(800) 555-0199", "Monday to Friday 08:00-17:00");
    private static final Instant NOW = Instant.parse("2026-11-23T18:00:00Z");
    private static final byte[] FORM = "%PDF-1.4 access request form".getBytes(StandardCharsets.US_ASCII);

    private final AutoReplyComposer composer = new AutoReplyComposer(AutoReplyTexts.defaults(), CONTACT,
        List.of(new ReplyAttachment("access-request.pdf", "application/pdf", FORM)));

    private MimeMessage reply(AutoReplyKind kind, boolean consent) throws Exception {
        return composer.reply(kind, consent, "w.jones@agency.example", "maria@mail.test", Optional.of("<orig-1@mail.test>"), NOW);
    }

    /** All readable text of a message, parts included, decoded. */
    static String text(Part part) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                out.append(text(multipart.getBodyPart(i))).append('\n');
            }
            return out.toString();
        }
        return part.isMimeType("text/*") ? part.getContent().toString() : "";
    }

    static List<BodyPart> attachments(Part part) throws Exception {
        List<BodyPart> found = new ArrayList<>();
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (Part.ATTACHMENT.equalsIgnoreCase(child.getDisposition())) {
                    found.add(child);
                } else {
                    found.addAll(attachments(child));
                }
            }
        }
        return found;
    }

    @Test
    void everyReplyCarriesRfc3834HeadersANeutralSubjectAndTheAgencyAsFrom() throws Exception {
        for (AutoReplyKind kind : AutoReplyKind.values()) {
            MimeMessage reply = reply(kind, true);
            assertThat(reply.getHeader("Auto-Submitted", ",")).isEqualTo("auto-replied");
            assertThat(reply.getHeader("In-Reply-To", ",")).isEqualTo("<orig-1@mail.test>");
            assertThat(reply.getHeader("References", ",")).isEqualTo("<orig-1@mail.test>");
            assertThat(reply.getSubject()).isEqualTo("Automatic reply from Eastside Mental Health");
            assertThat(reply.getFrom()[0].toString()).isEqualTo("w.jones@agency.example");
            assertThat(reply.getAllRecipients()).extracting(Object::toString).containsExactly("maria@mail.test");
            assertThat(reply.getMessageID()).startsWith("<caseguard-autoreply-").endsWith("@agency.example>");
            assertThat(reply.getSentDate().toInstant()).isEqualTo(NOW);
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            reply.writeTo(raw);
            assertThat(raw.toString(StandardCharsets.UTF_8)).doesNotContain("Precedence");
        }
    }

    @Test
    void noConsentReplyAsksForTelephoneOrMailAndGivesTheCrisisLine() throws Exception {
        String text = text(reply(AutoReplyKind.NO_CONSENT, false));
        assertThat(text).contains("not able to answer you by email").contains("(213) 555-0100")
            .contains("550 S. Vermont Ave").contains("(800) 555-0199");
        assertThat(attachments(reply(AutoReplyKind.NO_CONSENT, false))).isEmpty();
    }

    @Test
    void crisisReplyGivesTheCrisisLineFirstAndAsksForTelephoneOnlyWithoutConsent() throws Exception {
        MimeMessage withoutConsent = reply(AutoReplyKind.CRISIS, false);
        String plain = ((Multipart) withoutConsent.getContent()).getBodyPart(0).getContent().toString();
        assertThat(plain).startsWith("If you are in crisis or in danger now, please call (800) 555-0199.");
        assertThat(plain).contains("supervisor as urgent").contains("not able to answer you by email");
        assertThat(text(reply(AutoReplyKind.CRISIS, true))).contains("(800) 555-0199").doesNotContain("not able to answer you by email");
    }

    @Test
    void privacyRequestReplyAttachesTheFormsAndAsksForReturnInPersonOrByMail() throws Exception {
        MimeMessage reply = reply(AutoReplyKind.PRIVACY_REQUEST, false);
        assertThat(reply.isMimeType("multipart/mixed")).isTrue();
        List<BodyPart> forms = attachments(reply);
        assertThat(forms).hasSize(1);
        assertThat(forms.get(0).getFileName()).isEqualTo("access-request.pdf");
        assertThat(forms.get(0).isMimeType("application/pdf")).isTrue();
        assertThat(forms.get(0).getInputStream().readAllBytes()).isEqualTo(FORM);
        assertThat(text(reply)).contains("in person or send it by mail to 550 S. Vermont Ave")
            .contains("personal representative").contains("signed");
    }

    @Test
    void outOfHoursReplyGivesTheHoursAndTheCrisisLine() throws Exception {
        assertThat(text(reply(AutoReplyKind.OUT_OF_HOURS, true))).contains("closed now")
            .contains("Monday to Friday 08:00-17:00").contains("(800) 555-0199");
        assertThat(text(reply(AutoReplyKind.ACKNOWLEDGEMENT, true))).contains("received your message").contains("(800) 555-0199");
    }

    @Test
    void htmlAlternativeIsEscaped() throws Exception {
        AutoReplyComposer composer = new AutoReplyComposer(AutoReplyTexts.defaults(),
            new AgencyContact("A & B <Care>", "1", "2", "3", "4"), List.of());
        MimeMessage reply = composer.reply(AutoReplyKind.ACKNOWLEDGEMENT, true, "w@agency.example", "m@mail.test", Optional.empty(), NOW);
        String html = ((Multipart) reply.getContent()).getBodyPart(1).getContent().toString();
        assertThat(html).contains("A &amp; B &lt;Care&gt;").doesNotContain("<Care>");
        assertThat(reply.getHeader("In-Reply-To")).isNull();
    }

    @Test
    void workerNoticeSaysWhetherFormsWentAndCarriesOnlyTheKey() throws Exception {
        MimeMessage sent = composer.privacyRequestNotice("postmaster@agency.example", "w.jones@agency.example", true,
            "sent", "key-42", Optional.of("<orig-1@mail.test>"), NOW);
        assertThat(sent.getHeader("Auto-Submitted", ",")).isEqualTo("auto-generated");
        assertThat(sent.getSubject()).contains("CN-10");
        assertThat(text(sent)).contains("sent to the client automatically").contains("Reference: key-42");
        MimeMessage notSent = composer.privacyRequestNotice("postmaster@agency.example", "w.jones@agency.example", false,
            "already-replied", "key-43", Optional.empty(), NOW);
        assertThat(text(notSent)).contains("No forms were sent automatically (reason: already-replied)");
    }

    @Test
    void textsCanBeReplacedButOnlyKnownTextsWithKnownVariables() throws Exception {
        AutoReplyTexts texts = AutoReplyTexts.defaults().withOverrides(Map.of("received", "Got it; we answer within {officeHours}."));
        AutoReplyComposer custom = new AutoReplyComposer(texts, CONTACT, List.of());
        assertThat(text(custom.reply(AutoReplyKind.ACKNOWLEDGEMENT, true, "w@agency.example", "m@mail.test", Optional.empty(), NOW)))
            .contains("Got it; we answer within Monday to Friday 08:00-17:00.");
        assertThatThrownBy(() -> AutoReplyTexts.defaults().withOverrides(Map.of("recieved", "x")))
            .hasMessageContaining("'recieved' is not an auto-reply text");
        assertThatThrownBy(() -> AutoReplyTexts.defaults().withOverrides(Map.of("received", "Dear {clientName}")))
            .hasMessageContaining("unknown variable {clientName}");
    }
}
