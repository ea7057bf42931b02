package org.caseguard.journal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.caseguard.journal.LeafStores;
import org.caseguard.journal.JournalDatabases;
import org.caseguard.journal.content.BlobNames;
import org.caseguard.journal.content.ContentStore;
import org.caseguard.journal.content.ContentStores;
import org.caseguard.journal.content.KeyScope;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JRN-6: the sweep goes through every scope destroyed since its mark, pages of them sharing one destruction time
 * included, on both backends; a database from before schema V10 starts its mark at its newest destruction.
 */
class BlobSweeperTest {
    private static final int DESTROYED_TOGETHER = 1_203;

    @TempDir
    Path workingDirectory;

    @Test
    void jrn6EveryScopeDestroyedSinceTheMarkIsSweptOnceOnH2() throws Exception {
        JournalDatabases.onH2(workingDirectory, this::sweepsEveryDestroyedScopeOnce);
    }

    @Test
    void jrn6EveryScopeDestroyedSinceTheMarkIsSweptOnceOnPostgres() throws Exception {
        JournalDatabases.onPostgres(workingDirectory, this::sweepsEveryDestroyedScopeOnce);
    }

    private void sweepsEveryDestroyedScopeOnce(DataSource dataSource) throws Exception {
        Flyway.configure(BlobSweeperTest.class.getClassLoader()).dataSource(dataSource).locations(LeafStores.MIGRATIONS)
            .table("caseguard_journal_schema_history").target("9").load().migrate();
        keyRow(dataSource, released(9_999), 1_000L);
        LeafStores.migrate(dataSource);
        for (int i = 0; i < DESTROYED_TOGETHER; i++) {
            keyRow(dataSource, released(i), 5_000L); // more than two pages, all at one instant
        }
        keyRow(dataSource, "case:C-1#1", null);
        Path blobs = workingDirectory.resolve("var/caseguard/journal-content");
        for (String scope : new String[] {released(9_999), released(0), released(700), released(1_202), "case:C-1#1"}) {
            Path folder = blobs.resolve(BlobNames.scopeFolder(new KeyScope(scope)));
            Files.createDirectories(folder);
            Files.write(folder.resolve("blob"), new byte[] {1, 2, 3});
        }

        try (ContentStore content = ContentStores.open(new Properties(), workingDirectory, dataSource)) {
            Instant afterGrace = Instant.ofEpochMilli(5_000L).plus(BlobSweeper.GRACE).plusMillis(1);
            BlobSweeper sweeper = new BlobSweeper(dataSource, content, Clock.fixed(afterGrace, ZoneOffset.UTC), new ReentrantLock());

            assertThat(sweeper.sweep()).isEqualTo(new BlobSweeper.Sweep(DESTROYED_TOGETHER, DESTROYED_TOGETHER, 0));
            for (String swept : new String[] {released(0), released(700), released(1_202)}) {
                assertThat(blobs.resolve(BlobNames.scopeFolder(new KeyScope(swept)))).as(swept).doesNotExist();
            }
            assertThat(blobs.resolve(BlobNames.scopeFolder(new KeyScope("case:C-1#1")))).as("a live scope").exists();
            assertThat(blobs.resolve(BlobNames.scopeFolder(new KeyScope(released(9_999))))).as("destroyed before V10: not swept").exists();
            assertThat(sweeper.sweep().checked()).as("swept once").isZero();
        }
    }

    private static String released(int n) {
        return KeyScope.forMessage(String.format("0190a000-0000-7000-8000-%012d", n)).value();
    }

    private static void keyRow(DataSource dataSource, String scope, Long destroyedAt) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                 "INSERT INTO journal_content_key (key_scope, wrapped_key, master_alias, created_at, destroyed_at) VALUES (?, ?, 'caseguard-journal', 0, ?)")) {
            insert.setString(1, scope);
            insert.setBytes(2, destroyedAt == null ? new byte[40] : null);
            insert.setObject(3, destroyedAt, java.sql.Types.BIGINT);
            insert.executeUpdate();
        }
    }
}
