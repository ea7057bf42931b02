package org.caseguard.mailets;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import javax.inject.Inject;
import javax.mail.Address;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.core.MaybeSender;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.caseguard.core.autoreply.AutoReplyEligibility;
import org.caseguard.core.autoreply.AutoReplyKind;
import org.caseguard.core.autoreply.AutoReplyLedger;
import org.caseguard.core.autoreply.ClientMailFlags;
import org.caseguard.core.consent.AddressRole;
import org.caseguard.core.consent.ConsentConditions;
import org.caseguard.core.consent.ConsentRecord;
import org.caseguard.core.consent.ConsentStore;
import org.caseguard.core.consent.ConsentView;
import org.caseguard.core.consent.ContentLabel;
import org.caseguard.core.consent.ContentLabels;
import org.caseguard.core.policy.PolicyView;
import org.caseguard.core.registry.RegistryCache;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.matchers.CaseguardAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound mail from a client (CN-6, CN-10, OPS-2). For mail whose envelope sender (or, failing that, whose From
 * address) is a client's address and that has at least one internal recipient:
 * <ul>
 * <li>records {@code caseguard.clientMail} (consent in effect, urgent, privacy request) for the delivery stage,
 *     which shows it to internal readers as headers ({@code AddClassificationHeader});</li>
 * <li>CN-6: emergent content ({@code crisis} label) adds the client's supervisor as a recipient and marks the mail
 *     urgent, whatever the consent;</li>
 * <li>CN-10: a privacy-rights request notifies the worker (a short notice without content);</li>
 * <li>sends at most one automatic reply per message, the first that applies of: crisis (crisis line first), CN-10
 *     (forms attached, marked for encryption), CN-6 (consent not in effect: please call or write), OPS-2 out of
 *     hours, OPS-2 acknowledgement (the last two only while consent is in effect). RFC 3834 applies to all of them
 *     ({@link AutoReplyEligibility}) and the shared ledger allows one per address per kind per {@code replyPeriod}.</li>
 * </ul>
 * Content labels come from the labeler stage through {@code caseguard.contentLabels}; place this mailet after it and
 * after RecipientRewriteTable, before local delivery. Replies carry {@code caseguard.autoReply} = the rule ID so the
 * outbound consent policy can recognise them. Logs carry rule IDs, reasons and the opaque message key only.
 */
