package org.caseguard.mailets.webadmin;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Date;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.caseguard.journal.OwnerOnlyFiles;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.SignatureAlgorithm;

/**
 * The shipped WebAdmin is authenticated (JRN-7: who searched, viewed, exported): James checks a bearer JWT against
 * {@value #PUBLIC_KEY} and takes the token's subject as the person acting, which caseguard records as the actor. This
 * class makes the key pair an embedded deployment starts with and mints tokens for named people with it:
 * <pre>
 *   WebAdminTokens keys  &lt;working directory&gt;
 *   WebAdminTokens token &lt;working directory&gt; &lt;subject&gt; [validity, ISO-8601, default PT12H, at most P31D]
 * </pre>
 * The private key stays in {@value #PRIVATE_KEY}, readable by its owner only. An agency with its own identity provider
 * puts that provider's public key in {@value #PUBLIC_KEY} instead and never uses this class.
 */
public final class WebAdminTokens {
    public static final String PUBLIC_KEY = "conf/webadmin-jwt-public.pem";
    public static final String PRIVATE_KEY = "var/caseguard/webadmin-jwt-private.pem";
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(12);
    static final Duration MAX_VALIDITY = Duration.ofDays(31);
    private static final int MAX_SUBJECT = 200;

    private WebAdminTokens() {
    }

    /** Generates an RSA key pair unless a public key is there already; true when it generated one. */
    public static synchronized boolean generateKeysIfMissing(Path workingDirectory) {
        Path publicKey = workingDirectory.resolve(PUBLIC_KEY);
        if (Files.exists(publicKey)) {
            return false;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            KeyPair pair = generator.generateKeyPair();
            Path privateKey = workingDirectory.resolve(PRIVATE_KEY);
            Files.createDirectories(privateKey.getParent());
            Files.deleteIfExists(privateKey);
            OwnerOnlyFiles.create(privateKey, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
            Files.createDirectories(publicKey.getParent());
            Files.write(publicKey, pem(pair.getPublic()));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("WebAdmin token keys cannot be written under " + workingDirectory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate RSA keys", e);
        }
    }

    /** A bearer token for {@code subject} with the admin claim James requires, valid from now for {@code validity}. */
    public static String mint(Path workingDirectory, String subject, Duration validity, Clock clock) {
        checkSubject(subject);
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("validity: must be more than zero and at most " + MAX_VALIDITY + ", got " + validity);
        }
        long now = clock.millis();
        return Jwts.builder()
            .setSubject(subject)
            .claim("admin", true)
            .setIssuedAt(new Date(now))
            .setExpiration(new Date(now + validity.toMillis()))
            .signWith(privateKey(workingDirectory.resolve(PRIVATE_KEY)), SignatureAlgorithm.RS256)
            .compact();
    }

    static void checkSubject(String subject) {
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT || subject.strip().length() != subject.length()
            || subject.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("subject: the person the token is for, 1 to " + MAX_SUBJECT
                + " printable characters without leading or trailing spaces");
        }
    }

    private static PrivateKey privateKey(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no WebAdmin signing key at " + file + "; run 'keys' first, or mint tokens with the identity "
                + "provider whose public key is in " + PUBLIC_KEY);
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            Object read = parser.readObject();
            if (read instanceof PEMKeyPair pair) {
                read = pair.getPrivateKeyInfo();
            }
            if (!(read instanceof PrivateKeyInfo info)) {
                throw new IllegalArgumentException(file + " does not hold an unencrypted RSA private key (PEM, PKCS#8 or PKCS#1)");
            }
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException e) {
            throw new UncheckedIOException("the WebAdmin signing key cannot be read from " + file, e);
        }
    }

    private static byte[] pem(Object key) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (key instanceof JcaPKCS8Generator pkcs8) {
                writer.writeObject(pkcs8);
            } else {
                writer.writeObject(key);
            }
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) {
        try {
            if (args.length == 2 && args[0].equals("keys")) {
                Path home = Path.of(args[1]);
                System.out.println(generateKeysIfMissing(home) ? "generated " + home.resolve(PUBLIC_KEY) + " and " + home.resolve(PRIVATE_KEY)
                    : "kept the existing " + home.resolve(PUBLIC_KEY));
            } else if ((args.length == 3 || args.length == 4) && args[0].equals("token")) {
                Path home = Path.of(args[1]);
                generateKeysIfMissing(home);
                System.out.println(mint(home, args[2], args.length == 4 ? validity(args[3]) : DEFAULT_VALIDITY, Clock.systemUTC()));
            } else {
                System.err.println("usage: keys <working directory> | token <working directory> <subject> [validity such as PT12H]");
                System.exit(2);
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static Duration validity(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("validity: an ISO-8601 duration such as PT12H or P7D, got " + text);
        }
    }
}
