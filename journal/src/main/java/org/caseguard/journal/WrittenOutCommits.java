package org.caseguard.journal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * An H2 data source whose every commit is on disk when it returns: after each commit, and each statement that
 * changes data outside a transaction, it runs {@code CHECKPOINT SYNC}, one for all commits waiting together. H2 runs
 * with a write delay so that the journal's group commits, made durable by its write-ahead log instead, cost no page
 * writes of their own; every other write (content keys, chunk lists, holds, disposal runs, tree heads) goes through
 * here, and each checkpoint also writes out the group commits before it.
 */
final class WrittenOutCommits implements DataSource {
    private static final Set<String> EXECUTING = Set.of("executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch");
    private static final Set<String> STATEMENT_FACTORIES = Set.of("createStatement", "prepareStatement", "prepareCall");

    private final DataSource h2;
    private final Object gate = new Object();
    private long requested;
    private long covered;
    private boolean running;

    WrittenOutCommits(DataSource h2) {
        this.h2 = h2;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return writingOut(h2.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return writingOut(h2.getConnection(username, password));
    }

    private Connection writingOut(Connection connection) {
        return (Connection) Proxy.newProxyInstance(WrittenOutCommits.class.getClassLoader(), new Class<?>[] {Connection.class},
            new ConnectionHandler(connection));
    }

    /**
     * Writes out to disk everything committed so far, once for all callers waiting together: a checkpoint covers every
     * commit made before it started, so a caller whose commit an ongoing checkpoint may have missed waits for the next
     * one, run by one of them (the group commit of the other writes: one checkpoint each made 20 spool threads queue).
     */
    private void writeOut(Connection connection) throws SQLException {
        long target;
        synchronized (gate) {
            long mine = ++requested;
            while (running && covered < mine) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while the journal database was written out", e);
                }
            }
            if (covered >= mine) {
                return;
            }
            running = true;
            target = requested;
        }
        boolean done = false;
        try (Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
            done = true;
        } finally {
            synchronized (gate) {
                running = false;
                if (done) {
                    covered = Math.max(covered, target);
                }
                gate.notifyAll();
            }
        }
    }

    private static Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Writes out after a commit only if the transaction changed something: read-only work costs no write. */
    private final class ConnectionHandler implements InvocationHandler {
        private final Connection connection;
        private boolean changed;

        ConnectionHandler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "commit" -> {
                    connection.commit();
                    writeOutIfChanged();
                    return null;
                }
                case "rollback" -> {
                    Object result = WrittenOutCommits.invoke(connection, method, arguments);
                    if (arguments == null || arguments.length == 0) {
                        changed = false;
                    }
                    return result;
                }
                case "setAutoCommit" -> {
                    boolean wasManual = !connection.getAutoCommit();
                    connection.setAutoCommit((Boolean) arguments[0]); // to true: commits what is open
                    if (wasManual && connection.getAutoCommit()) {
                        writeOutIfChanged();
                    }
                    return null;
                }
                default -> {
                    Object result = WrittenOutCommits.invoke(connection, method, arguments);
                    if (STATEMENT_FACTORIES.contains(name) && result instanceof Statement statement) {
                        return Proxy.newProxyInstance(WrittenOutCommits.class.getClassLoader(), new Class<?>[] {method.getReturnType()},
                            new StatementHandler(statement, this, proxy));
                    }
                    return result;
                }
            }
        }

        void executed(boolean changedData) throws SQLException {
            if (!changedData) {
                return;
            }
            if (connection.getAutoCommit()) {
                writeOut(connection);
            } else {
                changed = true;
            }
        }

        private void writeOutIfChanged() throws SQLException {
            if (changed) {
                changed = false;
                writeOut(connection);
            }
        }
    }

    private record StatementHandler(Statement statement, ConnectionHandler connection, Object connectionProxy) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            String name = method.getName();
            if (name.equals("getConnection")) {
                return connectionProxy;
            }
            Object result = WrittenOutCommits.invoke(statement, method, arguments);
            connection.executed(EXECUTING.contains(name) || (name.equals("execute") && Boolean.FALSE.equals(result)));
            return result;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return h2.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        h2.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        h2.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return h2.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return h2.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return h2.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || h2.isWrapperFor(type);
    }
}
