package org.caseguard.mailets;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.caseguard.core.crypto.AgencyKeys;
import org.caseguard.core.crypto.CrlPolicy;
import org.caseguard.core.crypto.StoredRecipientCertificates;
import org.caseguard.core.crypto.smime.SignatureCheck;
import org.caseguard.core.crypto.smime.SmimeDecryptor;
import org.caseguard.core.crypto.smime.SmimeVerifier;
import org.caseguard.core.registry.RegistryStore;
import org.caseguard.matchers.CaseguardAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ENC-4: in {@code root}, before classification, opens S/MIME mail encrypted to one of the agency's keys so that it
 * is scanned like any other mail, checks S/MIME signatures (detached, or opaque: then the signed content is unwrapped
 * and scanned too), and whether the signer is trusted as the sender: its certificate chains to a trust anchor of the
 * certificate store (or is pinned), is valid, allows signing and names the From address, and is not revoked. The
 * result is recorded in the attribute {@code caseguard.smime} and in the header {@code X-Caseguard-Smime} for internal
 * readers, e.g. {@code decrypted; signature=valid; signer=trusted} (any such header that arrived with the mail is
 * removed first: it could be forged). Mail that cannot be decrypted is delivered as received, flagged
 * {@code not-decrypted}; it is never dropped.
 *
 * <p>Parameters: {@code keystore} (PKCS#12, {@code file://conf/...} or an absolute path) with {@code keystorePasswordEnv}
 * or {@code keystorePasswordFile}. Without a keystore it only checks signatures and flags encrypted mail.
 * {@code crl} ({@code off}, {@code when-available} (default), {@code required}) for the signer's revocation check.
 * {@code harvestCertificates} ({@code false} by default): with {@code true}, the certificate of a trusted signer that
 * can also be encrypted to is stored as the sender's recipient certificate (listed by {@code GET /caseguard/certificates},
 * removable like an imported one); never from an invalid or untrusted signature.</p>
 */
public class DecryptInbound extends GenericMailet {
    public static final String HEADER = "X-Caseguard-Smime";
    public static final AttributeName ATTRIBUTE = AttributeName.of("caseguard.smime");
    private static final Logger LOGGER = LoggerFactory.getLogger(DecryptInbound.class);

    static final String HARVESTED_BY = "harvested from signed mail (ENC-4)";

    private final ConfiguredFiles files;
    private final Optional<RegistryStore> registry;
    private final Clock clock;
    private Optional<AgencyKeys> keys;
    private Optional<StoredRecipientCertificates> signers;
    private boolean harvest;

    @Inject
    public DecryptInbound(FileSystem fileSystem, RegistryStore registry) {
        this(ConfiguredFiles.through(fileSystem), Optional.of(registry), Clock.systemUTC());
    }

    /** Without a certificate store: signatures are checked, signers are not judged. */
    DecryptInbound(ConfiguredFiles files) {
        this(files, Optional.empty(), Clock.systemUTC());
    }

