package org.caseguard.mailets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.james.core.MailAddress;
import org.apache.mailet.base.GenericMailet;
import org.caseguard.journal.entry.Envelope;
import org.caseguard.journal.store.Journal;
import org.caseguard.journal.store.JournalUnavailableException;
import org.caseguard.matchers.CaseguardAttributes;

/**
 * JRN-1: the first mailet of {@code root}. Records the exact bytes and the envelope (MAIL FROM, every RCPT TO
 * including Bcc, authenticated user, remote address and host, time) before anything can change or deliver the
 * message, and marks the mail with its journal key. A mail James retries is journaled once (keyed by mail name).
 * If the journal cannot be written the mail is deferred (JRN-2, {@link JournalDeferral}); parameter
 * {@code retryDelays} (default {@value JournalDeferral#DEFAULT_DELAYS}).
 */
public class JournalReceived extends GenericMailet {
    private static final AttributeName SMTP_AUTH_USER = AttributeName.of("org.apache.james.SMTPAuthUser");

    private final Journal journal;
    private final MailQueueFactory<?> queues;
    private final Clock clock;
    private JournalDeferral deferral;

    /** Takes the journal's services, not the bare journal, so that its signed tree heads and scheduled disposals run. */
    @Inject
    public JournalReceived(JournalServices services, MailQueueFactory<?> queues) {
        this(services.journal(), queues, Clock.systemUTC());
    }

    JournalReceived(Journal journal, MailQueueFactory<?> queues, Clock clock) {
        this.journal = journal;
        this.queues = queues;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        deferral = JournalDeferral.from(queues, new MailetParameters(getMailetConfig()));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (CaseguardAttributes.journalKey(mail).isPresent()) {
            return;
        }
        try {
            String key = journal.recordReceived(Optional.of(mail.getName()), envelope(mail), bytes(mail), Journal.SOURCE_SPOOL);
            CaseguardAttributes.setJournalKey(mail, key);
            JournalDeferral.journaled(mail);
        } catch (JournalUnavailableException e) {
            deferral.defer(mail, e);
        }
    }

    private Envelope envelope(Mail mail) {
        List<String> recipients = mail.getRecipients().stream().map(MailAddress::asString).toList();
        Optional<String> authUser = mail.getAttribute(SMTP_AUTH_USER).map(attribute -> String.valueOf(attribute.getValue().value()));
        return new Envelope(mail.getMaybeSender().asString(""), recipients, authUser,
            Optional.ofNullable(mail.getRemoteAddr()), Optional.ofNullable(mail.getRemoteHost()), clock.instant());
    }

    static byte[] bytes(Mail mail) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, Math.max(1024, mail.getMessageSize())));
        try {
            mail.getMessage().writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("JRN-1: the message could not be read", e);
        }
        return out.toByteArray();
    }

    @Override
    public String getMailetInfo() {
        return "caseguard JRN-1: journal the exact bytes and envelope before processing";
    }
}
