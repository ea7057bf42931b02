package org.caseguard.journal.retention;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

import org.caseguard.journal.PostgresJournalDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every {@link RetentionTest} case on a real PostgreSQL, the production backend. */
class PostgresRetentionTest extends RetentionTest {
    private static PostgresJournalDatabase postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = PostgresJournalDatabase.start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Override
    protected Properties databaseProperties(Path workingDirectory) {
        return postgres.freshDatabase(workingDirectory);
    }
}
