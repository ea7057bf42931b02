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
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                java.util.Map<KeyScope, SecretKey> created = new java.util.HashMap<>();
                for (KeyScope scope : scopes) {
                    SecretKey key = insert(connection, scope);
                    if (key != null) {
                        created.put(scope, key);
                    }
                }
                connection.commit();
                cache.putAll(created);
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.STORE_FAILURE, "content keys could not be created", e);
        }
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
        try (Connection connection = dataSource.getConnection()) {
            Row row = select(connection, scope);
            if (row == null && create) {
                insert(connection, scope);
                row = select(connection, scope);
            }
            if (row == null) {
                throw new ContentUnavailableException(ContentUnavailableException.Reason.MISSING, "no content key for scope " + scope);
            }
            if (row.wrapped() == null) {
                throw new ContentUnavailableException(ContentUnavailableException.Reason.DESTROYED, "content scope " + scope + " was destroyed");
            }
            return unwrap(row.wrapped());
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

    /** Inserts a fresh key unless the scope has one; the new key, or null when there was one already. */
    private SecretKey insert(Connection connection, KeyScope scope) throws SQLException {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        SecretKey key = new SecretKeySpec(fresh, "AES");
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO journal_content_key (key_scope, wrapped_key, master_alias, created_at) SELECT ?, ?, ?, ? "
                + "WHERE NOT EXISTS (SELECT 1 FROM journal_content_key WHERE key_scope = ?)")) {
            insert.setString(1, scope.value());
            insert.setBytes(2, wrap(key));
            insert.setString(3, masterAlias);
            insert.setLong(4, clock.millis());
            insert.setString(5, scope.value());
            return insert.executeUpdate() == 1 ? key : null;
        }
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
