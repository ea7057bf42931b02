package org.caseguard.journal.content;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The content contract on the embedded default (files, H2 key table, generated master key), and the keystore keys. */
class FileContentStoreTest extends ContentStoreContract {

    @Override
    protected Properties contentProperties() {
        return new Properties();
    }

    @Override
    protected Map<String, String> environment() {
        return Map.of();
    }

    private Path root() {
        return workingDirectory.resolve("var/caseguard/journal-content");
    }

    @Override
    protected List<String> blobNames() throws Exception {
        if (!Files.exists(root())) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(Files::isRegularFile).map(file -> root().relativize(file).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @Override
    protected byte[] readBlob(String name) throws Exception {
        return Files.readAllBytes(root().resolve(name));
    }

    @Override
    protected void writeBlob(String name, byte[] bytes) throws Exception {
        Files.createDirectories(root().resolve(name).getParent());
        Files.write(root().resolve(name), bytes);
    }

    @Test
    void aKeystoreWithoutAPasswordSourceStopsStartupNamingTheKeys() {
        Properties properties = new Properties();
        properties.setProperty("journal.masterKey.keystore", "conf/journal-master.p12");

        assertThatThrownBy(() -> ContentStores.open(properties, workingDirectory, database.dataSource()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("journal.masterKey.passwordEnv").hasMessageContaining("journal.masterKey.passwordFile");
    }

    @Test
    void aWrongKeystorePasswordStopsStartupNamingTheKeystore() throws Exception {
        Files.writeString(workingDirectory.resolve("wrong.password"), "not-the-password");
        Properties properties = new Properties();
        properties.setProperty("journal.masterKey.keystore", "var/caseguard/journal-master.p12");
        properties.setProperty("journal.masterKey.passwordFile", "wrong.password");

        assertThatThrownBy(() -> ContentStores.open(properties, workingDirectory, database.dataSource()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("journal.masterKey.keystore");
    }

    @Test
    void anUnknownBackendStopsStartupNamingTheKeyAndTheChoices() {
        Properties properties = new Properties();
        properties.setProperty("journal.content.backend", "S3 ");

        assertThatThrownBy(() -> ContentStores.open(properties, workingDirectory, database.dataSource()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("journal.content.backend").hasMessageContaining("file (default) or s3");
    }
}
