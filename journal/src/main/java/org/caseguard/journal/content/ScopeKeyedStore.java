package org.caseguard.journal.content;

import java.util.Collection;

import javax.crypto.SecretKey;

/** What every blob backend answers from the scope keys alone, whatever holds its blobs (files, S3). */
abstract class ScopeKeyedStore implements ContentStore {
    protected final ScopeKeys keys;

    ScopeKeyedStore(ScopeKeys keys) {
        this.keys = keys;
    }

    @Override
    public void prepareScopes(Collection<KeyScope> scopes) {
        keys.createAll(scopes);
    }

    @Override
    public void logKeysThrough(java.util.Optional<KeyRowLog> log) {
        keys.logThrough(log);
    }

    @Override
    public SecretKey derivedKey(String purpose) {
        return keys.derive(purpose);
    }

    @Override
    public final void destroyScope(KeyScope scope) {
        keys.destroy(scope);
        removeBlobs(scope);
    }

    @Override
    public final void removeDestroyed(KeyScope scope) {
        keys.forget(scope);
        removeBlobs(scope);
    }

    @Override
    public final boolean removeLeftovers(KeyScope scope) {
        if (!keys.isDestroyed(scope)) {
            throw new IllegalStateException("content scope " + scope + " is not destroyed: its blobs are not leftovers");
        }
        keys.forget(scope);
        return removeBlobs(scope);
    }

    /**
     * Removes the scope's blobs where the backend allows; its key is gone already, so what stays cannot be read. True
     * when none is left; false when some stay (a failure, or a retention the store enforces), to be swept later.
     */
    protected abstract boolean removeBlobs(KeyScope scope);

    @Override
    public boolean isDestroyed(KeyScope scope) {
        return keys.isDestroyed(scope);
    }
}
