package org.caseguard.journal.content;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.caseguard.journal.Hash;

/**
 * Storage ratio (issue 5): content of {@value #CHUNKING_FROM} bytes or more is stored as content-defined chunks
 * ({@link ContentChunker}) in the underlying store, under the same scope and so the same key, and listed in the journal
 * database ({@code journal_chunk}). An attachment that several messages of one case carry, or the quoted history of a
 * thread, is then stored once per case. Smaller content stays one blob. Reading checks the whole content's SHA-256, so
 * a changed, missing or reordered chunk, or a changed chunk list, is reported (ALTERED or MISSING), never returned.
 * Deleting removes only chunks no other content of the scope uses; destroying a scope destroys its key as before.
 */
public final class ChunkedContentStore implements ContentStore {
    static final int CHUNKING_FROM = 32 * 1024;

    private final ContentStore blobs;
    private final DataSource journalDataSource;
    private final Clock clock;

    public ChunkedContentStore(ContentStore blobs, DataSource journalDataSource, Clock clock) {
        this.blobs = blobs;
        this.journalDataSource = journalDataSource;
        this.clock = clock;
    }

    @Override
    public ContentRef put(KeyScope scope, byte[] content) {
        if (content.length < CHUNKING_FROM) {
            return blobs.put(scope, content);
        }
        Hash whole = Hash.sha256(content);
        ContentRef ref = new ContentRef(scope, whole, content.length);
        if (blobs.isDestroyed(scope)) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.DESTROYED, "scope " + scope + " was destroyed");
        }
        if (!chunksOf(ref).isEmpty()) {
            return ref;
        }
        List<ContentRef> chunks = new ArrayList<>();
        int start = 0;
        for (int end : ContentChunker.boundaries(content)) {
            chunks.add(blobs.put(scope, Arrays.copyOfRange(content, start, end)));
            start = end;
        }
        recordChunks(ref, chunks);
        return ref;
    }

    @Override
    public byte[] get(ContentRef ref) {
        List<ContentRef> chunks = chunksOf(ref);
        if (chunks.isEmpty()) {
            return blobs.get(ref);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, ref.size()));
        for (ContentRef chunk : chunks) {
            out.writeBytes(blobs.get(chunk));
        }
        byte[] content = out.toByteArray();
        if (content.length != ref.size() || !Hash.sha256(content).equals(ref.sha256())) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.ALTERED,
                "chunks under " + ref.scope() + " do not add up to content " + ref.sha256().hex());
        }
        return content;
    }

    @Override
    public boolean delete(ContentRef ref) {
        List<ContentRef> chunks = chunksOf(ref);
        if (chunks.isEmpty()) {
            return deleteBlob(ref);
        }
        update("DELETE FROM journal_chunk WHERE key_scope = ? AND sha256 = ?", ref.scope().value(), ref.sha256().bytes());
        boolean deleted = true;
        for (ContentRef chunk : new LinkedHashSet<>(chunks)) {
            if (!usedElsewhere(chunk)) {
                deleted &= deleteBlob(chunk);
            }
        }
        return deleted;
    }

    /**
     * Deletes one blob. One the store refuses to delete (it still holds it) is listed for the journal's sweep
     * ({@code journal_blob_retry}, schema V10): its scope's key is live, so it must not simply stay.
     */
    private boolean deleteBlob(ContentRef blob) {
        if (blobs.delete(blob)) {
            return true;
        }
        if (blobs.holds(blob)) {
            try (Connection connection = journalDataSource.getConnection()) {
                ScopeRows.listRefused(connection, blob, clock.millis());
            } catch (SQLException e) {
                throw new ContentUnavailableException(ContentUnavailableException.Reason.STORE_FAILURE, "a refused deletion could not be listed", e);
            }
        }
        return false;
    }

    @Override
    public boolean holds(ContentRef blob) {
        return blobs.holds(blob);
    }

    @Override
    public void destroyScope(KeyScope scope) {
        blobs.destroyScope(scope);
        update("DELETE FROM journal_chunk WHERE key_scope = ?", scope.value());
    }

    @Override
    public void removeDestroyed(KeyScope scope) {
        blobs.removeDestroyed(scope);
    }

    @Override
    public boolean removeLeftovers(KeyScope scope) {
        return blobs.removeLeftovers(scope);
    }

    @Override
    public boolean isDestroyed(KeyScope scope) {
        return blobs.isDestroyed(scope);
    }

    @Override
    public void prepareScopes(java.util.Collection<KeyScope> scopes) {
        blobs.prepareScopes(scopes);
    }

    @Override
    public void logKeysThrough(java.util.Optional<KeyRowLog> log) {
        blobs.logKeysThrough(log);
    }

    @Override
    public javax.crypto.SecretKey derivedKey(String purpose) {
        return blobs.derivedKey(purpose);
    }

    @Override
    public void close() {
        blobs.close();
    }

    private List<ContentRef> chunksOf(ContentRef ref) {
        List<ContentRef> chunks = new ArrayList<>();
        try (Connection connection = journalDataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                 "SELECT chunk_sha256, chunk_size FROM journal_chunk WHERE key_scope = ? AND sha256 = ? ORDER BY part")) {
            statement.setString(1, ref.scope().value());
            statement.setBytes(2, ref.sha256().bytes());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    chunks.add(new ContentRef(ref.scope(), Hash.of(rows.getBytes(1)), rows.getLong(2)));
                }
            }
            return chunks;
        } catch (SQLException e) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.STORE_FAILURE, "chunk list unavailable", e);
        }
    }

    /** Whether another stored content of the scope is made of this chunk, or is exactly its bytes as one blob. */
    private boolean usedElsewhere(ContentRef chunk) {
        try (Connection connection = journalDataSource.getConnection()) {
            return ScopeRows.referenced(connection, chunk);
        } catch (SQLException e) {
            return true; // keep the chunk: a leftover blob is harmless, a missing one is not
        }
    }

    private void recordChunks(ContentRef ref, List<ContentRef> chunks) {
        try (Connection connection = journalDataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO journal_chunk (key_scope, sha256, part, chunk_sha256, chunk_size) VALUES (?, ?, ?, ?, ?)")) {
                for (int part = 0; part < chunks.size(); part++) {
                    statement.setString(1, ref.scope().value());
                    statement.setBytes(2, ref.sha256().bytes());
                    statement.setInt(3, part);
                    statement.setBytes(4, chunks.get(part).sha256().bytes());
                    statement.setLong(5, chunks.get(part).size());
                    statement.addBatch();
                }
                statement.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                if (chunksOf(ref).size() != chunks.size()) {
                    throw e; // not a concurrent put of the same content
                }
            }
        } catch (SQLException e) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.STORE_FAILURE, "chunk list could not be written", e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = journalDataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.STORE_FAILURE, "chunk list could not be updated", e);
        }
    }

    /** For tests and the benchmark: how many distinct chunks the scope holds. */
    Set<Hash> chunkHashes(KeyScope scope) {
        Set<Hash> hashes = new LinkedHashSet<>();
        try (Connection connection = journalDataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT chunk_sha256 FROM journal_chunk WHERE key_scope = ?")) {
            statement.setString(1, scope.value());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    hashes.add(Hash.of(rows.getBytes(1)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return hashes;
    }
}
