package org.caseguard.journal.store;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

import org.caseguard.journal.Hash;
import org.caseguard.journal.content.ContentRef;
import org.caseguard.journal.content.KeyScope;
import org.caseguard.journal.content.ScopeRows;

/**
 * JRN-2 on the embedded database: each group commit's records, written and forced to this file before the database
 * commits them, so that H2 need not write every commit out itself (its page writes were the append's limit). After
 * a crash, the records the database lost are applied again from here at start; once the database has been forced
 * to disk (a checkpoint), the file is emptied. One writer (the journal's writer thread).
 *
 * <p>A frame: magic, payload length, CRC-32C of the payload, payload (first leaf index, then each record's canonical
 * bytes, mail name, content locations and full-text terms; from format 2 on, then the content keys created in the
 * same commit). A frame cut short by a crash fails its length or CRC and was never acknowledged: reading stops there
 * and the tail is cut off. Frames of format 1 (before content keys were logged) are still read.
 */
final class WriteAheadLog implements AutoCloseable {
    private static final int MAGIC = 0x43475732; // "CGW2"
    private static final int MAGIC_WITHOUT_KEYS = 0x43475731; // "CGW1", written until 2026-12-02
    private static final int HEADER = 12;
    static final long CHECKPOINT_BYTES = 16L << 20;

    /** One group commit as logged: what {@link GroupCommitter} needs to apply it again. */
    record Frame(long firstLeaf, List<LoggedRecord> records, List<ScopeRows.KeyRow> keys) {
        Frame(long firstLeaf, List<LoggedRecord> records) {
            this(firstLeaf, records, List.of());
        }
    }

    record LoggedRecord(byte[] canonical, Optional<String> mailName, List<ContentRef> content, Optional<List<byte[]>> terms) {
    }

    private final Path file;
    private final FileChannel channel;
    /** Where the next frame goes: the end of the last good frame (kept here, not asked of the file per batch). */
    private long end;
    /** Set when a failed write could not be cut off again: a frame after it would be unreadable, so none is written. */
    private boolean broken;

    private WriteAheadLog(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.end = channel.size();
    }

