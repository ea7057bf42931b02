package org.caseguard.mailets;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.caseguard.core.consent.ConsentConfig;
import org.caseguard.core.consent.ConsentDecision;
import org.caseguard.core.consent.ConsentPolicy;
import org.caseguard.core.consent.ConsentView;
import org.caseguard.core.consent.ContentLabels;
import org.caseguard.core.consent.DeclaredPurpose;
import org.caseguard.core.consent.Purpose;
import org.caseguard.core.detect.Classification;
import org.caseguard.core.policy.RecipientVerdict;
import org.caseguard.core.registry.RegistryCache;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.core.rules.RuleId;
import org.caseguard.matchers.CaseguardAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consent profile's outbound decision (CN-1, CN-3, CN-4, CN-5, CN-7, CN-8, CN-9) for recipients that are client
 * addresses in the consent registry. Runs after {@code DecideRecipientPolicy}: it replaces the firewall's verdict for
 * client recipients (a client's consented address is outside the agency, so FW-2 alone would refuse it), except
 * where the firewall refused for a reason of its own (TAG-3 block, FW-4 denied category), which stands. Recipients
 * that pass are added to {@code caseguard.encryptionRequired}: they may only receive the mail encrypted.
 *
 * <p>Parameters: {@code mode.CN-1}, {@code mode.CN-3}, {@code mode.CN-4}, {@code mode.CN-5}, {@code mode.CN-7},
 * {@code mode.CN-8}, {@code mode.CN-9} (on | off | audit, default on); {@code templates} (CN-7: comma separated
 * {@code template=purpose} pairs for the X-Caseguard-Template header); {@code requireContentSupport} (CN-7: the
 * content must read as the declared purpose, default true); {@code zone} (time zone of the consent dates, default
 * the server's).</p>
 */
public class DecideConsentPolicy extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(DecideConsentPolicy.class);
    private static final Set<RuleId> FIREWALL_REFUSALS_THAT_STAND = Set.of(RuleId.TAG_3, RuleId.FW_4);
    private static final List<String> PARAMETERS = List.of("templates", "requireContentSupport", "zone");

    private final RegistryCache<ConsentView> consentView;
    private final MetricFactory metricFactory;
    private final Clock clock;
    private ConsentPolicy policy;
    private ZoneId zone;

    @Inject
    public DecideConsentPolicy(RegistryStore registry, MetricFactory metricFactory) {
        this(registry, metricFactory, Clock.systemUTC());
    }

    DecideConsentPolicy(RegistryStore registry, MetricFactory metricFactory, Clock clock) {
        this.consentView = new RegistryCache<>(registry::version, () -> ConsentView.of(registry.consents().all()));
        this.metricFactory = metricFactory;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = new MailetParameters(getMailetConfig());
        for (String name : parameters.names()) {
            if (!name.startsWith("mode.") && !PARAMETERS.contains(name) && !MailetParameters.isContainerParameter(name)) {
                throw parameters.invalid(name, "one of mode.<rule>, " + String.join(", ", PARAMETERS), name);
            }
        }
        Map<String, Purpose> templates = new HashMap<>();
        for (String pair : parameters.orDefault("templates", "").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            Optional<Purpose> purpose = parts.length == 2 ? Purpose.parse(parts[1]) : Optional.empty();
            if (parts[0].isBlank() || purpose.isEmpty()) {
                throw parameters.invalid("templates", "comma separated template=purpose pairs, purposes: " + Purpose.allowedValues(), pair.trim());
            }
            templates.put(parts[0].trim(), purpose.get());
        }
        try {
            zone = ZoneId.of(parameters.orDefault("zone", ZoneId.systemDefault().getId()));
        } catch (RuntimeException e) {
            throw parameters.invalid("zone", "a time zone ID such as America/Los_Angeles", parameters.orDefault("zone", ""));
        }
        policy = new ConsentPolicy(new ConsentConfig(parameters.ruleModes(ConsentConfig.CONFIGURABLE_RULES), templates,
            parameters.bool("requireContentSupport", true)));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        String key = CaseguardAttributes.messageKey(mail);
        Classification classification = CaseguardAttributes.classification(mail)
            .orElseThrow(() -> new MessagingException("TAG-1: mail " + key + " reached the consent decision unclassified"));
        List<String> recipients = mail.getRecipients().stream().map(MailAddress::asString).toList();
        ConsentDecision decision = policy.decide(recipients, classification.clientIds(),
            CaseguardAttributes.contentLabels(mail).orElse(ContentLabels.notChecked()),
            declaredPurpose(mail.getMessage()), CaseguardAttributes.autoReply(mail), consentView.get(), LocalDate.now(clock.withZone(zone)));
        if (decision.verdicts().isEmpty()) {
            return;
        }
        Map<String, RecipientVerdict> firewall = CaseguardAttributes.verdicts(mail);
        Map<String, String> merged = new LinkedHashMap<>();
        firewall.forEach((recipient, verdict) -> merged.put(recipient, verdict.wire()));
        Set<String> encrypted = new TreeSet<>(CaseguardAttributes.encryptionRequired(mail));
        for (RecipientVerdict verdict : decision.verdicts()) {
            RecipientVerdict earlier = firewall.get(verdict.recipient());
            if (earlier != null && earlier.isRefused() && earlier.rule().filter(FIREWALL_REFUSALS_THAT_STAND::contains).isPresent()) {
                continue;
            }
            merged.put(verdict.recipient(), verdict.wire());
            if (decision.encryptionRequired().contains(verdict.recipient())) {
                encrypted.add(verdict.recipient());
            }
            metricFactory.generate("caseguard." + verdict.wire().replace(':', '.')).increment();
            LOGGER.info("caseguard verdict key={} verdict={}", key, verdict.wire());
        }
        CaseguardAttributes.setVerdicts(mail, merged);
        CaseguardAttributes.setEncryptionRequired(mail, encrypted);
        Map<String, List<String>> details = new LinkedHashMap<>(CaseguardAttributes.verdictDetails(mail));
        details.putAll(decision.reasons());
        CaseguardAttributes.setVerdictDetails(mail, details);
    }

    private DeclaredPurpose declaredPurpose(MimeMessage message) throws MessagingException {
        return DeclaredPurpose.from(Optional.ofNullable(message.getSubject()), headers(message, DeclaredPurpose.PURPOSE_HEADER),
            headers(message, DeclaredPurpose.TEMPLATE_HEADER), policy.config().templates());
    }

    private static List<String> headers(MimeMessage message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null ? List.of() : Arrays.asList(values);
    }

    @Override
    public String getMailetInfo() {
        return "caseguard per-recipient consent decision (CN-1, CN-3, CN-4, CN-5, CN-7, CN-8, CN-9)";
    }
}
