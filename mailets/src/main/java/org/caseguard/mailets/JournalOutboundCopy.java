package org.caseguard.mailets;

import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.Mail;
import org.apache.james.core.MailAddress;
import org.apache.mailet.base.GenericMailet;
import org.caseguard.journal.store.Journal;
import org.caseguard.journal.store.JournalUnavailableException;
import org.caseguard.matchers.CaseguardAttributes;

/**
 * JRN-1: records the S/MIME copies the server made (encrypted for one recipient, or signed) with the exact bytes that
 * leave, linked to the original's journal entry. Place it last before RemoteDelivery, after the header stripping,
 * so the journal holds what the recipient gets. Mail that is not S/MIME passes unrecorded: its bytes are the
 * received ones, already journaled. Parameter {@code retryDelays} (JRN-2).
 */
public class JournalOutboundCopy extends GenericMailet {
    private final Journal journal;
    private final MailQueueFactory<?> queues;
    private JournalDeferral deferral;

    @Inject
    public JournalOutboundCopy(Journal journal, MailQueueFactory<?> queues) {
        this.journal = journal;
        this.queues = queues;
    }

    @Override
    public void init() throws MessagingException {
        deferral = JournalDeferral.from(queues, new MailetParameters(getMailetConfig()));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<String> protection = protection(mail.getMessage().getContentType());
        if (protection.isEmpty()) {
            return;
        }
        Optional<String> original = CaseguardAttributes.journalKey(mail);
        if (original.isEmpty()) {
            deferral.defer(mail, new JournalUnavailableException("JRN-1: an S/MIME copy without the journal key of its original", null));
            return;
        }
        try {
            journal.recordOutboundCopy(Optional.of(mail.getName()), original.get(),
                mail.getRecipients().stream().map(MailAddress::asString).toList(), protection.get(), JournalReceived.bytes(mail));
            JournalDeferral.journaled(mail);
        } catch (JournalUnavailableException e) {
            deferral.defer(mail, e);
        }
    }

    static Optional<String> protection(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/pkcs7-mime") || type.startsWith("application/x-pkcs7-mime")) {
            return Optional.of(type.contains("authenveloped-data") ? "smime-authenveloped" : type.contains("signed-data") ? "smime-signed" : "smime-enveloped");
        }
        if (type.startsWith("multipart/signed") && type.contains("pkcs7-signature")) {
            return Optional.of("smime-signed");
        }
        return Optional.empty();
    }

    @Override
    public String getMailetInfo() {
        return "caseguard JRN-1: record the S/MIME copies that leave, linked to their original";
    }
}