    /** Opens (creating it owner-only if absent) the log at this path. */
    static WriteAheadLog open(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                }
            }
            return new WriteAheadLog(file, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("journal write-ahead log " + file + " cannot be opened", e);
        }
    }

    Path file() {
        return file;
    }

    /**
     * The frames on file, in order; a torn or damaged tail (a write the crash interrupted) is cut off, so that the
     * next frame is written after the last good one.
     */
    List<Frame> read() {
        try {
            List<Frame> frames = new ArrayList<>();
            long position = 0;
            long size = channel.size();
            while (position + HEADER <= size) {
                ByteBuffer header = ByteBuffer.allocate(HEADER);
                channel.read(header, position);
                header.flip();
                int magic = header.getInt();
                int length = header.getInt();
                int crc = header.getInt();
                if ((magic & 0xFFFFFF00) == (MAGIC & 0xFFFFFF00) && magic != MAGIC && magic != MAGIC_WITHOUT_KEYS) {
                    throw new IllegalStateException("journal write-ahead log " + file + " has a frame of format '" + (char) (magic & 0xFF)
                        + "', this version reads formats '1' and '" + (char) (MAGIC & 0xFF) + "': start the version that wrote it once, so that it is applied");
                }
                if ((magic != MAGIC && magic != MAGIC_WITHOUT_KEYS) || length < 12 || position + HEADER + length > size) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                channel.read(payload, position + HEADER);
                if (crc32c(payload.array()) != crc) {
                    break;
                }
                frames.add(decode(payload.array(), magic == MAGIC));
                position += HEADER + length;
            }
            if (position < size) {
                channel.truncate(position);
                channel.force(true);
            }
            end = position;
            return frames;
        } catch (IOException e) {
            throw new UncheckedIOException("journal write-ahead log " + file + " cannot be read", e);
        }
    }

    /** Appends one group commit and forces it to disk; the commit may be acknowledged once this returns. */
    void append(Frame frame) throws IOException {
        if (broken) {
            throw new IOException("journal write-ahead log " + file + ": an earlier write failed and could not be undone; restart the server");
        }
        byte[] payload = encode(frame);
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + payload.length);
        buffer.putInt(MAGIC).putInt(payload.length).putInt(crc32c(payload)).put(payload).flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer, end + buffer.position());
            }
            channel.force(false);
            end += buffer.limit();
        } catch (IOException e) {
            try {
                channel.truncate(end);
            } catch (IOException undo) {
                broken = true;
            }
            throw e;
        }
    }

    long size() {
        return end;
    }

    /** Empties the log: call only once the database holds, on disk, every frame written so far. */
    void reset() throws IOException {
        channel.truncate(0);
        end = 0;
        channel.force(true);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing is pending: every frame was forced when written
        }
    }

    private static int crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    private static byte[] encode(Frame frame) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024 * frame.records().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(frame.firstLeaf());
            out.writeInt(frame.records().size());
            for (LoggedRecord record : frame.records()) {
                writeBytes(out, record.canonical());
                out.writeBoolean(record.mailName().isPresent());
                if (record.mailName().isPresent()) {
                    writeBytes(out, record.mailName().get().getBytes(StandardCharsets.UTF_8));
                }
                out.writeInt(record.content().size());
                for (ContentRef ref : record.content()) {
                    writeBytes(out, ref.scope().value().getBytes(StandardCharsets.UTF_8));
                    out.write(ref.sha256().bytes());
                    out.writeLong(ref.size());
                }
                out.writeBoolean(record.terms().isPresent());
                if (record.terms().isPresent()) {
                    out.writeInt(record.terms().get().size());
                    for (byte[] term : record.terms().get()) {
                        writeBytes(out, term);
                    }
                }
            }
            out.writeInt(frame.keys().size());
            for (ScopeRows.KeyRow key : frame.keys()) {
                writeBytes(out, key.scope().value().getBytes(StandardCharsets.UTF_8));
                writeBytes(out, key.wrapped());
                writeBytes(out, key.masterAlias().getBytes(StandardCharsets.UTF_8));
                out.writeLong(key.createdAtMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Frame decode(byte[] payload, boolean withKeys) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            long firstLeaf = in.readLong();
            int count = in.readInt();
            List<LoggedRecord> records = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] canonical = readBytes(in);
                Optional<String> mailName = in.readBoolean() ? Optional.of(new String(readBytes(in), StandardCharsets.UTF_8)) : Optional.empty();
                int refs = in.readInt();
                List<ContentRef> content = new ArrayList<>(refs);
                for (int r = 0; r < refs; r++) {
                    KeyScope scope = new KeyScope(new String(readBytes(in), StandardCharsets.UTF_8));
                    byte[] sha256 = new byte[Hash.LENGTH];
                    in.readFully(sha256);
                    content.add(new ContentRef(scope, Hash.of(sha256), in.readLong()));
                }
                Optional<List<byte[]>> terms = Optional.empty();
                if (in.readBoolean()) {
                    int termCount = in.readInt();
                    List<byte[]> list = new ArrayList<>(termCount);
                    for (int t = 0; t < termCount; t++) {
                        list.add(readBytes(in));
                    }
                    terms = Optional.of(list);
                }
                records.add(new LoggedRecord(canonical, mailName, content, terms));
            }
            List<ScopeRows.KeyRow> keys = new ArrayList<>();
            if (withKeys) {
                int keyCount = in.readInt();
                for (int k = 0; k < keyCount; k++) {
                    KeyScope scope = new KeyScope(new String(readBytes(in), StandardCharsets.UTF_8));
                    byte[] wrapped = readBytes(in);
                    String alias = new String(readBytes(in), StandardCharsets.UTF_8);
                    keys.add(new ScopeRows.KeyRow(scope, wrapped, alias, in.readLong()));
                }
            }
            return new Frame(firstLeaf, records, keys);
        } catch (EOFException e) {
            throw new IOException("journal write-ahead log: a frame whose checksum matched is shorter than its records", e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("journal write-ahead log: a field of " + length + " bytes in a frame of fewer");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
