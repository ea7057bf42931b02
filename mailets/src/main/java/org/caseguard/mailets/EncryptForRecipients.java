package org.caseguard.mailets;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.caseguard.core.crypto.CertificateResolution;
import org.caseguard.core.crypto.CrlPolicy;
import org.caseguard.core.crypto.RecipientCertificates;
import org.caseguard.core.crypto.StoredRecipientCertificates;
import org.caseguard.core.crypto.smime.EncryptionOptions;
import org.caseguard.core.crypto.smime.SmimeEncryptor;
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
 * ENC-1 / ENC-2 for the recipients that may only receive a message encrypted (put it behind
 * {@code RecipientRequiresEncryption}): each gets its own copy, S/MIME-encrypted to its newest usable certificate
 * and to the agency's escrow certificate, sent straight to {@code deliveryProcessor} (it was judged already); a
 * recipient with no usable certificate is refused under ENC-2, with one notice to the sender listing why for each.
 * Nothing is ever sent in clear. Without an escrow certificate configured, encryption is not set up and every
 * recipient is refused under ENC-2, saying so.
 *
 * <p>Parameters: {@code escrowCertificate} (PEM or DER file, {@code file://conf/...} or an absolute path),
 * {@code keyTransport} for RSA certificates ({@code rsa-oaep}, default, or {@code rsa-pkcs1}; EC certificates always
 * get ECDH key agreement), {@code contentEncryption} ({@code aes-256-cbc}, default, or {@code aes-256-gcm}),
 * {@code protectHeaders} ({@code false}, default, or {@code true}: the real Subject travels encrypted) with
 * {@code outerSubject} (the neutral Subject shown outside, default "Encrypted message"), {@code crl} ({@code off},
 * {@code when-available}, default, or {@code required}), {@code deliveryProcessor} (default {@code relay}), and the
 * notice parameters.</p>
 */
public class EncryptForRecipients extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(EncryptForRecipients.class);
    private static final String NOT_SET_UP = "encryption is not set up on this server (no escrow certificate is configured)";

    private final RegistryStore registry;
    private final MetricFactory metricFactory;
    private final ConfiguredFiles files;
    private final Clock clock;
    private NoticeSettings settings;
    private NoticeSender noticeSender;
    private Optional<X509Certificate> escrow;
    private SmimeEncryptor encryptor;
    private RecipientCertificates certificates;
    private String deliveryProcessor;

    @Inject
    public EncryptForRecipients(RegistryStore registry, MetricFactory metricFactory, FileSystem fileSystem) {
        this(registry, metricFactory, ConfiguredFiles.through(fileSystem), Clock.systemUTC());
    }

    EncryptForRecipients(RegistryStore registry, MetricFactory metricFactory, ConfiguredFiles files, Clock clock) {
        this.registry = registry;
        this.metricFactory = metricFactory;
        this.files = files;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = new MailetParameters(getMailetConfig());
        settings = NoticeSettings.parse(parameters, Set.of("escrowCertificate", "keyTransport", "crl", "deliveryProcessor",
            "contentEncryption", "protectHeaders", "outerSubject"));
        noticeSender = settings.sender(registry);
        encryptor = new SmimeEncryptor(encryptionOptions(parameters));
        String crl = parameters.orDefault("crl", "when-available");
        CrlPolicy crlPolicy = CrlPolicy.parse(crl).orElseThrow(() -> parameters.invalid("crl", "off, when-available or required", crl));
        certificates = new StoredRecipientCertificates(registry.certificates(), registry::version, crlPolicy);
        deliveryProcessor = parameters.orDefault("deliveryProcessor", "relay");
        escrow = Optional.empty();
        Optional<String> escrowFile = parameters.optional("escrowCertificate");
        if (escrowFile.isPresent()) {
            try {
                Path path = files.locate(escrowFile.get());
                try (InputStream in = Files.newInputStream(path)) {
                    escrow = Optional.of((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
                }
            } catch (Exception e) {
                throw parameters.invalid("escrowCertificate", "a readable PEM or DER certificate file (file://conf/... or an absolute path)",
                    escrowFile.get());
            }
        }
    }

    private static EncryptionOptions encryptionOptions(MailetParameters parameters) throws MessagingException {
        String transport = parameters.orDefault("keyTransport", "rsa-oaep");
        EncryptionOptions options = EncryptionOptions.defaults().withKeyTransport(switch (transport) {
            case "rsa-oaep" -> SmimeEncryptor.KeyTransport.RSA_OAEP_SHA256;
            case "rsa-pkcs1" -> SmimeEncryptor.KeyTransport.RSA_PKCS1_V15;
            default -> throw parameters.invalid("keyTransport", "rsa-oaep or rsa-pkcs1", transport);
        });
        String content = parameters.orDefault("contentEncryption", "aes-256-cbc");
        options = options.withContentEncryption(switch (content) {
            case "aes-256-cbc" -> EncryptionOptions.ContentEncryption.AES_256_CBC;
            case "aes-256-gcm" -> EncryptionOptions.ContentEncryption.AES_256_GCM;
            default -> throw parameters.invalid("contentEncryption", "aes-256-cbc or aes-256-gcm", content);
        });
        boolean protectHeaders = parameters.bool("protectHeaders", false);
        Optional<String> outerSubject = parameters.optional("outerSubject");
        if (!protectHeaders) {
            if (outerSubject.isPresent()) {
                throw parameters.invalid("outerSubject", "set only together with protectHeaders=true", outerSubject.get());
            }
            return options;
        }
        String subject = outerSubject.orElse(EncryptionOptions.DEFAULT_OUTER_SUBJECT);
        if (subject.length() > 200) {
            throw parameters.invalid("outerSubject", "one line of at most 200 characters", subject.substring(0, 40) + "...");
        }
        try {
            return options.withProtectedHeaders(subject);
        } catch (IllegalArgumentException e) {
            throw parameters.invalid("outerSubject", e);
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        String key = CaseguardAttributes.messageKey(mail);
        Instant now = clock.instant();
        List<RecipientVerdict> refused = new ArrayList<>();
        Map<String, List<String>> details = new LinkedHashMap<>();
        for (MailAddress recipient : mail.getRecipients()) {
            CertificateResolution resolution = escrow.isEmpty() ? CertificateResolution.none(List.of(NOT_SET_UP))
                : certificates.resolve(recipient.asString(), now);
            if (resolution.certificate().isEmpty()) {
                refused.add(RecipientVerdict.of(recipient.asString(), RuleId.ENC_2, Outcome.REFUSE));
                details.put(recipient.asString(), resolution.refusals());
                metricFactory.generate("caseguard.ENC-2.refuse").increment();
                continue;
            }
            MimeMessage encrypted = encryptor.encrypt(mail.getMessage(), resolution.certificate().get(), escrow.get());
            MailImpl.Builder copy = MailImpl.builder()
                .name(mail.getName() + "-enc-" + UUID.randomUUID())
                .sender(mail.getMaybeSender())
                .addRecipient(recipient)
                .mimeMessage(encrypted)
                .addAttribute(new org.apache.mailet.Attribute(CaseguardAttributes.MESSAGE_KEY, org.apache.mailet.AttributeValue.of(key)));
            // JRN-1: the copy is journaled as it leaves, linked to the original's entry.
            mail.getAttribute(CaseguardAttributes.JOURNAL_KEY).ifPresent(copy::addAttribute);
            getMailetContext().sendMail(copy.build(), deliveryProcessor);
            metricFactory.generate("caseguard.ENC-1.encrypted").increment();
            LOGGER.info("caseguard encrypted key={} rule=ENC-1", key);
        }
        if (!refused.isEmpty()) {
            LOGGER.info("caseguard refused key={} recipients={} rules=[ENC-2]", key, refused.size());
            notifySender(mail, refused, details, key);
        }
        mail.setState(Mail.GHOST);
    }

    private void notifySender(Mail mail, List<RecipientVerdict> refused, Map<String, List<String>> details, String key)
        throws MessagingException {
        Optional<MailAddress> sender = mail.getMaybeSender().asOptional();
        if (sender.isEmpty()) {
            return;
        }
        NoticeRequest request = new NoticeRequest(NoticeKind.REFUSED, sender.get().asString(), refused, Set.of(RuleId.ENC_2),
            Optional.ofNullable(mail.getMessage().getMessageID()),
            mail.getLastUpdated() == null ? Instant.now() : mail.getLastUpdated().toInstant(), key, details);
        MailAddress from = noticeSender.address(getMailetContext());
        getMailetContext().sendMail(MailAddress.nullSender(), List.of(sender.get()), settings.composer(from).compose(request, from.asString()));
    }

    @Override
    public String getMailetInfo() {
        return "caseguard S/MIME encryption per recipient (ENC-1), refusal when impossible (ENC-2)";
    }
}
