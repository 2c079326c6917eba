package io.packager4j.core.codec;

import io.packager4j.PackagingException;

import java.util.Arrays;
import java.util.Objects;

/**
 * Big-endian reads from a box payload with every length checked against what remains, so that
 * the record parsers of this package never index out of bounds or allocate from an unchecked
 * length. Error messages name the record (for example {@code "avcC"}) and the byte offset.
 */
final class ByteCursor {

    private final byte[] data;
    /** Where offsets in messages count from: the start of the whole payload, also for slices. */
    private final int origin;
    private final int end;
    private final String what;
    private int pos;

    ByteCursor(byte[] data, int off, int len, String what) {
        this(data, off, off, len, what);
    }

    private ByteCursor(byte[] data, int origin, int off, int len, String what) {
        Objects.checkFromIndexSize(off, len, data.length);
        this.data = data;
        this.origin = origin;
        this.end = off + len;
        this.pos = off;
        this.what = what;
    }

    ByteCursor(byte[] data, String what) {
        this(data, 0, data.length, what);
    }

    /** Offset from the start of the payload, for messages. */
    int offset() {
        return pos - origin;
    }

    int remaining() {
        return end - pos;
    }

    /**
     * A cursor over the next {@code n} bytes, which are consumed from this one: for a nested
     * structure whose own size must not be overrun. Its messages keep counting offsets from the
     * start of the whole payload.
     */
    ByteCursor slice(int n, String field) throws PackagingException {
        need(n, field);
        ByteCursor child = new ByteCursor(data, origin, pos, n, what);
        pos += n;
        return child;
    }

    int u8(String field) throws PackagingException {
        need(1, field);
        return data[pos++] & 0xFF;
    }

    int u16(String field) throws PackagingException {
        need(2, field);
        int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    int u24(String field) throws PackagingException {
        need(3, field);
        int v = ((data[pos] & 0xFF) << 16) | ((data[pos + 1] & 0xFF) << 8) | (data[pos + 2] & 0xFF);
        pos += 3;
        return v;
    }

    long u32(String field) throws PackagingException {
        need(4, field);
        long v = ((long) (data[pos] & 0xFF) << 24) | ((data[pos + 1] & 0xFF) << 16)
                | ((data[pos + 2] & 0xFF) << 8) | (data[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /** Copies the next {@code n} bytes; {@code n} is checked against what remains before allocating. */
    byte[] bytes(int n, String field) throws PackagingException {
        if (n < 0) {
            throw error(field + " has negative length " + n + " at offset " + offset());
        }
        need(n, field);
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    void skip(int n, String field) throws PackagingException {
        need(n, field);
        pos += n;
    }

    PackagingException error(String message) {
        return new PackagingException(what + ": " + message);
    }

    private void need(int n, String field) throws PackagingException {
        if (n > end - pos) {
            throw error(field + " needs " + n + " byte(s) at offset " + offset() + " but only "
                    + (end - pos) + " remain");
        }
    }
}
