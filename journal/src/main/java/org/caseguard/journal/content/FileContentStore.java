package org.caseguard.journal.content;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

import javax.crypto.SecretKey;

import org.caseguard.journal.Hash;

/**
 * Content blobs on a filesystem (the embedded default, JRN-7): one file per (scope, SHA-256 of the plain bytes), so
 * the same bytes in the same scope are stored once; sealed by {@link BlobSealer} (zstd, then AES-256-GCM with the
 * scope's key, scope and hash bound), so a blob altered, or moved to another name or scope, fails to open.
 * Directories are named by SHA-256 of the scope ({@link BlobNames}), not the case number. Durable when put returns:
 * the file and its directory forced to disk.
 */
public final class FileContentStore extends ScopeKeyedStore {
    private final Path root;

    FileContentStore(Path root, ScopeKeys keys) {
        super(keys);
        this.root = root;
    }

    @Override
    public ContentRef put(KeyScope scope, byte[] content) {
        Hash sha256 = Hash.sha256(content);
        ContentRef ref = new ContentRef(scope, sha256, content.length);
        Path file = file(ref);
        SecretKey key = keys.keyFor(scope);
        try {
            if (scope.isMessage()) {
                writeOnce(file, BlobSealer.seal(key, ref, content));
            } else if (!Files.exists(file)) {
                writeReplacing(file, BlobSealer.seal(key, ref, content));
            }
            return ref;
        } catch (IOException e) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.STORE_FAILURE, "content could not be written under " + scope, e);
        }
    }

    /**
     * A message scope's key is new and its one content is written once, so the blob is written under its own name: a
     * crash before the record that refers to it is committed leaves it to a key no record uses (destroyed, with the
     * blob, by the next disposal run), and no later put relies on it. That saves a rename and a second forced
     * journal commit of the filesystem per message.
     */
    private static void writeOnce(Path file, byte[] sealed) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            return;
        }
        try (channel) {
            writeFully(channel, sealed);
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        forceDirectory(file.getParent());
    }

    /**
     * A shared scope's blob may be relied on by any later put of the same bytes, so it appears under its name only
     * whole: written to a temporary file, forced, renamed atomically.
     */
    private static void writeReplacing(Path file, byte[] sealed) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(channel, sealed);
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(file.getParent());
    }

    private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public byte[] get(ContentRef ref) {
        SecretKey key = keys.existingKey(ref.scope());
        byte[] stored;
        try {
            stored = Files.readAllBytes(file(ref));
        } catch (NoSuchFileException e) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.MISSING, "no content " + ref.sha256() + " under " + ref.scope());
        } catch (IOException e) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.STORE_FAILURE, "content could not be read under " + ref.scope(), e);
        }
        return BlobSealer.open(key, ref, stored);
    }

    @Override
    public boolean delete(ContentRef ref) {
        try {
            return Files.deleteIfExists(file(ref));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean holds(ContentRef blob) {
        return Files.exists(file(blob));
    }

    @Override
    protected boolean removeBlobs(KeyScope scope) {
        Path directory = directory(scope);
        try (var files = Files.exists(directory) ? Files.list(directory) : java.util.stream.Stream.<Path>empty()) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // The key is gone: what is left cannot be read. The sweep tries again later.
        }
        return !Files.exists(directory);
    }

    Path file(ContentRef ref) {
        return root.resolve(BlobNames.blobName(ref));
    }

    private Path directory(KeyScope scope) {
        return root.resolve(BlobNames.scopeFolder(scope));
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every filesystem lets a directory be opened for force(); the file itself is on disk.
        }
    }

    @Override
    public void close() {
    }
}
