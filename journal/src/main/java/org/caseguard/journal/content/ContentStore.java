package org.caseguard.journal.content;

/**
 * Message content at rest (JRN-7): content-addressed by SHA-256 of the plain bytes, deduplicated within a scope,
 * compressed, then encrypted with the scope's key (AES-256-GCM); scope keys are wrapped by a master key.
 * Implementations must be safe for concurrent use. Messages (and logs) name scopes and hashes, never content.
 */
public interface ContentStore extends AutoCloseable {

    /**
     * Stores the content under the scope's key and returns its reference; the same bytes in the same scope are
     * stored once. Durable when this returns.
     *
     * @throws ContentUnavailableException with {@code DESTROYED} if the scope was destroyed, {@code STORE_FAILURE} if
     *     the backend cannot write (the caller fails closed, JRN-2)
     */
    ContentRef put(KeyScope scope, byte[] content);

    /**
     * The plain bytes, checked against the reference's hash.
     *
     * @throws ContentUnavailableException naming why (destroyed, missing, altered, store failure)
     */
    byte[] get(ContentRef ref);

    /** Removes one blob where the backend allows it; false where it may not (Object Lock) or there was none. */
    boolean delete(ContentRef ref);

    /**
     * Whether the store still holds this blob (for content stored in chunks, one chunk by its own reference): after a
     * delete answered false, tells a refusal from a blob that was not there. A store it cannot ask answers true.
     */
    boolean holds(ContentRef blob);

    /**
     * Destroys the scope's key, so that every blob under it is unreadable from now on, then removes its blobs where
     * the backend allows. Idempotent. Later puts to the scope are refused.
     */
    void destroyScope(KeyScope scope);

    boolean isDestroyed(KeyScope scope);

    /**
     * Completes the destruction of a scope whose key was destroyed in a journal transaction ({@link ScopeRows}): forgets
     * any copy of its key held in memory, then removes its blobs where the backend allows. Idempotent.
     */
    void removeDestroyed(KeyScope scope);

    /**
     * Removes what is left of a destroyed scope's blobs: those a crash or a failure left after its key was destroyed,
     * or that an Object Lock retention kept until now. True when nothing of the scope is left in the store. A scope
     * whose key is not destroyed is refused ({@link IllegalStateException}): only content nobody can read is swept.
     */
    boolean removeLeftovers(KeyScope scope);

    /**
     * Creates the keys of these new scopes together (one transaction), ahead of their first put: the journal prepares
     * receipt keys in batches instead of one key transaction per message. Scopes that have a key keep it.
     */
    default void prepareScopes(java.util.Collection<KeyScope> scopes) {
    }

    /**
     * From now on new scope keys are committed through this log (empty: straight into the journal database). The
     * journal on its embedded database sets its group commit here while it is open.
     */
    default void logKeysThrough(java.util.Optional<KeyRowLog> log) {
    }

    /**
     * A key for {@code purpose} derived from the master key (HMAC-SHA256), the same for every instance over the same
     * master key: the journal's blind search terms are hashed with it.
     */
    javax.crypto.SecretKey derivedKey(String purpose);

    @Override
    void close();
}
