package org.caseguard.core.registry;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Keeps a value derived from the registry (an index, a policy view) and rebuilds it only when the store's
 * version changes. The version check is one indexed read. A reader that sees a newer version waits for the
 * rebuild rather than deciding on stale data: a case registered a moment ago must already be protected.
 * Holds nothing another James node could disagree with: the version lives in the shared database.
 */
public final class RegistryCache<T> {
    private record Versioned<T>(long version, T value) {
    }

    private final RegistryStore store;
    private final Function<RegistrySnapshot, T> derive;
    private final AtomicReference<Versioned<T>> current = new AtomicReference<>();

    public RegistryCache(RegistryStore store, Function<RegistrySnapshot, T> derive) {
        this.store = store;
        this.derive = derive;
    }

    public T get() {
        long version = store.version();
        Versioned<T> cached = current.get();
        if (cached != null && cached.version() >= version) {
            return cached.value();
        }
        synchronized (this) {
            Versioned<T> again = current.get();
            if (again != null && again.version() >= version) {
                return again.value();
            }
            RegistrySnapshot snapshot = store.snapshot();
            Versioned<T> rebuilt = new Versioned<>(snapshot.version(), derive.apply(snapshot));
            current.set(rebuilt);
            return rebuilt.value();
        }
    }
}
