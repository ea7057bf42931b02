package org.caseguard.mailets;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.caseguard.core.notice.NoticeKind;
import org.caseguard.core.notice.NoticeRequest;
import org.caseguard.core.policy.Outcome;
import org.caseguard.core.policy.RecipientVerdict;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.core.rules.RuleId;
import org.caseguard.matchers.CaseguardAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NTC-1: refuses every recipient of the mail it is given (use it behind {@code RecipientVerdictIs=refuse}): sends
 * one RFC 3464 notice to the sender naming the recipients, the rules and what to do instead, then drops this
 * copy. Nothing of the content is repeated. No notice goes to a null sender (bounces never bounce).
 *
 * <p>Parameter {@code rule} forces the rule named in the notice (e.g. {@code TAG-1} in the processor for mail that
 * could not be classified); otherwise each recipient's recorded verdict names it. {@code passThrough=true} keeps
 * the mail going instead of dropping it (e.g. to store it in a repository next). Plus the notice parameters.</p>
 *
 * <p>A TAG-3 advisory still on the mail (every recipient refused, so no warning was sent) adds its reason and
 * advice to this notice; the recipients stay listed under the rule that refused them.</p>
 */
public class RefuseRecipients extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RefuseRecipients.class);

    private final RegistryStore registry;
    private NoticeSettings settings;
    private NoticeSender noticeSender;
    private Optional<RuleId> forcedRule;
    private boolean passThrough;

    @Inject
    public RefuseRecipients(RegistryStore registry) {
        this.registry = registry;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = new MailetParameters(getMailetConfig());
        settings = NoticeSettings.parse(parameters, Set.of("rule", "passThrough"));
        noticeSender = settings.sender(registry);
        Optional<String> rule = parameters.optional("rule");
        forcedRule = rule.isEmpty() ? Optional.empty()
            : Optional.of(RuleId.parse(rule.get()).orElseThrow(() -> parameters.invalid("rule", "a rule ID such as TAG-1 or FW-2", rule.get())));
        passThrough = parameters.bool("passThrough", false);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        String key = CaseguardAttributes.messageKey(mail);
        Map<String, RecipientVerdict> recorded = CaseguardAttributes.verdicts(mail);
        List<RecipientVerdict> refused = mail.getRecipients().stream()
            .map(MailAddress::asString)
            .map(recipient -> forcedRule.map(rule -> RecipientVerdict.of(recipient, rule, Outcome.REFUSE))
                .orElseGet(() -> Optional.ofNullable(recorded.get(recipient))
                    .orElse(RecipientVerdict.of(recipient, RuleId.TAG_1, Outcome.REFUSE))))
            .toList();
        Set<RuleId> rules = refused.stream().flatMap(verdict -> verdict.rule().stream())
            .collect(Collectors.toCollection(java.util.HashSet::new));
        rules.addAll(adviceForTheSender(mail));
        LOGGER.info("caseguard refused key={} recipients={} rules={}", key, refused.size(),
            rules.stream().map(RuleId::id).sorted().toList());

        Optional<MailAddress> sender = mail.getMaybeSender().asOptional();
        if (sender.isPresent()) {
            MimeMessage original = mail.getMessage();
            Map<String, List<String>> details = forcedRule.isPresent() ? Map.of() : CaseguardAttributes.verdictDetails(mail);
            NoticeRequest request = new NoticeRequest(NoticeKind.REFUSED, sender.get().asString(), refused, rules,
                Optional.ofNullable(original.getMessageID()), receivedAt(mail), key, details);
            MailAddress from = noticeSender.address(getMailetContext());
            MimeMessage notice = settings.composer(from).compose(request, from.asString());
            getMailetContext().sendMail(MailAddress.nullSender(), List.of(sender.get()), notice);
        } else {
            LOGGER.info("caseguard refused key={} has a null sender: no notice", key);
        }
        if (!passThrough) {
            mail.setState(Mail.GHOST);
        }
    }

    /**
     * TAG-3 advice that {@code SendPolicyAdvisories} left on the mail because no recipient received it: it belongs
     * in this notice (one notice that says what happened), not in a warning that would speak of a delivery.
     */
    private static Set<RuleId> adviceForTheSender(Mail mail) {
        return CaseguardAttributes.advisories(mail).stream()
            .flatMap(advisory -> RuleId.parse(advisory).stream())
            .filter(RuleId.TAG_3::equals)
            .collect(Collectors.toSet());
    }

    private static Instant receivedAt(Mail mail) {
        return mail.getLastUpdated() == null ? Instant.now() : mail.getLastUpdated().toInstant();
    }

    @Override
    public String getMailetInfo() {
        return "caseguard refusal notice (NTC-1)";
    }
}
