package org.caseguard.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2RegistryStoreTest extends RegistryStoreContract {
    @TempDir
    Path workingDirectory;

    private RegistryStore store;

    @BeforeEach
    void open() {
        store = RegistryStores.open(new Properties(), workingDirectory);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    RegistryStore store() {
        return store;
    }

    @Test
    void dataSurvivesARestartAndMigrationsAreNotRerun() {
        store.addInternalDomain("agency.example");
        store.upsertClient(new Client("C-1", "Maria", "Lopez", Optional.empty(), List.of()));
        long version = store.version();
        store.close();

        store = RegistryStores.open(new Properties(), workingDirectory);
        assertThat(store.internalDomains()).containsExactly("agency.example");
        assertThat(store.findClient("C-1")).isPresent();
        assertThat(store.version()).isEqualTo(version);
        assertThat(workingDirectory.resolve("var/caseguard/registry.mv.db")).exists();
    }

    @Test
    void badConfigurationNamesTheKeyAndTheAllowedValues() {
        Properties wrongBackend = new Properties();
        wrongBackend.setProperty("registry.backend", "mysql");
        assertThatThrownBy(() -> RegistryStores.open(wrongBackend, workingDirectory))
            .hasMessageContaining("'registry.backend' must be one of h2, postgresql, got 'mysql'");

        Properties typo = new Properties();
        typo.setProperty("registry.jdbc.pasword", "x");
        assertThatThrownBy(() -> RegistryStores.open(typo, workingDirectory)).hasMessageContaining("unknown key 'registry.jdbc.pasword'");

        Properties pool = new Properties();
        pool.setProperty("registry.pool.size", "0");
        assertThatThrownBy(() -> RegistryStores.open(pool, workingDirectory)).hasMessageContaining("'registry.pool.size'");

        Properties postgres = new Properties();
        postgres.setProperty("registry.backend", "postgresql");
        assertThatThrownBy(() -> RegistryStores.open(postgres, workingDirectory)).hasMessageContaining("'registry.jdbc.url' is required");

        Properties missingEnv = new Properties();
        missingEnv.setProperty("registry.backend", "postgresql");
        missingEnv.setProperty("registry.jdbc.url", "jdbc:postgresql://127.0.0.1:1/x");
        missingEnv.setProperty("registry.jdbc.user", "u");
        missingEnv.setProperty("registry.jdbc.passwordEnv", "CASEGUARD_TEST_UNSET_VARIABLE");
        assertThatThrownBy(() -> RegistryStores.open(missingEnv, workingDirectory))
            .hasMessageContaining("CASEGUARD_TEST_UNSET_VARIABLE, which is not set");
    }
}
