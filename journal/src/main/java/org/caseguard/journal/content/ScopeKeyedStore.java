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
    public SecretKey derivedKey(String purpose) {
        return keys.derive(purpose);
    }

    @Override
    public boolean isDestroyed(KeyScope scope) {
        return keys.isDestroyed(scope);
    }
}
