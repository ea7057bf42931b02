package org.caseguard.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line verify on the shipped default (H2 file under the working directory). */
class VerifyLogCommandTest {
    @TempDir
    Path workingDirectory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return VerifyLogCommand.run(args, workingDirectory, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void passesOnAnIntactLogAndFailsWithTheIndexOnceALeafIsChanged() throws Exception {
        Files.writeString(workingDirectory.resolve("caseguard.properties"), "journal.h2.path=var/journal\n");
        KeyPair keys = TreeHeadSignerTest.ed25519();
        TreeHeadSigner signer = TreeHeadSigner.of(keys.getPrivate(), keys.getPublic(), TreeHeadSignerTest.CLOCK);
        Files.writeString(workingDirectory.resolve("journal.pub.pem"), signer.publicKeyPem());
        Properties properties = new Properties();
        properties.setProperty("journal.h2.path", "var/journal");
        try (JdbcLeafStore store = LeafStores.open(properties, workingDirectory)) {
            MerkleLog log = MerkleLog.open(store);
            log.appendAll(LeafStoreContract.entryHashes(10, 1));
            signer.publish(log);
            log.appendAll(LeafStoreContract.entryHashes(23, 2));
            signer.publish(log);
        }

        assertThat(run("caseguard.properties", "journal.pub.pem")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("PASSED: 33 leaves, 0 entries (0 disposed), 2 tree heads");

        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + workingDirectory.resolve("var/journal").toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        h2.setUser("caseguard");
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE journal_log_node SET hash = (SELECT hash FROM journal_log_node WHERE tree_level = 0 AND node_index = 0) "
                + "WHERE tree_level = 0 AND node_index = 3");
        }
        assertThat(run("caseguard.properties", "journal.pub.pem")).isEqualTo(1);
        assertThat(out.toString()).startsWith("FAILED").contains("TREE_HEAD_ROOT_MISMATCH at 10:", "TREE_HEAD_ROOT_MISMATCH at 33:", "STORED_SUBTREE_MISMATCH at 1:");
    }

    @Test
    void unusableArgumentsExitWithTwoAndSayWhy() throws Exception {
        assertThat(run("caseguard.properties")).isEqualTo(2);
        assertThat(err.toString()).startsWith("usage: VerifyLogCommand");
        Files.writeString(workingDirectory.resolve("caseguard.properties"), "journal.backend=oracle\n");
        Files.writeString(workingDirectory.resolve("key.pem"), "not a key");
        assertThat(run("caseguard.properties", "key.pem")).isEqualTo(2);
        assertThat(err.toString()).contains("public key PEM has no '-----BEGIN PUBLIC KEY-----' block");
        KeyPair keys = TreeHeadSignerTest.ed25519();
        Files.writeString(workingDirectory.resolve("key.pem"), TreeHeadSigner.of(keys.getPrivate(), keys.getPublic(), TreeHeadSignerTest.CLOCK).publicKeyPem());
        assertThat(run("caseguard.properties", "key.pem")).isEqualTo(2);
        assertThat(err.toString()).contains("'journal.backend' must be one of h2, postgresql, got 'oracle'");
    }
}
