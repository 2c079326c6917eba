package io.packager4j.core.cmaf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes ISO-BMFF boxes into a growable byte array, back-patching each box's size when it is
 * closed. Reused across segments ({@link #reset()}) so that writing a {@code moof} allocates
 * nothing once the buffer has grown to size.
 *
 * <pre>{@code
 * BoxWriter w = new BoxWriter(256);
 * int moof = w.begin("moof");
 * w.fullBox("mfhd", 0, 0).u32(sequence); w.end(mfhd);
 * w.end(moof);
 * }</pre>
 */
public final class BoxWriter {

    private byte[] buf;
    private int pos;

    public BoxWriter(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    /** Forgets what was written, keeping the buffer. */
    public BoxWriter reset() {
        pos = 0;
        return this;
    }

    /** Bytes written so far. */
    public int position() {
        return pos;
    }

    /** Opens a box: writes a placeholder size and the type; returns the mark for {@link #end(int)}. */
    public int begin(String type) {
        int mark = pos;
        u32(0);
        fourCC(type);
        return mark;
    }

    /** Opens a full box (version and flags). */
    public int beginFull(String type, int version, int flags) {
        int mark = begin(type);
        u32(((version & 0xFF) << 24) | (flags & 0xFFFFFF));
        return mark;
    }

    /** Closes the box opened at {@code mark}, writing its size. */
    public BoxWriter end(int mark) {
        putU32At(mark, pos - mark);
        return this;
    }

    public BoxWriter u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public BoxWriter u16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public BoxWriter u24(int v) {
        ensure(3);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public BoxWriter u32(long v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public BoxWriter u64(long v) {
        u32(v >>> 32);
        return u32(v & 0xFFFFFFFFL);
    }

    public BoxWriter zeros(int n) {
        ensure(n);
        Arrays.fill(buf, pos, pos + n, (byte) 0);
        pos += n;
        return this;
    }

    public BoxWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public BoxWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    public BoxWriter fourCC(String type) {
        byte[] b = type.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length != 4) {
            throw new IllegalArgumentException("not a four-character code: " + type);
        }
        return bytes(b);
    }

    /** A null-terminated UTF-8 string (hdlr name). */
    public BoxWriter cString(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_8));
        return u8(0);
    }

    /** Overwrites four bytes at {@code at} (e.g. a trun data offset known only after the moof). */
    public void putU32At(int at, long v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    /** The written bytes as a buffer view (valid until the next write or reset). */
    public ByteBuffer view() {
        return ByteBuffer.wrap(buf, 0, pos);
    }

    /** A copy of the written bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
