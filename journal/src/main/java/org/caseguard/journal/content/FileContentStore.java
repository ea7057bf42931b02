package org.caseguard.journal.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.caseguard.journal.Hash;

/**
 * Content blobs on a filesystem (the embedded default, JRN-7): one file per (scope, SHA-256 of the plain bytes), so
 * the same bytes in the same scope are stored once; compressed (DEFLATE), then AES-256-GCM with the scope's key and
 * a random nonce, the scope and hash bound as associated data, so a blob altered, or moved to another name or scope,
 * fails to open. Directories are named by SHA-256 of the scope, not the case number. Durable when put returns:
 * written to a temporary file, forced to disk, renamed atomically, directory forced.
 */
public final class FileContentStore implements ContentStore {
    private static final byte[] MAGIC = "CGB1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final ScopeKeys keys;

    FileContentStore(Path root, ScopeKeys keys) {
        this.root = root;
        this.keys = keys;
    }

    @Override
    public ContentRef put(KeyScope scope, byte[] content) {
        Hash sha256 = Hash.sha256(content);
        ContentRef ref = new ContentRef(scope, sha256, content.length);
        Path file = file(ref);
        SecretKey key = keys.keyFor(scope);
        if (Files.exists(file)) {
            return ref;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(seal(key, ref, compress(content))));
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(file.getParent());
            return ref;
        } catch (IOException e) {
            throw new ContentUnavailableException(ContentUnavailableException.Reason.STORE_FAILURE, "content could not be written under " + scope, e);
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
        byte[] plain = decompress(open(key, ref, stored), ref);
        if (!Hash.sha256(plain).equals(ref.sha256())) {
            throw altered(ref, null);
        }
        return plain;
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
    public void destroyScope(KeyScope scope) {
        keys.destroy(scope);
        Path directory = directory(scope);
        try (var files = Files.exists(directory) ? Files.list(directory) : java.util.stream.Stream.<Path>empty()) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // The key is gone: what is left cannot be read. Removal is a courtesy.
        }
    }

    @Override
    public boolean isDestroyed(KeyScope scope) {
        return keys.isDestroyed(scope);
    }

    Path file(ContentRef ref) {
        return directory(ref.scope()).resolve(ref.sha256().hex());
    }

    private Path directory(KeyScope scope) {
        String name = Hash.sha256(scope.value().getBytes(StandardCharsets.UTF_8)).hex();
        return root.resolve(name.substring(0, 2)).resolve(name);
    }

    private static byte[] associatedData(ContentRef ref) {
        return (ref.scope().value() + "\n" + ref.sha256().hex()).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] seal(SecretKey key, ContentRef ref, byte[] compressed) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData(ref));
            byte[] sealed = cipher.doFinal(compressed);
            ByteBuffer out = ByteBuffer.allocate(MAGIC.length + NONCE + sealed.length);
            return out.put(MAGIC).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static byte[] open(SecretKey key, ContentRef ref, byte[] stored) {
        if (stored.length < MAGIC.length + NONCE + 16 || !Arrays.equals(Arrays.copyOf(stored, MAGIC.length), MAGIC)) {
            throw altered(ref, null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, MAGIC.length, NONCE));
            cipher.updateAAD(associatedData(ref));
            return cipher.doFinal(stored, MAGIC.length + NONCE, stored.length - MAGIC.length - NONCE);
        } catch (AEADBadTagException e) {
            throw altered(ref, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static byte[] compress(byte[] content) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(content);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, content.length / 2));
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] decompress(byte[] compressed, ContentRef ref) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            byte[] plain = new byte[Math.toIntExact(ref.size())];
            int length = 0;
            while (!inflater.finished() && length < plain.length) {
                length += inflater.inflate(plain, length, plain.length - length);
                if (inflater.needsInput() && !inflater.finished()) {
                    throw altered(ref, null);
                }
            }
            if (length != plain.length) {
                throw altered(ref, null);
            }
            return plain;
        } catch (DataFormatException e) {
            throw altered(ref, e);
        } finally {
            inflater.end();
        }
    }

    private static ContentUnavailableException altered(ContentRef ref, Throwable cause) {
        return new ContentUnavailableException(ContentUnavailableException.Reason.ALTERED, "content " + ref.sha256() + " under " + ref.scope()
            + " does not open to the recorded bytes (altered or misplaced)", cause);
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
