package org.caseguard.journal.content;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.caseguard.journal.Hash;

/**
 * Content kept in memory, unencrypted: for tests and benchmarks of the journal's other parts only. It keeps the
 * contract's observable behaviour (dedup per scope, hash check, destruction) so journal tests can run without disk.
 */
public final class MemoryContentStore implements ContentStore {
    private final Map<KeyScope, Map<Hash, byte[]>> blobs = new ConcurrentHashMap<>();
    private final Set<KeyScope> destroyed = ConcurrentHashMap.newKeySet();
    private final byte[] master = randomBytes(32);

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }
    private volatile boolean failing;

    /** While failing, every put and get fails as a backend outage would (JRN-2 tests). */
    public void setFailing(boolean failing) {
        this.failing = failing;
    }

    @Override
    public ContentRef put(KeyScope scope, byte[] content) {
        checkAvailable();
        if (destroyed.contains(scope)) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.DESTROYED, "content scope " + scope + " was destroyed");
        }
        Hash hash = Hash.sha256(content);
        blobs.computeIfAbsent(scope, s -> new ConcurrentHashMap<>()).putIfAbsent(hash, content.clone());
        return new ContentRef(scope, hash, content.length);
    }

    @Override
    public byte[] get(ContentRef ref) {
        checkAvailable();
        if (destroyed.contains(ref.scope())) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.DESTROYED, "content scope " + ref.scope() + " was destroyed");
        }
        byte[] stored = blobs.getOrDefault(ref.scope(), Map.of()).get(ref.sha256());
        if (stored == null) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.MISSING, "no content " + ref.sha256() + " in " + ref.scope());
        }
        if (!Hash.sha256(stored).equals(ref.sha256())) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.ALTERED, "content " + ref.sha256() + " in " + ref.scope() + " was altered");
        }
        return stored.clone();
    }

    /** Test access: changes one stored byte without updating anything else. */
    public void corrupt(ContentRef ref) {
        byte[] stored = blobs.get(ref.scope()).get(ref.sha256());
        stored[stored.length / 2] ^= 1;
    }

    @Override
    public boolean delete(ContentRef ref) {
        return blobs.getOrDefault(ref.scope(), Map.of()).remove(ref.sha256()) != null;
    }

    @Override
    public void destroyScope(KeyScope scope) {
        destroyed.add(scope);
        blobs.remove(scope);
    }

    /** Keys here are not in a database, so a scope destroyed in a journal transaction is destroyed here. */
    @Override
    public void removeDestroyed(KeyScope scope) {
        destroyScope(scope);
    }

    @Override
    public boolean holds(ContentRef blob) {
        return blobs.getOrDefault(blob.scope(), Map.of()).containsKey(blob.sha256());
    }

    @Override
    public boolean removeLeftovers(KeyScope scope) {
        if (!destroyed.contains(scope)) {
            throw new IllegalStateException("content scope " + scope + " is not destroyed: its blobs are not leftovers");
        }
        return true;
    }

    @Override
    public javax.crypto.SecretKey derivedKey(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(master, "HmacSHA256"));
            return new javax.crypto.spec.SecretKeySpec(mac.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "HmacSHA256");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean isDestroyed(KeyScope scope) {
        return destroyed.contains(scope);
    }

    private void checkAvailable() {
        if (failing) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.STORE_FAILURE, "content store unavailable");
        }
    }

    @Override
    public void close() {
    }
}
