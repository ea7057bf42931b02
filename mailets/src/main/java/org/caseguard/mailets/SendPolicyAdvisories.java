package org.caseguard.mailets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.caseguard.core.notice.NoticeKind;
import org.caseguard.core.notice.NoticeRequest;
import org.caseguard.core.policy.RecipientVerdict;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.core.rules.RuleId;
import org.caseguard.matchers.CaseguardAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the advisory notices the policy decided on without refusing anything: TAG-3 (client name in the
 * Subject, action warn) to the staff sender, and FW-6 (case detail received by email) to an outside sender.
 * Place it right after {@code DecideRecipientPolicy}, before the mail is split, so each goes once.
 * Auto-submitted mail and null senders never get one (RFC 3834). Takes the notice parameters.
 *
 * <p>The TAG-3 warning says the message was delivered, so it names the recipients whose verdict delivers it and
 * only those. When the policy refused every recipient there is nothing to warn about a delivery: the advisory is
 * left on the mail and {@link RefuseRecipients} folds its advice into the one refusal notice (NTC-1).</p>
 */
public class SendPolicyAdvisories extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(SendPolicyAdvisories.class);

    private final RegistryStore registry;
    private NoticeSettings settings;
    private NoticeSender noticeSender;

    @Inject
    public SendPolicyAdvisories(RegistryStore registry) {
        this.registry = registry;
    }

    @Override
    public void init() throws MessagingException {
        settings = NoticeSettings.parse(new MailetParameters(getMailetConfig()), Set.of());
        noticeSender = settings.sender(registry);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        List<String> advisories = CaseguardAttributes.advisories(mail);
        Optional<MailAddress> sender = mail.getMaybeSender().asOptional();
        if (advisories.isEmpty() || sender.isEmpty() || isAutoSubmitted(mail.getMessage())) {
            return;
        }
        String key = CaseguardAttributes.messageKey(mail);
        List<RecipientVerdict> delivered = deliveredRecipients(mail);
        List<String> foldedIntoRefusal = new ArrayList<>();
        for (String advisory : advisories) {
            RuleId rule = RuleId.parse(advisory).orElseThrow(() -> new MessagingException("unknown advisory rule " + advisory));
            if (rule == RuleId.TAG_3 && delivered.isEmpty()) {
                foldedIntoRefusal.add(advisory);
                LOGGER.info("caseguard advisory key={} rule={} left for the refusal notice: no recipient receives the mail", key, rule.id());
                continue;
            }
            NoticeKind kind = rule == RuleId.FW_6 ? NoticeKind.EXTERNAL : NoticeKind.WARNING;
            List<RecipientVerdict> named = kind == NoticeKind.WARNING ? delivered : List.of();
            NoticeRequest request = new NoticeRequest(kind, sender.get().asString(), named, Set.of(rule),
                Optional.ofNullable(mail.getMessage().getMessageID()), Instant.now(), key);
            MailAddress from = noticeSender.address(getMailetContext());
            MimeMessage notice = settings.composer(from).compose(request, from.asString());
            getMailetContext().sendMail(MailAddress.nullSender(), List.of(sender.get()), notice);
            LOGGER.info("caseguard advisory sent key={} rule={}", key, rule.id());
        }
        CaseguardAttributes.setAdvisories(mail, foldedIntoRefusal);
    }

    /** The recipients the recorded verdicts let the mail reach; no verdict counts as refused, as for {@code RecipientVerdictIs}. */
    private static List<RecipientVerdict> deliveredRecipients(Mail mail) {
        Map<String, RecipientVerdict> verdicts = CaseguardAttributes.verdicts(mail);
        return mail.getRecipients().stream()
            .map(recipient -> verdicts.get(recipient.asString()))
            .filter(verdict -> verdict != null && !verdict.isRefused())
            .toList();
    }

    private static boolean isAutoSubmitted(MimeMessage message) throws MessagingException {
        String value = message.getHeader("Auto-Submitted", ",");
        return value != null && !value.trim().equalsIgnoreCase("no");
    }

    @Override
    public String getMailetInfo() {
        return "caseguard advisory notices (TAG-3 warn, FW-6)";
    }
}
