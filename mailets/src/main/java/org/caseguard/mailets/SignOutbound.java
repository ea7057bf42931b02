package org.caseguard.mailets;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.caseguard.core.crypto.AgencyKeys;
import org.caseguard.core.crypto.SigningKeyCheck;
import org.caseguard.core.crypto.smime.SmimeSigner;
import org.caseguard.matchers.CaseguardAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ENC-3: signs mail leaving the agency with the agency's key when its envelope sender is one of {@code senders} or in
 * one of {@code domains}. Put it in {@code transport} behind a matcher for authenticated mail to outside recipients,
 * before {@code EncryptForRecipients}, so that encrypted copies are signed then encrypted. Mail already signed or
 * encrypted by the sender's own client, and mail with no sender (bounces), is left as it is.
 *
 * <p>Parameters: {@code keystore} (PKCS#12, {@code file://conf/...} or an absolute path) with exactly one of
 * {@code keystorePasswordEnv} (the name of an environment variable) or {@code keystorePasswordFile}: the password
 * itself never appears in the configuration; {@code alias} (needed when the keystore holds several keys);
 * {@code senders} and {@code domains} (comma-separated; both empty: nothing is signed, and no keystore is needed);
 * {@code signature} ({@code detached}, default, or {@code opaque}); {@code digest} ({@code sha-256}, default,
 * {@code sha-384} or {@code sha-512}). The key and certificate are checked at startup ({@link SigningKeyCheck}).</p>
 */
public class SignOutbound extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(SignOutbound.class);
    private static final Set<String> PARAMETERS = Set.of("keystore", "keystorePasswordEnv", "keystorePasswordFile", "alias",
        "senders", "domains", "signature", "digest");

    private final MetricFactory metricFactory;
    private final ConfiguredFiles files;
    private final Clock clock;
    private Set<String> senders;
    private Set<String> domains;
    private Optional<SmimeSigner> signer;
    private Optional<AgencyKeys.Entry> key;

    @Inject
    public SignOutbound(MetricFactory metricFactory, FileSystem fileSystem) {
        this(metricFactory, ConfiguredFiles.through(fileSystem), Clock.systemUTC());
    }

    SignOutbound(MetricFactory metricFactory, ConfiguredFiles files, Clock clock) {
        this.metricFactory = metricFactory;
        this.files = files;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = new MailetParameters(getMailetConfig());
        for (String name : parameters.names()) {
            if (!PARAMETERS.contains(name) && !MailetParameters.isContainerParameter(name)) {
                throw parameters.invalid(name, "one of " + PARAMETERS.stream().sorted().toList(), name);
            }
        }
        senders = addresses(parameters);
        domains = domains(parameters);
        String form = parameters.orDefault("signature", "detached");
        SmimeSigner.Form signatureForm = switch (form.toLowerCase(Locale.ROOT)) {
            case "detached" -> SmimeSigner.Form.DETACHED;
            case "opaque" -> SmimeSigner.Form.OPAQUE;
            default -> throw parameters.invalid("signature", "detached or opaque", form);
        };
        String digestName = parameters.orDefault("digest", "sha-256");
        SmimeSigner.Digest digest = SmimeSigner.Digest.parse(digestName)
            .orElseThrow(() -> parameters.invalid("digest", "sha-256, sha-384 or sha-512", digestName));

        signer = Optional.empty();
        key = Optional.empty();
        Optional<String> keystore = parameters.optional("keystore");
        if (keystore.isEmpty()) {
            if (!senders.isEmpty() || !domains.isEmpty()) {
                throw parameters.invalid("keystore", "set (the agency's PKCS#12 signing keystore) when senders or domains are given", "");
            }
            return;
        }
        Optional<String> env = parameters.optional("keystorePasswordEnv");
        Optional<String> file = parameters.optional("keystorePasswordFile");
        if (env.isPresent() == file.isPresent()) {
            throw parameters.invalid("keystorePasswordEnv", "set, or keystorePasswordFile set, exactly one of the two",
                env.isPresent() ? "both" : "neither");
        }
        AgencyKeys keys;
        try {
            char[] password = AgencyKeys.password(env.orElse(null), file.map(this::locate).map(Path::toString).orElse(null));
            keys = AgencyKeys.fromPkcs12(locate(keystore.get()), password,
                env.map(name -> "keystorePasswordEnv " + name).orElse("keystorePasswordFile"));
        } catch (IllegalArgumentException e) {
            throw parameters.invalid("keystore", e);
        }
        AgencyKeys.Entry entry;
        try {
            entry = keys.entry(parameters.optional("alias"));
        } catch (IllegalArgumentException e) {
            throw parameters.invalid("alias", e);
        }
        Optional<String> problem = SigningKeyCheck.problem(entry.key(), entry.certificate(), clock.instant());
        if (problem.isPresent()) {
            throw parameters.invalid("keystore", new IllegalArgumentException(problem.get()));
        }
        key = Optional.of(entry);
        signer = Optional.of(new SmimeSigner(entry.key(), entry.certificate(), digest, signatureForm));
    }

    private static Set<String> addresses(MailetParameters parameters) throws MessagingException {
        Set<String> result = new java.util.LinkedHashSet<>();
        for (String value : list(parameters, "senders")) {
            try {
                result.add(new MailAddress(value).asString().toLowerCase(Locale.ROOT));
            } catch (AddressException e) {
                throw parameters.invalid("senders", "comma-separated email addresses", value);
            }
        }
        return Set.copyOf(result);
    }

    private static Set<String> domains(MailetParameters parameters) throws MessagingException {
        Set<String> result = new java.util.LinkedHashSet<>();
        for (String value : list(parameters, "domains")) {
            try {
                if (value.contains("@")) {
                    throw new IllegalArgumentException(value);
                }
                result.add(Domain.of(value).asString());
            } catch (IllegalArgumentException e) {
                throw parameters.invalid("domains", "comma-separated domain names (e.g. agency.example)", value);
            }
        }
        return Set.copyOf(result);
    }

    private static java.util.List<String> list(MailetParameters parameters, String name) {
        return parameters.optional(name).map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .collect(Collectors.toList())).orElse(java.util.List.of());
    }

    private Path locate(String configured) {
        try {
            return files.locate(configured);
        } catch (Exception e) {
            throw new IllegalArgumentException("'" + configured + "' cannot be found (file://conf/... or an absolute path)");
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (signer.isEmpty() || !signsFor(mail)) {
            return;
        }
        String messageKey = CaseguardAttributes.messageKey(mail);
        MimeMessage message = mail.getMessage();
        if (alreadyProtected(message)) {
            LOGGER.info("caseguard not-signed key={} rule=ENC-3 reason=already-smime", messageKey);
            return;
        }
        try {
            key.get().certificate().checkValidity(Date.from(clock.instant()));
        } catch (CertificateException e) {
            // Startup checked it; it has expired since. Recipients would reject the signature: send as without signing.
            metricFactory.generate("caseguard.ENC-3.unsigned").increment();
            LOGGER.error("caseguard not-signed key={} rule=ENC-3 reason=signing-certificate-not-valid; renew it and replace the keystore", messageKey);
            return;
        }
        MimeMessage signed = signer.get().sign(message);
        // Last: James copies a message it is given, so changes after setMessage would be lost.
        mail.setMessage(signed);
        metricFactory.generate("caseguard.ENC-3.signed").increment();
        LOGGER.info("caseguard signed key={} rule=ENC-3 algorithm={}", messageKey, signer.get().algorithm());
    }

    private boolean signsFor(Mail mail) {
        return mail.getMaybeSender().asOptional().map(sender -> senders.contains(sender.asString().toLowerCase(Locale.ROOT))
            || domains.contains(sender.getDomain().asString())).orElse(false);
    }

    private static boolean alreadyProtected(MimeMessage message) throws MessagingException {
        String type = message.getContentType() == null ? "" : message.getContentType().toLowerCase(Locale.ROOT);
        return type.startsWith("multipart/signed") || type.startsWith("application/pkcs7-mime")
            || type.startsWith("application/x-pkcs7-mime");
    }

    @Override
    public String getMailetInfo() {
        return "caseguard S/MIME signing of outbound mail (ENC-3)";
    }
}
