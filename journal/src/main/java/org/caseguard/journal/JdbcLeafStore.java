package org.caseguard.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * {@link LeafStore} on JDBC: H2 (embedded default) or PostgreSQL, same SQL (schema in db/caseguard/journal). An
 * append is one transaction holding the leaves and the subtrees they complete; the primary key refuses a second
 * writer's leaf at an index already taken.
 */
public final class JdbcLeafStore implements LeafStore {
    private static final int NODES_PER_QUERY = 64;

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final DataSource loggedAppends;
    private final Optional<Path> writeAheadLog;
    private final AutoCloseable onClose;

    /**
     * A store on an already migrated data source (see {@link LeafStores#migrate}) whose commits are durable when they
     * return; close() calls onClose.
     */
    public JdbcLeafStore(DataSource dataSource, AutoCloseable onClose) {
        this(dataSource, dataSource, Optional.empty(), onClose);
    }

    /**
     * A store whose {@link LoggedAppend}s commit through {@code loggedAppends}, whose commits are not durable by
     * themselves: the appender forces them to its write-ahead log at {@code writeAheadLog} before they commit, and
     * applies that log again after a crash. Everything else commits, durably, through {@code dataSource}.
     */
    public JdbcLeafStore(DataSource dataSource, DataSource loggedAppends, Optional<Path> writeAheadLog, AutoCloseable onClose) {
        this.dataSource = dataSource;
        this.loggedAppends = loggedAppends;
        this.writeAheadLog = writeAheadLog;
        this.onClose = onClose;
    }

    /** Where appends with index rows must be logged before they commit; empty when every commit is durable by itself. */
    public Optional<Path> writeAheadLog() {
        return writeAheadLog;
    }

    /**
     * Forces everything committed so far, logged appends included, to disk (H2's CHECKPOINT SYNC); after it a
     * write-ahead log may be emptied. Nothing to do where every commit is durable by itself.
     */
    public void checkpoint() {
        if (writeAheadLog.isEmpty()) {
            return;
        }
        write(loggedAppends, connection -> {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
            return null;
        });
    }

    /** The data source the log lives in; the journal's index shares it so that both commit together. */
    public DataSource dataSource() {
        return dataSource;
    }

