package org.caseguard.journal;

class MemoryLeafStoreTest extends LeafStoreContract {
    private final MemoryLeafStore store = new MemoryLeafStore();

    @Override
    LeafStore store() {
        return store;
    }

    @Override
    LeafStore reopen() {
        return store;
    }
}
