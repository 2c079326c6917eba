package io.packager4j.core.codec;

import java.util.Arrays;
import java.util.Objects;

/**
 * Turns a NAL unit's bytes into its raw byte sequence payload (RBSP) by removing the
 * emulation-prevention bytes that H.264 and H.265 encoders insert so that the payload never
 * contains a start code: every {@code 0x03} that follows two zero bytes is dropped.
 */
public final class Rbsp {

    private Rbsp() {
    }

    /**
     * Returns {@code nal[off, off+len)} without its emulation-prevention bytes. The result is never
     * longer than the input, so the allocation is bounded by the caller's range.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code nal}
     */
    public static byte[] unescape(byte[] nal, int off, int len) {
        Objects.checkFromIndexSize(off, len, nal.length);
        byte[] out = new byte[len];
        int n = 0;
        int zeros = 0;
        for (int i = off, end = off + len; i < end; i++) {
            byte b = nal[i];
            if (zeros >= 2 && b == 3) {
                // An emulation_prevention_three_byte: drop it and restart the zero count, so that
                // 00 00 03 00 00 03 loses both 03s.
                zeros = 0;
                continue;
            }
            out[n++] = b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return n == len ? out : Arrays.copyOf(out, n);
    }

    /** Returns the whole of {@code nal} without its emulation-prevention bytes. */
    public static byte[] unescape(byte[] nal) {
        return unescape(nal, 0, nal.length);
    }

    /**
     * How many bytes of the escaped NAL unit {@code nal[off, off+len)} hold its first
     * {@code rbspBytes} RBSP bytes, counting the emulation-prevention bytes among them. Slice header
     * sizes are measured in RBSP bits, but encryption ranges are byte ranges of the stored NAL unit,
     * so this is the conversion between the two.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code nal}
     * @throws IllegalArgumentException  if the NAL unit has fewer than {@code rbspBytes} RBSP bytes
     */
    public static int escapedLength(byte[] nal, int off, int len, int rbspBytes) {
        Objects.checkFromIndexSize(off, len, nal.length);
        if (rbspBytes < 0) {
            throw new IllegalArgumentException("negative RBSP length " + rbspBytes);
        }
        int copied = 0;
        int zeros = 0;
        int i = off;
        int end = off + len;
        while (copied < rbspBytes) {
            if (i >= end) {
                throw new IllegalArgumentException(
                        "NAL unit has fewer than " + rbspBytes + " RBSP bytes (only " + copied + ")");
            }
            byte b = nal[i++];
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            copied++;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return i - off;
    }
}
