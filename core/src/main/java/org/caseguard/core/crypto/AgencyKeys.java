package org.caseguard.core.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The agency's own S/MIME keys (ENC-3, ENC-4): every private key with its certificate from a PKCS#12 keystore. The
 * password comes from an environment variable or a file holding only the password, never from configuration text,
 * and never appears in a message.
 */
public final class AgencyKeys {
    public record Entry(String alias, PrivateKey key, X509Certificate certificate) {
    }

    private final List<Entry> entries;

    private AgencyKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entry under {@code alias}; without an alias, the only entry (a keystore with several needs one). */
    public Entry entry(java.util.Optional<String> alias) {
        List<String> aliases = entries.stream().map(Entry::alias).toList();
        if (alias.isEmpty()) {
            if (entries.size() > 1) {
                throw new IllegalArgumentException("the keystore holds " + entries.size() + " keys " + aliases + "; name one");
            }
            return entries.get(0);
        }
        return entries.stream().filter(entry -> entry.alias().equalsIgnoreCase(alias.get())).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("the keystore holds no key '" + alias.get() + "'; it holds " + aliases));
    }

    /** @param passwordSource how the password was given, for error messages: "passwordEnv X" or "passwordFile" */
    public static AgencyKeys fromPkcs12(Path keystore, char[] password, String passwordSource) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            List<Entry> entries = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate certificate) {
                    entries.add(new Entry(alias, (PrivateKey) store.getKey(alias, password), certificate));
                }
            }
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("the keystore holds no private key with a certificate");
            }
            return new AgencyKeys(entries);
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException || e.getMessage() != null && e.getMessage().contains("password")) {
                throw new IllegalArgumentException("the keystore password (" + passwordSource + ") does not open it");
            }
            throw new IllegalArgumentException("the keystore cannot be read (" + e.getClass().getSimpleName() + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the keystore cannot be opened (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The password from an environment variable's value, or from a file (trailing newline removed). */
    public static char[] password(String environmentVariable, String file) {
        if (environmentVariable != null && !environmentVariable.isBlank()) {
            String value = System.getenv(environmentVariable.trim());
            if (value == null) {
                throw new IllegalArgumentException("environment variable " + environmentVariable.trim() + " is not set");
            }
            return value.toCharArray();
        }
        if (file != null && !file.isBlank()) {
            try {
                return Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new IllegalArgumentException("the password file cannot be read");
            }
        }
        throw new IllegalArgumentException("give the keystore password through an environment variable or a file");
    }
}
