package org.caseguard.mailets;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.caseguard.core.detect.Classification;
import org.caseguard.core.policy.FirewallConfig;
import org.caseguard.core.policy.FirewallPolicy;
import org.caseguard.core.policy.PolicyDecision;
import org.caseguard.core.policy.PolicyView;
import org.caseguard.core.policy.RecipientVerdict;
import org.caseguard.core.policy.SubjectNameAction;
import org.caseguard.core.registry.PartyCategory;
import org.caseguard.core.registry.RegistryCache;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.core.rules.RuleId;
import org.caseguard.core.rules.RuleMode;
import org.caseguard.matchers.CaseguardAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, per recipient, under the firewall profile (FW-1..6, TAG-3) and records the verdicts and advisories
 * as mail attributes, with the allow-listed recipients that may receive the mail only encrypted
 * ({@code caseguard.encryptionRequired}, for {@code RecipientRequiresEncryption}); matchers such as
 * {@code RecipientVerdictIs} then split the mail. Runs after
 * RecipientRewriteTable so that forwards to outside addresses are judged by where they really go.
 *
 * <p>Parameters: {@code mode.FW-2}, {@code mode.FW-3}, {@code mode.FW-4}, {@code mode.FW-6}, {@code mode.TAG-3}
 * (on | off | audit, default on); {@code deniedCategories} (FW-4, comma separated directory categories);
 * {@code subjectNameAction} (TAG-3: warn | block, default warn); {@code notifyExternalSender} (FW-6, default false).</p>
 *
 * <p>Mail that was not classified is not judged: it goes to the error processor (fail closed).</p>
 */
public class DecideRecipientPolicy extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(DecideRecipientPolicy.class);

    private final RegistryCache<PolicyView> policyView;
    private final MetricFactory metricFactory;
    private FirewallPolicy policy;

    @Inject
    public DecideRecipientPolicy(RegistryStore registry, MetricFactory metricFactory) {
        this.policyView = new RegistryCache<>(registry, PolicyView::of);
        this.metricFactory = metricFactory;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = new MailetParameters(getMailetConfig());
        Map<RuleId, RuleMode> modes = parameters.ruleModes(FirewallConfig.CONFIGURABLE_RULES);
        Set<PartyCategory> denied = new HashSet<>();
        for (String category : parameters.orDefault("deniedCategories", "").split(",")) {
            if (!category.isBlank()) {
                denied.add(PartyCategory.parse(category).orElseThrow(() -> parameters.invalid("deniedCategories",
                    "a comma separated list of " + PartyCategory.allowedValues(), category.trim())));
            }
        }
        SubjectNameAction subjectNameAction;
        try {
            subjectNameAction = SubjectNameAction.parse("subjectNameAction", parameters.orDefault("subjectNameAction", "warn"));
        } catch (IllegalArgumentException e) {
            throw parameters.invalid("subjectNameAction", e);
        }
        boolean notifyExternalSender = parameters.bool("notifyExternalSender", false);
        policy = new FirewallPolicy(new FirewallConfig(modes, denied, subjectNameAction, notifyExternalSender));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        String key = CaseguardAttributes.messageKey(mail);
        Classification classification = CaseguardAttributes.classification(mail)
            .orElseThrow(() -> new MessagingException("TAG-1: mail " + key + " reached the policy decision unclassified"));
        List<String> recipients = mail.getRecipients().stream().map(MailAddress::asString).toList();
        Optional<String> sender = mail.getMaybeSender().asOptional().map(MailAddress::asString);

        PolicyDecision decision = policy.decide(sender, recipients, classification, policyView.get());

        CaseguardAttributes.setVerdicts(mail, decision.toAttributeMap());
        CaseguardAttributes.setAdvisories(mail, decision.senderAdvisories().stream().map(RuleId::id).toList());
        if (!decision.encryptionRequired().isEmpty()) {
            java.util.Set<String> encrypted = new java.util.TreeSet<>(CaseguardAttributes.encryptionRequired(mail));
            encrypted.addAll(decision.encryptionRequired());
            CaseguardAttributes.setEncryptionRequired(mail, encrypted);
        }
        record(key, decision);
    }

    private void record(String key, PolicyDecision decision) {
        for (RecipientVerdict verdict : decision.verdicts()) {
            metricFactory.generate("caseguard." + verdict.wire().replace(':', '.')).increment();
            if (verdict.rule().isPresent()) {
                LOGGER.info("caseguard verdict key={} verdict={}", key, verdict.wire());
            }
        }
        decision.senderAdvisories().forEach(rule -> LOGGER.info("caseguard advisory key={} rule={}", key, rule.id()));
    }

    @Override
    public String getMailetInfo() {
        return "caseguard per-recipient firewall decision (FW-1..6, TAG-3)";
    }
}
