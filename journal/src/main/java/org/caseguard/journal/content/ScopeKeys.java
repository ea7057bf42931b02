package org.caseguard.journal.content;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * The data key of each content scope: 256 random bits, kept in the journal database wrapped by the master key
 * (AES key wrap, RFC 3394), unwrapped once and cached. Destroying a scope forgets its wrapped key for good.
 */
final class ScopeKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final SecretKey master;
    private final String masterAlias;
    private final Clock clock;
    /** Where new keys are committed when set (the journal's logged group commit); otherwise the data source. */
    private volatile KeyRowLog keyLog;
    private static final int CACHED_KEYS = 10_000;
    /** Recently used unwrapped keys; bounded, as every message has a receipt scope of its own. */
    private final Map<KeyScope, SecretKey> cache = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<KeyScope, SecretKey> eldest) {
            return size() > CACHED_KEYS;
        }
    });

    ScopeKeys(DataSource dataSource, SecretKey master, String masterAlias, Clock clock) {
        this.dataSource = dataSource;
        this.master = master;
        this.masterAlias = masterAlias;
        this.clock = clock;
    }

    /** The scope's key, created on first use; refused once the scope is destroyed. */
    SecretKey keyFor(KeyScope scope) {
        SecretKey cached = cache.get(scope);
        if (cached != null) {
            return cached;
        }
        SecretKey key = load(scope, true);
        cache.put(scope, key);
        return key;
    }

    /** Creates the keys of these scopes in one transaction (those that have one keep it), and caches them. */
    void createAll(java.util.Collection<KeyScope> scopes) {
        java.util.Map<KeyScope, SecretKey> fresh = new java.util.LinkedHashMap<>();
        for (KeyScope scope : scopes) {
            fresh.put(scope, newKey());
        }
        java.util.List<ScopeRows.KeyRow> rows = fresh.entrySet().stream().map(entry -> row(entry.getKey(), entry.getValue())).toList();
        java.util.Set<KeyScope> inserted = commit(rows);
        fresh.keySet().retainAll(inserted);
        cache.putAll(fresh);
    }

    /**
     * Commits new key rows: through the key log when one is set, else in one transaction of the data source. Returns
     * the scopes whose row went in (the others had a key already).
     */
    private java.util.Set<KeyScope> commit(java.util.List<ScopeRows.KeyRow> rows) {
        KeyRowLog log = keyLog;
        if (log != null) {
            return log.commitDurably(rows);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                java.util.Set<KeyScope> inserted = new java.util.HashSet<>();
                for (ScopeRows.KeyRow row : rows) {
                    if (ScopeRows.insertKeyIfAbsent(connection, row)) {
                        inserted.add(row.scope());
                    }
                }
                connection.commit();
                return inserted;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.STORE_FAILURE, "content keys could not be created", e);
        }
    }

    /** From now on new keys are committed through this log (none: straight into the data source). */
    void logThrough(java.util.Optional<KeyRowLog> log) {
        keyLog = log.orElse(null);
    }

    /** A key for {@code purpose}: HMAC-SHA256 of the purpose under the master key. */
    SecretKey derive(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            byte[] master = this.master.getEncoded();
            if (master == null) {
                throw new IllegalStateException("the journal master key cannot be used to derive keys (not extractable)");
            }
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "HmacSHA256");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot compute HmacSHA256", e);
        }
    }

    /** The scope's key for reading; never creates one. */
    SecretKey existingKey(KeyScope scope) {
        SecretKey cached = cache.get(scope);
        return cached != null ? cached : load(scope, false);
    }

    private SecretKey load(KeyScope scope, boolean create) {
        Row row = select(scope);
        if (row == null && create) {
            commit(java.util.List.of(row(scope, newKey())));
            row = select(scope); // ours, or the key a concurrent first use committed before it
        }
        if (row == null) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.MISSING, "no content key for scope " + scope);
        }
        if (row.wrapped() == null) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.DESTROYED, "content scope " + scope + " was destroyed");
        }
        return unwrap(row.wrapped());
    }

    private Row select(KeyScope scope) {
        try (Connection connection = dataSource.getConnection()) {
            return select(connection, scope);
        } catch (SQLException e) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.STORE_FAILURE, "content keys unavailable", e);
        }
    }

    private record Row(byte[] wrapped) {
    }

    private static Row select(Connection connection, KeyScope scope) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT wrapped_key FROM journal_content_key WHERE key_scope = ?")) {
            select.setString(1, scope.value());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? new Row(rows.getBytes(1)) : null;
            }
        }
    }

    private static SecretKey newKey() {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        return new SecretKeySpec(fresh, "AES");
    }

    private ScopeRows.KeyRow row(KeyScope scope, SecretKey key) {
        return new ScopeRows.KeyRow(scope, wrap(key), masterAlias, clock.millis());
    }

    void destroy(KeyScope scope) {
        cache.remove(scope);
        try (Connection connection = dataSource.getConnection()) {
            if (select(connection, scope) == null) {
                try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO journal_content_key (key_scope, wrapped_key, master_alias, created_at, destroyed_at) VALUES (?, NULL, ?, ?, ?)")) {
                    insert.setString(1, scope.value());
                    insert.setString(2, masterAlias);
                    insert.setLong(3, clock.millis());
                    insert.setLong(4, clock.millis());
                    insert.executeUpdate();
                }
                return;
            }
            ScopeRows.forgetKey(connection, scope, clock.millis());
        } catch (SQLException e) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.STORE_FAILURE, "content key of " + scope + " could not be destroyed", e);
        } finally {
            cache.remove(scope);
        }
    }

    /** Drops the cached key of a scope whose key was destroyed in a transaction of the journal's (see {@link ScopeRows}). */
    void forget(KeyScope scope) {
        cache.remove(scope);
    }

    boolean isDestroyed(KeyScope scope) {
        try (Connection connection = dataSource.getConnection()) {
            Row row = select(connection, scope);
            return row != null && row.wrapped() == null;
        } catch (SQLException e) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.STORE_FAILURE, "content keys unavailable", e);
        }
    }

    private byte[] wrap(SecretKey key) {
        try {
            Cipher cipher = Cipher.getInstance("AESWrap");
            cipher.init(Cipher.WRAP_MODE, master);
            return cipher.wrap(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("journal master key cannot wrap", e);
        }
    }

    private SecretKey unwrap(byte[] wrapped) {
        try {
            Cipher cipher = Cipher.getInstance("AESWrap");
            cipher.init(Cipher.UNWRAP_MODE, master);
            return (SecretKey) cipher.unwrap(wrapped, "AES", Cipher.SECRET_KEY);
        } catch (GeneralSecurityException e) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.ALTERED, "a content key does not unwrap with the master key", e);
        }
    }
}
