package org.caseguard.core.crypto;

import java.nio.file.Path;
import java.util.Properties;

import org.caseguard.core.registry.RegistryStore;
import org.caseguard.core.registry.RegistryStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class H2CertificateStoreTest extends CertificateStoreContract {
    @TempDir
    Path directory;

    private RegistryStore registry;

    @BeforeEach
    void open() {
        registry = RegistryStores.open(new Properties(), directory);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Override
    RegistryStore registry() {
        return registry;
    }
}
