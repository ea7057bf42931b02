package org.caseguard.journal.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.sql.DataSource;

import org.caseguard.journal.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the journal's content store from {@code caseguard.properties}:
 * <ul>
 * <li>{@code journal.content.backend}: {@code file} (default) or {@code s3}</li>
 * <li>{@code journal.content.path}: blob directory for {@code file}, relative to the working directory (default var/caseguard/journal-content)</li>
 * <li>{@code journal.content.s3.*} for {@code s3}: see {@link S3Settings} and docs/journal.md</li>
 * <li>{@code journal.masterKey.keystore}: PKCS#12 file holding the AES master key; {@code journal.masterKey.alias}
 *     (default caseguard-journal-master); the password from {@code journal.masterKey.passwordEnv} (an environment
 *     variable's name) or {@code journal.masterKey.passwordFile}, never in the properties themselves.</li>
 * </ul>
 * Without a configured keystore (the embedded default) a master key is generated at first start into
 * var/caseguard/journal-master.p12 with its password in a file beside it readable by the owner only. Production keeps
 * the keystore and its password elsewhere: whoever has both can read the journal.
 */
public final class ContentStores {
    private static final Logger LOGGER = LoggerFactory.getLogger(ContentStores.class);
    static final String DEFAULT_ALIAS = "caseguard-journal-master";

    private ContentStores() {
    }

    public static ContentStore open(Properties properties, Path workingDirectory, DataSource journalDataSource) {
        return open(properties, workingDirectory, journalDataSource, System::getenv);
    }

    /** As {@link #open(Properties, Path, DataSource)}, reading the environment variables the properties name from {@code environment}. */
    public static ContentStore open(Properties properties, Path workingDirectory, DataSource journalDataSource, Function<String, String> environment) {
        return open(properties, workingDirectory, journalDataSource, environment, Clock.systemUTC());
    }

    /** As above on {@code clock}: the time of key rows and the start of each put's Object Lock retention. */
    static ContentStore open(Properties properties, Path workingDirectory, DataSource journalDataSource, Function<String, String> environment,
                             Clock clock) {
        String backend = properties.getProperty("journal.content.backend", "file").trim();
        if (!backend.equals("file") && !backend.equals("s3")) {
            throw new IllegalArgumentException("caseguard.properties: 'journal.content.backend' is '" + backend + "'; allowed: file (default) or s3");
        }
        Optional<S3Settings> s3 = backend.equals("s3") ? Optional.of(S3Settings.from(properties)) : Optional.empty();
        String alias = properties.getProperty("journal.masterKey.alias", DEFAULT_ALIAS).trim();
        SecretKey master = masterKey(properties, workingDirectory, alias, environment);
        ScopeKeys keys = new ScopeKeys(journalDataSource, master, alias, clock);
        if (s3.isPresent()) {
            return new ChunkedContentStore(S3ContentStore.open(s3.get(), environment, keys, clock), journalDataSource, clock);
        }
        Path blobs = workingDirectory.resolve(properties.getProperty("journal.content.path", "var/caseguard/journal-content").trim());
        return new ChunkedContentStore(new FileContentStore(blobs, keys), journalDataSource, clock);
    }

    private static SecretKey masterKey(Properties properties, Path workingDirectory, String alias, Function<String, String> environment) {
        String keystore = properties.getProperty("journal.masterKey.keystore", "").trim();
        if (keystore.isEmpty()) {
            return embeddedDefault(workingDirectory.resolve("var/caseguard"), alias);
        }
        return load(workingDirectory.resolve(keystore), alias, password(properties, workingDirectory, environment));
    }

    private static char[] password(Properties properties, Path workingDirectory, Function<String, String> environment) {
        String env = properties.getProperty("journal.masterKey.passwordEnv", "").trim();
        String file = properties.getProperty("journal.masterKey.passwordFile", "").trim();
        if (env.isEmpty() == file.isEmpty()) {
            throw new IllegalArgumentException("caseguard.properties: give exactly one of 'journal.masterKey.passwordEnv' or 'journal.masterKey.passwordFile' with 'journal.masterKey.keystore'");
        }
        if (!env.isEmpty()) {
            String value = environment.apply(env);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("caseguard.properties: 'journal.masterKey.passwordEnv' names environment variable " + env + ", which is not set");
            }
            return value.toCharArray();
        }
        try {
            return Files.readString(workingDirectory.resolve(file), StandardCharsets.UTF_8).strip().toCharArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("caseguard.properties: 'journal.masterKey.passwordFile' cannot be read: " + file);
        }
    }

    private static SecretKey load(Path keystore, String alias, char[] password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            if (!(store.getEntry(alias, new KeyStore.PasswordProtection(password)) instanceof KeyStore.SecretKeyEntry entry)) {
                throw new IllegalArgumentException("caseguard.properties: 'journal.masterKey.keystore' has no secret key under alias '" + alias + "' ('journal.masterKey.alias')");
            }
            SecretKey key = entry.getSecretKey();
            if (!"AES".equalsIgnoreCase(key.getAlgorithm()) || key.getEncoded().length != 32) {
                throw new IllegalArgumentException("caseguard.properties: the journal master key '" + alias + "' must be a 256-bit AES key");
            }
            return key;
        } catch (IOException e) {
            throw new IllegalArgumentException("caseguard.properties: 'journal.masterKey.keystore' " + keystore.getFileName()
                + " cannot be opened (missing, not PKCS#12, or wrong password)", e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("caseguard.properties: 'journal.masterKey.keystore' " + keystore.getFileName() + " cannot be read", e);
        }
    }

    private static synchronized SecretKey embeddedDefault(Path directory, String alias) {
        Path keystore = directory.resolve("journal-master.p12");
        Path passwordFile = directory.resolve("journal-master.password");
        try {
            if (!Files.exists(keystore)) {
                Files.createDirectories(directory);
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
                OwnerOnlyFiles.create(passwordFile, new String(password).getBytes(StandardCharsets.UTF_8));
                KeyGenerator generator = KeyGenerator.getInstance("AES");
                generator.init(256);
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, password);
                store.setEntry(alias, new KeyStore.SecretKeyEntry(generator.generateKey()), new KeyStore.PasswordProtection(password));
                Path temporary = directory.resolve("journal-master.p12.tmp");
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    store.store(out, password);
                }
                Files.move(temporary, keystore, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                LOGGER.warn("caseguard journal: generated a master key for the embedded default under var/caseguard; in production set "
                    + "journal.masterKey.keystore and keep the keystore and its password apart (JRN-7)");
            }
            return load(keystore, alias, Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray());
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("caseguard journal: the embedded master key under " + directory + " cannot be created or read", e);
        }
    }
}