    private <T> T read(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw new JournalStoreException("journal log read failed", e);
        }
    }

    private <T> T write(SqlWork<T> work) {
        return write(dataSource, work);
    }

    private static <T> T write(DataSource dataSource, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new JournalStoreException("journal log write failed", e);
        }
    }

    @Override
    public long size() {
        return read(JdbcLeafStore::size);
    }

    private static long size(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                 "SELECT MAX(node_index) FROM journal_log_node WHERE tree_level = 0");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            long max = rows.getLong(1);
            return rows.wasNull() ? 0 : max + 1;
        }
    }

    /** Whether the store holds exactly {@code size} leaves, read from the last two (cheap at any size). */
    public boolean endsAt(long size) {
        return read(connection -> endsJustBefore(connection, size));
    }

    /**
     * Whether the store's last leaf is {@code firstIndex - 1} (no leaf when 0): a read of at most two rows from there.
     * Not {@link #size(Connection)} on every commit: H2 answers its MAX by reading every leaf.
     */
    private static boolean endsJustBefore(Connection connection, long firstIndex) throws SQLException {
        List<Long> found = new ArrayList<>(2);
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT node_index FROM journal_log_node WHERE tree_level = 0 AND node_index >= ? ORDER BY node_index LIMIT 2")) {
            statement.setLong(1, Math.max(0, firstIndex - 1));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getLong(1));
                }
            }
        }
        return firstIndex == 0 ? found.isEmpty() : found.equals(List.of(firstIndex - 1));
    }

    /** Work that must commit or roll back together with the leaves it accompanies (the journal's index rows). */
    @FunctionalInterface
    public interface WithinAppend {
        void run(Connection connection, long firstIndex) throws SQLException;
    }

    /**
     * Work within an append that also makes the append durable before it commits, by forcing it to the write-ahead
     * log ({@link #writeAheadLog()}): such an append commits without the database writing it out.
     */
    @FunctionalInterface
    public interface LoggedAppend extends WithinAppend {
    }

    @Override
    public void append(long firstIndex, List<Hash> leafHashes, List<Node> completedSubtrees) {
        append(firstIndex, leafHashes, completedSubtrees, null);
    }

    /** As {@link #append(long, List, List)}, running {@code alsoInTransaction} (if not null) in the same transaction. */
    public void append(long firstIndex, List<Hash> leafHashes, List<Node> completedSubtrees, WithinAppend alsoInTransaction) {
        write(alsoInTransaction instanceof LoggedAppend ? loggedAppends : dataSource, connection -> {
            if (!endsJustBefore(connection, firstIndex)) {
                throw new JournalStoreException("journal log: append at leaf " + firstIndex + " but the store has " + size(connection)
                    + " leaves (another writer?)");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO journal_log_node (tree_level, node_index, hash) VALUES (?, ?, ?)")) {
                long index = firstIndex;
                for (Hash leaf : leafHashes) {
                    addNode(insert, 0, index++, leaf);
                }
                for (Node node : completedSubtrees) {
                    addNode(insert, node.id().level(), node.id().index(), node.hash());
                }
                insert.executeBatch();
            }
            if (alsoInTransaction != null) {
                alsoInTransaction.run(connection, firstIndex);
            }
            return null;
        });
    }

    private static void addNode(PreparedStatement insert, int level, long index, Hash hash) throws SQLException {
        insert.setInt(1, level);
        insert.setLong(2, index);
        insert.setBytes(3, hash.bytes());
        insert.addBatch();
    }

    @Override
    public Map<NodeId, Hash> nodes(Collection<NodeId> ids) {
        List<NodeId> wanted = ids.stream().distinct().sorted(Comparator.comparingInt(NodeId::level).thenComparingLong(NodeId::index)).toList();
        return read(connection -> {
            Map<NodeId, Hash> found = new HashMap<>();
            for (int from = 0; from < wanted.size(); from += NODES_PER_QUERY) {
                queryNodes(connection, wanted.subList(from, Math.min(wanted.size(), from + NODES_PER_QUERY)), found);
            }
            return found;
        });
    }

    /**
     * One round trip: per level a primary-key IN list, joined by UNION ALL, which both H2 and PostgreSQL answer with
     * index lookups (an OR of (level, index) pairs makes H2 scan the table).
     */
    private static void queryNodes(Connection connection, List<NodeId> sortedIds, Map<NodeId, Hash> found) throws SQLException {
        StringBuilder sql = new StringBuilder();
        int i = 0;
        while (i < sortedIds.size()) {
            int level = sortedIds.get(i).level();
            int j = i;
            while (j < sortedIds.size() && sortedIds.get(j).level() == level) {
                j++;
            }
            sql.append(sql.length() == 0 ? "" : " UNION ALL ")
                .append("SELECT tree_level, node_index, hash FROM journal_log_node WHERE tree_level = ? AND node_index IN (")
                .append(String.join(", ", Collections.nCopies(j - i, "?"))).append(')');
            i = j;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int parameter = 1;
            int previousLevel = -1;
            for (NodeId id : sortedIds) {
                if (id.level() != previousLevel) {
                    statement.setInt(parameter++, id.level());
                    previousLevel = id.level();
                }
                statement.setLong(parameter++, id.index());
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.put(new NodeId(rows.getInt(1), rows.getLong(2)), storedHash(rows.getBytes(3)));
                }
            }
        }
    }

    @Override
    public List<Node> nodesAt(int level, long fromIndex, int limit) {
        return read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                "SELECT node_index, hash FROM journal_log_node WHERE tree_level = ? AND node_index >= ? ORDER BY node_index LIMIT ?")) {
                statement.setInt(1, level);
                statement.setLong(2, fromIndex);
                statement.setInt(3, limit);
                List<Node> nodes = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        nodes.add(new Node(new NodeId(level, rows.getLong(1)), storedHash(rows.getBytes(2))));
                    }
                }
                return nodes;
            }
        });
    }

    /** A stored hash of the wrong length is damage that verification must report, not a reason to stop reading. */
    private static Hash storedHash(byte[] bytes) {
        if (bytes != null && bytes.length == Hash.LENGTH) {
            return Hash.of(bytes);
        }
        byte[] padded = new byte[Hash.LENGTH];
        if (bytes != null) {
            System.arraycopy(bytes, 0, padded, 0, Math.min(bytes.length, Hash.LENGTH));
        }
        padded[0] ^= (byte) 0xff;
        return Hash.of(padded);
    }

    @Override
    public void addTreeHead(SignedTreeHead treeHead) {
        write(connection -> {
            Optional<SignedTreeHead> existing = treeHeads(connection, "WHERE tree_size = ?", treeHead.treeSize()).stream().findFirst();
            if (existing.isPresent()) {
                if (!existing.get().equals(treeHead)) {
                    throw new JournalStoreException("journal log: a different tree head for size " + treeHead.treeSize() + " is already recorded");
                }
                return null;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO journal_tree_head (tree_size, timestamp_millis, root_hash, algorithm, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, treeHead.treeSize());
                insert.setLong(2, treeHead.timestampMillis());
                insert.setBytes(3, treeHead.rootHash().bytes());
                insert.setString(4, treeHead.algorithm().label());
                insert.setBytes(5, treeHead.keyId().bytes());
                insert.setBytes(6, treeHead.signature());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<SignedTreeHead> treeHeads() {
        return read(connection -> treeHeads(connection, "", null));
    }

    @Override
    public Optional<SignedTreeHead> latestTreeHead() {
        return read(connection -> treeHeads(connection, "WHERE tree_size = (SELECT MAX(tree_size) FROM journal_tree_head)", null)).stream().findFirst();
    }

    private static List<SignedTreeHead> treeHeads(Connection connection, String where, Long size) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
            "SELECT tree_size, timestamp_millis, root_hash, algorithm, key_id, signature FROM journal_tree_head " + where + " ORDER BY tree_size")) {
            if (size != null) {
                statement.setLong(1, size);
            }
            List<SignedTreeHead> heads = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    heads.add(new SignedTreeHead(rows.getLong(1), rows.getLong(2), storedHash(rows.getBytes(3)),
                        SignatureAlgorithm.fromLabel(rows.getString(4)), storedHash(rows.getBytes(5)), rows.getBytes(6)));
                }
            }
            return heads;
        }
    }

    @Override
    public void close() {
        try {
            onClose.close();
        } catch (Exception e) {
            throw new JournalStoreException("journal log: closing the store failed", e);
        }
    }
}
