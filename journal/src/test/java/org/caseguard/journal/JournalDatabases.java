package org.caseguard.journal;

import java.nio.file.Path;
import java.sql.Connection;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A bare journal database on each backend, for tests that migrate it step by step: an H2 file (shut down afterwards)
 * and a fresh database on an embedded PostgreSQL.
 */
public final class JournalDatabases {
    public interface Check {
        void run(DataSource dataSource) throws Exception;
    }

    private JournalDatabases() {
    }

    public static void onH2(Path directory, Check check) throws Exception {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + directory.resolve("journal") + ";DB_CLOSE_DELAY=-1");
        try {
            check.run(h2);
        } finally {
            try (Connection connection = h2.getConnection()) {
                connection.createStatement().execute("SHUTDOWN");
            }
        }
    }

    public static void onPostgres(Path directory, Check check) throws Exception {
        try (PostgresJournalDatabase postgres = PostgresJournalDatabase.start()) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(postgres.freshDatabase(directory).getProperty("journal.jdbc.url"));
            dataSource.setUser("postgres");
            dataSource.setPassword("postgres");
            check.run(dataSource);
        }
    }
}
