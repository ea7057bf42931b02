package org.caseguard.mailets;

import java.nio.file.Path;
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
import org.caseguard.core.crypto.smime.SignatureCheck;
import org.caseguard.core.crypto.smime.SmimeDecryptor;
import org.caseguard.core.crypto.smime.SmimeVerifier;
import org.caseguard.matchers.CaseguardAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ENC-4: in {@code root}, before classification, opens S/MIME mail encrypted to one of the agency's keys so that it
 * is scanned like any other mail, and checks S/MIME signatures. The result is recorded in the attribute
 * {@code caseguard.smime} and in the header {@code X-Caseguard-Smime} for internal readers (any such header that
 * arrived with the mail is removed first: it could be forged). Mail that cannot be decrypted is delivered as
 * received, flagged {@code not-decrypted}; it is never dropped.
 *
 * <p>Parameters: {@code keystore} (PKCS#12, {@code file://conf/...} or an absolute path) with {@code keystorePasswordEnv}
 * or {@code keystorePasswordFile}. Without a keystore it only checks signatures and flags encrypted mail.</p>
 */
public class DecryptInbound extends GenericMailet {
    public static final String HEADER = "X-Caseguard-Smime";
    public static final AttributeName ATTRIBUTE = AttributeName.of("caseguard.smime");
    private static final Logger LOGGER = LoggerFactory.getLogger(DecryptInbound.class);

    private final ConfiguredFiles files;
    private Optional<AgencyKeys> keys;

    @Inject
    public DecryptInbound(FileSystem fileSystem) {
        this(ConfiguredFiles.through(fileSystem));
    }

    DecryptInbound(ConfiguredFiles files) {
        this.files = files;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = new MailetParameters(getMailetConfig());
        for (String name : parameters.names()) {
            if (!name.equals("keystore") && !name.equals("keystorePasswordEnv") && !name.equals("keystorePasswordFile")
                && !MailetParameters.isContainerParameter(name)) {
                throw parameters.invalid(name, "one of keystore, keystorePasswordEnv, keystorePasswordFile", name);
            }
        }
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
        }
        return header.toString();
    }

    @Override
    public String getMailetInfo() {
        return "caseguard S/MIME decryption and signature check of inbound mail (ENC-4)";
    }
}