public class AnswerClientMail extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(AnswerClientMail.class);

    private final RegistryStore registry;
    private final RegistryCache<PolicyView> policyView;
    private final RegistryCache<ConsentView> consentView;
    private final AutoReplyLedger ledger;
    private final Clock clock;
    private final ConfiguredFiles files;
    private AutoReplySettings settings;
    private NoticeSender noticeSender;

    private Optional<MetricFactory> metrics = Optional.empty();

    @Inject
    public AnswerClientMail(RegistryStore registry, FileSystem fileSystem, MetricFactory metricFactory) {
        this(registry, registry::consents, Clock.systemUTC(), ConfiguredFiles.through(fileSystem));
        this.metrics = Optional.of(metricFactory);
    }

    AnswerClientMail(RegistryStore registry, Supplier<ConsentStore> consents, Clock clock) {
        this(registry, consents, clock, ConfiguredFiles.asWritten());
    }

    /** @param consents the consent registry, asked only when the registry version changed */
    AnswerClientMail(RegistryStore registry, Supplier<ConsentStore> consents, Clock clock, ConfiguredFiles files) {
        this.registry = registry;
        this.policyView = new RegistryCache<>(registry, PolicyView::of);
        this.consentView = new RegistryCache<>(registry::version, () -> ConsentView.of(consents.get().all()));
        this.ledger = registry.autoReplies();
        this.clock = clock;
        this.files = files;
    }

    @Override
    public void init() throws MessagingException {
        settings = AutoReplySettings.parse(new MailetParameters(getMailetConfig()), files);
        noticeSender = NoticeSender.of(settings.noticeSender(), registry);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (CaseguardAttributes.clientMail(mail).isPresent()) {
            return; // already answered: the mail came round again (split, retry)
        }
        ConsentView view = consentView.get();
        Optional<String> envelopeSender = mail.getMaybeSender().asOptional().map(MailAddress::asString);
        Optional<String> clientAddress = clientAddress(envelopeSender, mail.getMessage(), view);
        if (clientAddress.isEmpty()) {
            return;
        }
        PolicyView policy = policyView.get();
        List<MailAddress> internal = mail.getRecipients().stream().filter(r -> policy.isInternal(r.asString())).toList();
        if (internal.isEmpty()) {
            return;
        }
        String key = CaseguardAttributes.messageKey(mail);
        Instant now = clock.instant();
        List<ConsentRecord> records = records(view, clientAddress.get());
        boolean consentInEffect = consentInEffect(view, clientAddress.get(), now);
        ContentLabels labels = CaseguardAttributes.contentLabels(mail).orElseGet(() -> {
            LOGGER.warn("caseguard client mail key={} rule=CN-6 reason=no-content-labels (labeler did not run)", key);
            return ContentLabels.none();
        });
        boolean crisis = labels.has(ContentLabel.CRISIS);
        boolean privacyRequest = labels.has(ContentLabel.PRIVACY_RIGHTS_REQUEST);
        CaseguardAttributes.setClientMail(mail, new ClientMailFlags(consentInEffect, crisis, privacyRequest));
        LOGGER.info("caseguard client mail key={} consentInEffect={} urgent={} privacyRequest={}", key, consentInEffect, crisis, privacyRequest);
        if (crisis) {
            copySupervisors(mail, records, key);
        }

        Optional<AutoReplyKind> kind = choose(consentInEffect, crisis, privacyRequest, now);
        Optional<String> notSent = kind.isEmpty() ? Optional.of("reply-off") : Optional.empty();
        if (kind.isPresent()) {
            notSent = reply(mail, kind.get(), consentInEffect, replyFrom(records, internal), envelopeSender, now, key);
        }
        if (privacyRequest) {
            boolean formsSent = kind.equals(Optional.of(AutoReplyKind.PRIVACY_REQUEST)) && notSent.isEmpty();
            String reason = notSent.orElse(kind.filter(k -> k != AutoReplyKind.PRIVACY_REQUEST).map(k -> k.wire() + "-reply-sent").orElse(""));
            notifyWorkers(mail, records, internal, formsSent, reason, now, key);
        }
    }

    /** The envelope sender when it is a client's; else the From address when that is (flagged, but not answered). */
    private static Optional<String> clientAddress(Optional<String> envelopeSender, MimeMessage message, ConsentView view)
        throws MessagingException {
        if (envelopeSender.isPresent() && !view.rolesOf(envelopeSender.get()).isEmpty()) {
            return envelopeSender;
        }
        String from = message.getHeader("From", ",");
        if (from == null) {
            return Optional.empty();
        }
        try {
            for (Address address : InternetAddress.parseHeader(from, false)) {
                String candidate = ((InternetAddress) address).getAddress();
                if (candidate != null && !view.rolesOf(candidate).isEmpty()) {
                    return Optional.of(candidate);
                }
            }
        } catch (AddressException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static List<ConsentRecord> records(ConsentView view, String address) {
        return view.rolesOf(address).stream().map(AddressRole::clientId).distinct()
            .map(view::record).flatMap(Optional::stream).toList();
    }

    /** CN-1 for this address: a consented address (CN-4: exact, not a variant) of a client whose consent holds today. */
    private boolean consentInEffect(ConsentView view, String address, Instant now) {
        LocalDate today = now.atZone(settings.officeHours().zone()).toLocalDate();
        return view.rolesOf(address).stream().filter(AddressRole::isConsentedAddress)
            .anyMatch(role -> ConsentConditions.unmet(view.record(role.clientId()), today).isEmpty());
    }

    private Optional<AutoReplyKind> choose(boolean consentInEffect, boolean crisis, boolean privacyRequest, Instant now) {
        Set<AutoReplyKind> on = settings.enabled();
        if (crisis && on.contains(AutoReplyKind.CRISIS)) {
            return Optional.of(AutoReplyKind.CRISIS);
        }
        if (privacyRequest && on.contains(AutoReplyKind.PRIVACY_REQUEST)) {
            return Optional.of(AutoReplyKind.PRIVACY_REQUEST);
        }
        if (!consentInEffect) {
            return on.contains(AutoReplyKind.NO_CONSENT) ? Optional.of(AutoReplyKind.NO_CONSENT) : Optional.empty();
        }
        boolean open = settings.officeHours().isOpen(now);
        if (!open && on.contains(AutoReplyKind.OUT_OF_HOURS)) {
            return Optional.of(AutoReplyKind.OUT_OF_HOURS);
        }
        if (open && on.contains(AutoReplyKind.ACKNOWLEDGEMENT)) {
            return Optional.of(AutoReplyKind.ACKNOWLEDGEMENT);
        }
        return Optional.empty();
    }

    /** Sends the reply; empty when sent, else the reason it was not (a wire code, never the address). */
    private Optional<String> reply(Mail mail, AutoReplyKind kind, boolean consentInEffect, MailAddress from,
                                   Optional<String> envelopeSender, Instant now, String key) throws MessagingException {
        Optional<AutoReplyEligibility.Refusal> refusal = AutoReplyEligibility.check(envelopeSender, mail.getMessage());
        if (refusal.isPresent()) {
            LOGGER.info("caseguard auto-reply key={} rule={} kind={} not sent reason={}", key, kind.rule().id(), kind.wire(), refusal.get().wire());
            return Optional.of(refusal.get().wire());
        }
        String client = envelopeSender.orElseThrow();
        if (!ledger.tryRecord(client, kind.wire(), now, settings.replyPeriod())) {
            LOGGER.info("caseguard auto-reply key={} rule={} kind={} not sent reason=already-replied-in-period", key, kind.rule().id(), kind.wire());
            return Optional.of("already-replied-in-period");
        }
        MimeMessage reply = settings.composer().reply(kind, consentInEffect, from.asString(), client,
            Optional.ofNullable(mail.getMessage().getMessageID()), now);
        MailImpl.Builder outgoing = MailImpl.builder()
            .name("caseguard-autoreply-" + UUID.randomUUID())
            .addRecipient(new MailAddress(client))
            .mimeMessage(reply)
            .addAttribute(CaseguardAttributes.autoReply(kind.rule()));
        if (kind == AutoReplyKind.PRIVACY_REQUEST) {
            // CN-10 "by the secure method": the encryption stage must encrypt it or refuse it (ENC-2). The worker is
            // the envelope sender, unlike RFC 3834's null sender, so that an ENC-2 refusal notice reaches someone
            // who can send the forms another way.
            outgoing.sender(from).addAttribute(CaseguardAttributes.encryptionRequired(List.of(client)));
        } else {
            outgoing.sender(MaybeSender.nullSender());
        }
        getMailetContext().sendMail(outgoing.build());
        LOGGER.info("caseguard auto-reply key={} rule={} kind={} sent", key, kind.rule().id(), kind.wire());
        metrics.ifPresent(factory -> factory.generate("caseguard." + kind.rule().id() + ".auto-reply." + kind.wire()).increment());
        return Optional.empty();
    }

    /** The worker the client wrote to when on record, else the first internal recipient: the reply's From. */
    private static MailAddress replyFrom(List<ConsentRecord> records, List<MailAddress> internal) {
        for (ConsentRecord record : records) {
            Optional<MailAddress> worker = record.worker().flatMap(w -> internal.stream().filter(r -> r.asString().equalsIgnoreCase(w)).findFirst());
            if (worker.isPresent()) {
                return worker.get();
            }
        }
        return internal.get(0);
    }

    private static void copySupervisors(Mail mail, List<ConsentRecord> records, String key) {
        Set<MailAddress> recipients = new LinkedHashSet<>(mail.getRecipients());
        int added = 0;
        for (ConsentRecord record : records) {
            for (String supervisor : record.supervisor().stream().toList()) {
                Optional<MailAddress> address = parse(supervisor);
                if (address.isPresent() && recipients.stream().noneMatch(r -> r.asString().equalsIgnoreCase(supervisor))) {
                    recipients.add(address.get());
                    added++;
                }
            }
        }
        if (records.stream().allMatch(record -> record.supervisor().isEmpty())) {
            LOGGER.warn("caseguard client mail key={} rule=CN-6 urgent reason=no-supervisor-on-record", key);
        }
        if (added > 0) {
            mail.setRecipients(new ArrayList<>(recipients));
            LOGGER.info("caseguard client mail key={} rule=CN-6 urgent supervisorsCopied={}", key, added);
        }
    }

    private void notifyWorkers(Mail mail, List<ConsentRecord> records, List<MailAddress> internal, boolean formsSent,
                               String reason, Instant now, String key) throws MessagingException {
        Set<MailAddress> workers = new LinkedHashSet<>();
        records.forEach(record -> record.worker().flatMap(AnswerClientMail::parse).ifPresent(workers::add));
        if (workers.isEmpty()) {
            workers.addAll(internal);
        }
        MailAddress from = noticeSender.address(getMailetContext());
        for (MailAddress worker : workers) {
            MimeMessage notice = settings.composer().privacyRequestNotice(from.asString(), worker.asString(), formsSent,
                reason, key, Optional.ofNullable(mail.getMessage().getMessageID()), now);
            getMailetContext().sendMail(MailAddress.nullSender(), List.of(worker), notice);
        }
        LOGGER.info("caseguard privacy request key={} rule=CN-10 workersNotified={} formsSent={}", key, workers.size(), formsSent);
    }

    private static Optional<MailAddress> parse(String address) {
        try {
            return Optional.of(new MailAddress(address.trim()));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    @Override
    public String getMailetInfo() {
        return "caseguard automatic replies to client mail (CN-6, CN-10, OPS-2)";
    }
}
