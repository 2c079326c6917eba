package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;

/**
 * A bit reader over the unescaped (RBSP) prefix of one NAL unit, reused from slice to slice.
 *
 * <p>It exists beside {@link io.packager4j.core.codec.BitReader} because a subsample mapper reads
 * a slice header for every VCL NAL unit of every sample and must not allocate on that path: this
 * reader is {@link #reset reset} onto the mapper's reusable buffer instead of being created per
 * slice. Like the core reader it checks every read and reports bad input as a
 * {@link PackagingException} naming the syntax element and the bit position.
 *
 * <p>The buffer may hold only the first part of the NAL unit (a window). A read that runs past
 * the end of a partial window sets {@link #ranPastWindow()}, so the caller can tell "the window
 * was too small, try a larger one" from "the header is malformed".
 */
final class RbspBitReader {

    private byte[] data = new byte[0];
    private String what = "";
    private long endBit;
    private long bitPos;
    private boolean partialWindow;
    private boolean ranPastWindow;

    /**
     * Starts reading {@code data[0, length)} from its first bit.
     *
     * @param partialWindow true when the bytes are only the start of the NAL unit, so that running
     *                      out of them says nothing about the NAL unit itself
     * @param what          the structure, for error messages (e.g. "H.264 slice header")
     */
    void reset(byte[] data, int length, boolean partialWindow, String what) {
        if (length < 0 || length > data.length) {
            throw new IndexOutOfBoundsException("length " + length + " outside a buffer of " + data.length);
        }
        this.data = data;
        this.what = what;
        this.endBit = 8L * length;
        this.bitPos = 0;
        this.partialWindow = partialWindow;
        this.ranPastWindow = false;
    }

    /** Bits read so far, counted from the first bit of the NAL unit header. */
    long position() {
        return bitPos;
    }

    /** True if a read failed only because the partial window ended. */
    boolean ranPastWindow() {
        return ranPastWindow;
    }

    /** Reads {@code n} bits (0 to 32) as an unsigned number. */
    long readBits(int n, String field) throws PackagingException {
        if (n < 0 || n > 32) {
            throw new IllegalArgumentException("can read 0 to 32 bits at a time, not " + n);
        }
        require(n, field);
        long value = 0;
        for (int i = 0; i < n; i++) {
            value = (value << 1) | bit();
        }
        return value;
    }

    /** Reads {@code n} bits (0 to 31) as an int. */
    int readInt(int n, String field) throws PackagingException {
        if (n > 31) {
            throw new IllegalArgumentException("an int holds at most 31 unsigned bits, not " + n);
        }
        return (int) readBits(n, field);
    }

    /** Reads a one-bit flag. */
    boolean readFlag(String field) throws PackagingException {
        require(1, field);
        return bit() != 0;
    }

    /** Skips {@code n} bits. */
    void skipBits(long n, String field) throws PackagingException {
        require(n, field);
        bitPos += n;
    }

    /** Reads ue(v) and checks it is at most {@code max}, so it can be used as a count or a length. */
    int readUE(String field, int max) throws PackagingException {
        long start = bitPos;
        long v = readUnsignedExpGolomb(field);
        if (v > max) {
            throw error(field + " = " + v + " at bit " + start + " exceeds the maximum " + max);
        }
        return (int) v;
    }

    /** Reads se(v) and checks it lies in {@code [min, max]}. */
    int readSE(String field, int min, int max) throws PackagingException {
        long start = bitPos;
        long k = readUnsignedExpGolomb(field);
        // codeNum k stands for (-1)^(k+1) * Ceil(k / 2).
        long v = (k & 1) != 0 ? (k + 1) >>> 1 : -(k >>> 1);
        if (v < min || v > max) {
            throw error(field + " = " + v + " at bit " + start + " is outside [" + min + ", " + max + "]");
        }
        return (int) v;
    }

    private long readUnsignedExpGolomb(String field) throws PackagingException {
        long start = bitPos;
        int zeros = 0;
        while (true) {
            if (bitPos >= endBit) {
                ranPastWindow = partialWindow;
                throw error("Exp-Golomb code for " + field + " at bit " + start + " runs past the end of the data");
            }
            if (bit() != 0) {
                break;
            }
            if (++zeros > 31) {
                throw error("Exp-Golomb code for " + field + " at bit " + start
                        + " has more than 31 leading zero bits (corrupt data?)");
            }
        }
        require(zeros, field);
        return (1L << zeros) - 1 + readBits(zeros, field);
    }

    /** A {@link PackagingException} whose message starts with the structure being read. */
    PackagingException error(String message) {
        return new PackagingException(what + ": " + message);
    }

    private int bit() {
        int b = (data[(int) (bitPos >>> 3)] >>> (7 - (int) (bitPos & 7))) & 1;
        bitPos++;
        return b;
    }

    private void require(long n, String field) throws PackagingException {
        if (n > endBit - bitPos) {
            ranPastWindow = partialWindow;
            throw error("needs " + n + " more bit(s) for " + field + " at bit " + bitPos + " but only "
                    + (endBit - bitPos) + " remain (truncated or corrupt NAL unit?)");
        }
    }
}