    DecryptInbound(ConfiguredFiles files, Optional<RegistryStore> registry, Clock clock) {
        this.files = files;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = new MailetParameters(getMailetConfig());
        for (String name : parameters.names()) {
            if (!java.util.Set.of("keystore", "keystorePasswordEnv", "keystorePasswordFile", "crl", "harvestCertificates").contains(name)
                && !MailetParameters.isContainerParameter(name)) {
                throw parameters.invalid(name, "one of keystore, keystorePasswordEnv, keystorePasswordFile, crl, harvestCertificates", name);
            }
        }
        String crl = parameters.orDefault("crl", "when-available");
        CrlPolicy crlPolicy = CrlPolicy.parse(crl).orElseThrow(() -> parameters.invalid("crl", "off, when-available or required", crl));
        harvest = parameters.bool("harvestCertificates", false);
        signers = registry.map(store -> new StoredRecipientCertificates(store.certificates(), store::version, crlPolicy));
        keys = Optional.empty();
        Optional<String> keystore = parameters.optional("keystore");
        if (keystore.isPresent()) {
            Optional<String> env = parameters.optional("keystorePasswordEnv");
            Optional<String> file = parameters.optional("keystorePasswordFile");
            if (env.isPresent() == file.isPresent()) {
                throw parameters.invalid("keystorePasswordEnv", "set, or keystorePasswordFile set, exactly one of the two",
                    env.isPresent() ? "both" : "neither");
            }
            try {
                char[] password = AgencyKeys.password(env.orElse(null), file.map(this::locate).map(Path::toString).orElse(null));
                keys = Optional.of(AgencyKeys.fromPkcs12(locate(keystore.get()), password,
                    env.map(name -> "keystorePasswordEnv " + name).orElse("keystorePasswordFile")));
            } catch (IllegalArgumentException e) {
                throw parameters.invalid("keystore", e);
            }
        }
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
        MimeMessage message = mail.getMessage();
        String messageId = message.getMessageID();
        boolean forged = message.getHeader(HEADER) != null;
        if (forged) {
            message.removeHeader(HEADER);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        if (SmimeDecryptor.isEnveloped(message)) {
            Optional<MimeMessage> opened = Optional.empty();
            for (AgencyKeys.Entry entry : keys.map(AgencyKeys::entries).orElse(java.util.List.of())) {
                opened = new SmimeDecryptor(entry.key(), entry.certificate()).decrypt(message);
                if (opened.isPresent()) {
                    break;
                }
            }
            result.put("decrypted", opened.isPresent());
            if (opened.isPresent()) {
                message = opened.get();
            }
        }
        SignatureCheck signature = new SmimeVerifier().verify(message);
        if (signature.signed()) {
            result.put("signed", true);
            result.put("signatureValid", signature.valid());
            result.put("reason", signature.reason());
            signature.signer().ifPresent(signer -> result.put("signer", signer.getSubjectX500Principal().getName()));
            if (signature.valid() && signature.signer().isPresent() && signers.isPresent()) {
                judgeSigner(signature.signer().get(), fromAddress(message), result);
            }
            Optional<MimeMessage> unwrapped = SmimeVerifier.unwrapOpaque(message);
            if (unwrapped.isPresent()) {
                result.put("opaque", true);
                message = unwrapped.get();
            }
        }
        if (!result.isEmpty()) {
            mail.setAttribute(new Attribute(ATTRIBUTE, CaseguardAttributes.wrapValue(result)));
            message.setHeader(HEADER, header(result));
            saveKeepingMessageId(message, messageId);
            if (message != mail.getMessage()) {
                // Last: James copies a message it is given, so changes after setMessage would be lost.
                mail.setMessage(message);
            }
            LOGGER.info("caseguard smime key={} rule=ENC-4 {}", CaseguardAttributes.messageKey(mail), header(result));
        } else if (forged) {
            saveKeepingMessageId(message, messageId);
        }
    }

    private void judgeSigner(java.security.cert.X509Certificate signer, Optional<String> from, Map<String, Object> result) {
        java.time.Instant now = clock.instant();
        Optional<String> refusal = from.isEmpty() ? Optional.of("the message has no From address to check the signer against")
            : signers.get().signerRefusal(signer, from.get(), now);
        result.put("signerTrusted", refusal.isEmpty());
        refusal.ifPresent(reason -> result.put("signerReason", reason));
        if (refusal.isEmpty() && harvest) {
            result.put("certificateHarvested", signers.get().harvest(signer, from.get(), now, HARVESTED_BY));
        }
    }

    private static Optional<String> fromAddress(MimeMessage message) {
        try {
            javax.mail.Address[] from = message.getFrom();
            return from != null && from.length == 1 && from[0] instanceof javax.mail.internet.InternetAddress address
                ? Optional.ofNullable(address.getAddress()) : Optional.empty();
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    /** saveChanges() gives a message built in memory (the decrypted one) a new Message-ID; replies thread on the old one. */
    private static void saveKeepingMessageId(MimeMessage message, String messageId) throws MessagingException {
        message.saveChanges();
        if (messageId != null && !messageId.equals(message.getMessageID())) {
            message.setHeader("Message-ID", messageId);
        }
    }

    private static String header(Map<String, Object> result) {
        StringBuilder header = new StringBuilder();
        if (result.containsKey("decrypted")) {
            header.append(Boolean.TRUE.equals(result.get("decrypted")) ? "decrypted" : "not-decrypted");
        }
        if (result.containsKey("signed")) {
            if (header.length() > 0) {
                header.append("; ");
            }
            header.append("signature=").append(Boolean.TRUE.equals(result.get("signatureValid")) ? "valid" : "invalid");
            if (result.containsKey("signerTrusted")) {
                header.append("; signer=").append(Boolean.TRUE.equals(result.get("signerTrusted")) ? "trusted" : "untrusted");
            }
        }
        return header.toString();
    }

    @Override
    public String getMailetInfo() {
        return "caseguard S/MIME decryption and signature check of inbound mail (ENC-4)";
    }
}
