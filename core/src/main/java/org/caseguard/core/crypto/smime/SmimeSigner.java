package org.caseguard.core.crypto.smime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.activation.DataHandler;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import javax.mail.util.ByteArrayDataSource;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * ENC-3: signs a message with the agency's key, SHA-256 or better with RSA or ECDSA, the signing certificate
 * included. {@link Form#DETACHED} (default) gives {@code multipart/signed; protocol="application/pkcs7-signature"}
 * with the signature over the exact bytes of the first part, readable without S/MIME support;
 * {@link Form#OPAQUE} gives {@code application/pkcs7-mime; smime-type=signed-data} with the content inside.
 *
 * <p>The content is first made 7-bit ({@link SevenBitContent}): a relay without 8BITMIME would otherwise re-encode
 * 8-bit parts in transit and break the signature. Every header that is not a {@code Content-*} header stays on the
 * outside, unchanged (signing hides nothing). CMS from bcpkix only, no bcmail (see james-notes.md).</p>
 */
public final class SmimeSigner {
    public enum Form { DETACHED, OPAQUE }

    /** Only SHA-2 digests: ENC-3 asks for SHA-256 or better. */
    public enum Digest {
        SHA256("SHA256", "sha-256"), SHA384("SHA384", "sha-384"), SHA512("SHA512", "sha-512");

        private final String jca;
        private final String micalg;

        Digest(String jca, String micalg) {
            this.jca = jca;
            this.micalg = micalg;
        }

        public String micalg() {
            return micalg;
        }

        public static java.util.Optional<Digest> parse(String value) {
            return java.util.Arrays.stream(values()).filter(digest -> digest.micalg.equalsIgnoreCase(value.trim())).findFirst();
        }
    }

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Digest digest;
    private final Form form;
    private final String algorithm;

    public SmimeSigner(PrivateKey key, X509Certificate certificate) {
        this(key, certificate, Digest.SHA256, Form.DETACHED);
    }

    public SmimeSigner(PrivateKey key, X509Certificate certificate, Digest digest, Form form) {
        this.key = key;
        this.certificate = certificate;
        this.digest = digest;
        this.form = form;
        this.algorithm = signatureAlgorithm(key, digest);
    }

    /** SHA-xxxwithRSA or SHA-xxxwithECDSA; any other key type is refused. */
    public static String signatureAlgorithm(PrivateKey key, Digest digest) {
        return switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "RSA" -> digest.jca + "withRSA";
            case "EC", "ECDSA" -> digest.jca + "withECDSA";
            default -> throw new IllegalArgumentException("the key is " + key.getAlgorithm() + "; S/MIME signing takes an RSA or EC key");
        };
    }

    public String algorithm() {
        return algorithm;
    }

    public MimeMessage sign(MimeMessage message) throws MessagingException {
        String[] messageId = message.getHeader("Message-ID");
        try {
            byte[] inner = SevenBitContent.of(SmimeEncryptor.innerPart(message));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(new JcaContentSignerBuilder(algorithm).build(key), certificate));
            generator.addCertificates(new JcaCertStore(List.of(certificate)));
            CMSSignedData signed = generator.generate(new ChunkedContent(inner), form == Form.OPAQUE);

            if (form == Form.DETACHED) {
                return detachedMessage(message, inner, signed.getEncoded());
            }
            MimeMessage result = new MimeMessage(Session.getInstance(new java.util.Properties()));
            for (Header header : Collections.list(message.getAllHeaders())) {
                if (staysOutside(header.getName())) {
                    result.addHeader(header.getName(), header.getValue());
                }
            }
            String type = "application/pkcs7-mime; smime-type=signed-data; name=\"smime.p7m\"";
            result.setDataHandler(new DataHandler(new ByteArrayDataSource(signed.getEncoded(), type)));
            result.setHeader("Content-Type", type);
            result.setHeader("Content-Transfer-Encoding", "base64");
            result.setHeader("Content-Disposition", "attachment; filename=\"smime.p7m\"");
            result.saveChanges();
            if (messageId != null) {
                result.setHeader("Message-ID", messageId[0]);
            }
            return result;
        } catch (MessagingException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException("ENC-3: signing failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static boolean staysOutside(String headerName) {
        String name = headerName.toLowerCase(Locale.ROOT);
        return !name.startsWith("content-") && !name.equals("mime-version");
    }

    /**
     * The multipart/signed message written out byte by byte and read back, rather than built from JavaMail parts:
     * saving a built multipart makes JavaMail parse and re-write every nested part, which cost most of the signing
     * time of a 20 MB message (bench/README.md). Read back from bytes, the message is written as it is, so the first
     * part is exactly the bytes that were signed.
     */
    private MimeMessage detachedMessage(MimeMessage original, byte[] inner, byte[] signature) throws MessagingException, IOException {
        String boundary = "----=_caseguard_signed_" + UUID.randomUUID().toString().replace("-", "");
        ByteSink out = new ByteSink(inner.length + signature.length * 2 + 8192);
        for (String line : Collections.list(original.getAllHeaderLines())) {
            int colon = line.indexOf(':');
            if (colon > 0 && staysOutside(line.substring(0, colon).trim())) {
                ascii(out, line + "\r\n");
            }
        }
        ascii(out, "MIME-Version: 1.0\r\nContent-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg="
            + digest.micalg() + ";\r\n\tboundary=\"" + boundary + "\"\r\n\r\n");
        ascii(out, "--" + boundary + "\r\n");
        out.write(inner);
        ascii(out, "\r\n--" + boundary + "\r\nContent-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n"
            + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"smime.p7s\"\r\n\r\n");
        ascii(out, Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(signature));
        ascii(out, "\r\n--" + boundary + "--\r\n");
        MimeMessage result = new MimeMessage(Session.getInstance(new java.util.Properties()), out.asInput());
        if (result.getMessageID() == null) {
            // As saveChanges() would have done for a built message.
            MimeMessage identified = new MimeMessage(Session.getInstance(new java.util.Properties()));
            identified.setText("");
            identified.saveChanges();
            result.setHeader("Message-ID", identified.getMessageID());
        }
        return result;
    }

    private static void ascii(ByteSink out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
