package org.caseguard.core.registry;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Keeps a value derived from the registry (an index, a policy view) and rebuilds it only when the store's
 * version changes. The version check is one indexed read. A reader that sees a newer version waits for the
 * rebuild rather than deciding on stale data: a case registered a moment ago must already be protected.
 * Holds nothing another James node could disagree with: the version lives in the shared database.
 */
public final class RegistryCache<T> {
    private record Versioned<T>(long version, T value) {
    }

    private final LongSupplier versions;
    private final Supplier<Versioned<T>> rebuild;
    private final AtomicReference<Versioned<T>> current = new AtomicReference<>();

    public RegistryCache(RegistryStore store, Function<RegistrySnapshot, T> derive) {
        this.versions = store::version;
        this.rebuild = () -> {
            RegistrySnapshot snapshot = store.snapshot();
            return new Versioned<>(snapshot.version(), derive.apply(snapshot));
        };
    }

    /**
     * For data read outside a snapshot (the consent registry): the version is read before the data, so a write in
     * between only makes the next call rebuild again; it never leaves newer data unseen.
     */
    public RegistryCache(LongSupplier versions, Supplier<T> build) {
        this.versions = versions;
        this.rebuild = () -> {
            long version = versions.getAsLong();
            return new Versioned<>(version, build.get());
        };
    }

    public T get() {
        long version = versions.getAsLong();
        Versioned<T> cached = current.get();
        if (cached != null && cached.version() >= version) {
            return cached.value();
        }
        synchronized (this) {
            Versioned<T> again = current.get();
            if (again != null && again.version() >= version) {
                return again.value();
            }
            Versioned<T> rebuilt = rebuild.get();
            current.set(rebuilt);
            return rebuilt.value();
        }
    }
}
