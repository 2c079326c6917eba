package io.packager4j.core.io;

import io.packager4j.PackagingException;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Positional, thread-safe reads from an input file. Media is never loaded whole: callers read the
 * byte ranges they need, and several representation writers may read the same file at once
 * ({@link FileChannel} positional reads do not share a file pointer).
 */
public final class RandomAccessSource implements Closeable {

    private final Path path;
    private final String name;
    private final FileChannel channel;
    private final long size;

    private RandomAccessSource(Path path, FileChannel channel, long size) {
        this.path = path;
        this.name = String.valueOf(path.getFileName());
        this.channel = channel;
        this.size = size;
    }

    /** Opens {@code path} for reading. */
    public static RandomAccessSource open(Path path) throws PackagingException {
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
            return new RandomAccessSource(path, ch, ch.size());
        } catch (NoSuchFileException e) {
            throw new PackagingException(path + ": no such file");
        } catch (IOException e) {
            throw new PackagingException(path + ": cannot open for reading: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** The file name, used to say where in error messages. */
    public String name() {
        return name;
    }

    public long size() {
        return size;
    }

    /**
     * Fills {@code dst} from {@code position} on.
     *
     * @throws PackagingException if the file ends first (the message says where) or reading fails
     */
    public void readFully(long position, ByteBuffer dst) throws PackagingException {
        long pos = position;
        try {
            while (dst.hasRemaining()) {
                int n = channel.read(dst, pos);
                if (n < 0) {
                    throw new PackagingException(name + ": unexpected end of file at byte " + pos
                            + " (wanted " + dst.remaining() + " more bytes from offset " + position + "; truncated file?)");
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new PackagingException(name + ": read error at byte " + pos + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code length} bytes at {@code position} into a new array; callers bound {@code length}. */
    public byte[] read(long position, int length) throws PackagingException {
        byte[] bytes = new byte[length];
        readFully(position, ByteBuffer.wrap(bytes));
        return bytes;
    }

    /**
     * Copies {@code length} bytes at {@code position} to {@code target} without passing them through
     * the Java heap where the platform allows (sendfile / copy_file_range).
     */
    public void transferTo(long position, long length, WritableByteChannel target) throws PackagingException {
        long pos = position;
        long remaining = length;
        try {
            while (remaining > 0) {
                long n = channel.transferTo(pos, remaining, target);
                if (n <= 0) {
                    if (pos >= size) {
                        throw new PackagingException(name + ": unexpected end of file at byte " + pos + " (truncated file?)");
                    }
                    // transferTo may return 0 spuriously for some channels: fall back to a buffered copy.
                    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(remaining, 1 << 16));
                    readFully(pos, buf);
                    buf.flip();
                    while (buf.hasRemaining()) {
                        target.write(buf);
                    }
                    n = buf.limit();
                }
                pos += n;
                remaining -= n;
            }
        } catch (IOException e) {
            throw new PackagingException(name + ": I/O error copying bytes " + position + ".." + (position + length) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a read-only channel cannot lose data.
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
