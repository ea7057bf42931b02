package org.caseguard.journal.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

import org.caseguard.journal.JdbcLeafStore;
import org.caseguard.journal.LeafStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JRN-7 and JRN-6 on the embedded default: files, H2 key table, generated master key. */
class FileContentStoreTest {
    private static final KeyScope CASE = KeyScope.forCase("2024-CW-00017");
    private static final KeyScope OTHER_CASE = KeyScope.forCase("2024-CW-00018");

    @TempDir
    Path workingDirectory;

    private JdbcLeafStore database;
    private ContentStore store;

    @BeforeEach
    void open() {
        database = LeafStores.open(new Properties(), workingDirectory);
        store = ContentStores.open(new Properties(), workingDirectory, database.dataSource());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static byte[] message(String text) {
        return ("Subject: case note\r\n\r\n" + text.repeat(50) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private long blobCount() throws Exception {
        Path root = workingDirectory.resolve("var/caseguard/journal-content");
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void contentComesBackExactlyAndIsNotStoredInClear() throws Exception {
        byte[] bytes = message("the client disclosed ");
        ContentRef ref = store.put(CASE, bytes);

        assertThat(store.get(ref)).isEqualTo(bytes);
        try (Stream<Path> files = Files.walk(workingDirectory.resolve("var/caseguard/journal-content"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("client disclosed");
                assertThat(file.toString()).doesNotContain("2024-CW-00017");
            }
        }
    }

    @Test
    void theSameBytesInOneScopeAreStoredOnceAndInTwoScopesTwice() throws Exception {
        byte[] bytes = message("reply quoting ");
        store.put(CASE, bytes);
        store.put(CASE, bytes);
        assertThat(blobCount()).isEqualTo(1);

        store.put(OTHER_CASE, bytes);
        assertThat(blobCount()).isEqualTo(2);
    }

    @Test
    void aFlippedByteIsReportedAsAltered() throws Exception {
        ContentRef ref = store.put(CASE, message("note "));
        Path file = ((FileContentStore) store).file(ref);
        byte[] stored = Files.readAllBytes(file);
        stored[stored.length - 5] ^= 1;
        Files.write(file, stored);

        assertThatThrownBy(() -> store.get(ref)).isInstanceOfSatisfying(ContentUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(ContentUnavailableException.Reason.ALTERED));
    }

    @Test
    void aBlobMovedInPlaceOfAnotherIsReportedAsAltered() throws Exception {
        ContentRef first = store.put(CASE, message("first "));
        ContentRef second = store.put(CASE, message("second "));
        FileContentStore files = (FileContentStore) store;
        Files.copy(files.file(first), files.file(second), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> store.get(second)).isInstanceOfSatisfying(ContentUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(ContentUnavailableException.Reason.ALTERED));
    }

    @Test
    void jrn6DestroyingAScopeMakesItsContentUnreadableAndRefusesNewContent() throws Exception {
        ContentRef ref = store.put(CASE, message("to dispose "));
        ContentRef kept = store.put(OTHER_CASE, message("to keep "));

        store.destroyScope(CASE);

        assertThat(store.isDestroyed(CASE)).isTrue();
        assertThatThrownBy(() -> store.get(ref)).isInstanceOfSatisfying(ContentUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(ContentUnavailableException.Reason.DESTROYED));
        assertThatThrownBy(() -> store.put(CASE, message("late mail "))).isInstanceOf(ContentUnavailableException.class);
        assertThat(store.get(kept)).isEqualTo(message("to keep "));
        assertThat(blobCount()).isEqualTo(1);
    }

    @Test
    void contentSurvivesARestartWithTheGeneratedMasterKey() {
        ContentRef ref = store.put(CASE, message("durable "));
        database.close();

        database = LeafStores.open(new Properties(), workingDirectory);
        store = ContentStores.open(new Properties(), workingDirectory, database.dataSource());
        assertThat(store.get(ref)).isEqualTo(message("durable "));
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
}
