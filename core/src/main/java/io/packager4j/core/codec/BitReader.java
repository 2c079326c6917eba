package io.packager4j.core.codec;

import io.packager4j.PackagingException;

import java.util.Objects;

/**
 * Reads a range of a byte array bit by bit, most significant bit first, as the syntax tables of
 * H.264, H.265 and MPEG-4 Audio are written.
 *
 * <p>Every read is bounds-checked: running past the end of the range, an Exp-Golomb code with more
 * than 31 leading zeros or a value outside the range the caller allows throws a
 * {@link PackagingException} that names the structure being parsed (the {@code what} given to the
 * constructor), the field where one was named, and the bit position. Parsers built on it therefore
 * fail cleanly on truncated or crafted input instead of throwing runtime exceptions.
 *
 * <p>Not thread-safe; create one per parse.
 */
public final class BitReader {

    private final byte[] data;
    private final String what;
    /** Absolute bit positions in {@link #data}; long so that {@code 8 * length} cannot overflow. */
    private final long startBit;
    private final long endBit;
    private long bitPos;

    /**
     * Reads {@code len} bytes of {@code data} from {@code off}.
     *
     * @param what names the structure in error messages, for example {@code "H.264 SPS"}
     * @throws IndexOutOfBoundsException if the range is not inside {@code data} (a caller bug, not
     *                                   bad input)
     */
    public BitReader(byte[] data, int off, int len, String what) {
        Objects.checkFromIndexSize(off, len, data.length);
        this.data = data;
        this.what = what;
        this.startBit = 8L * off;
        this.endBit = 8L * (off + (long) len);
        this.bitPos = startBit;
    }

    /** Reads all of {@code data}. */
    public BitReader(byte[] data, String what) {
        this(data, 0, data.length, what);
    }

    /** The name of the structure being read, as used in error messages. */
    public String what() {
        return what;
    }

    /** Bits consumed since the start of the range. */
    public long position() {
        return bitPos - startBit;
    }

    /** Bits not yet consumed. */
    public long bitsLeft() {
        return endBit - bitPos;
    }

    /** True when the next bit starts a byte (relative to the start of the array range). */
    public boolean isByteAligned() {
        return (position() & 7) == 0;
    }

    /** Skips to the next byte boundary of the range (nothing when already aligned). */
    public void byteAlign() throws PackagingException {
        int rem = (int) (position() & 7);
        if (rem != 0) {
            skipBits(8 - rem);
        }
    }

    /**
     * Reads {@code n} bits (0 to 32) as an unsigned number. For {@code n == 32} the result is the
     * raw bit pattern and may be negative; use {@link #readBitsLong(int)} for an unsigned 32-bit value.
     */
    public int readBits(int n) throws PackagingException {
        return (int) readBitsLong(n);
    }

    /** Reads {@code n} bits (0 to 32) as an unsigned number. */
    public long readBitsLong(int n) throws PackagingException {
        if (n < 0 || n > 32) {
            throw new IllegalArgumentException("can read 0 to 32 bits at a time, not " + n);
        }
        require(n, null);
        long value = 0;
        int remaining = n;
        while (remaining > 0) {
            int byteIndex = (int) (bitPos >>> 3);
            int bitInByte = (int) (bitPos & 7);
            int available = 8 - bitInByte;
            int take = Math.min(available, remaining);
            int bits = ((data[byteIndex] & 0xFF) >>> (available - take)) & ((1 << take) - 1);
            value = (value << take) | bits;
            remaining -= take;
            bitPos += take;
        }
        return value;
    }

    /** Reads {@code n} bits (0 to 32) and names the field in the error if they are missing. */
    public int readBits(int n, String field) throws PackagingException {
        require(n, field);
        return readBits(n);
    }

    /** Reads one bit. */
    public int readBit() throws PackagingException {
        require(1, null);
        int bit = ((data[(int) (bitPos >>> 3)] & 0xFF) >>> (7 - (int) (bitPos & 7))) & 1;
        bitPos++;
        return bit;
    }

    /** Reads a one-bit flag. */
    public boolean readFlag() throws PackagingException {
        return readBit() != 0;
    }

    /** Reads a one-bit flag and names the field in the error if it is missing. */
    public boolean readFlag(String field) throws PackagingException {
        require(1, field);
        return readBit() != 0;
    }

    /** Skips {@code n} bits. */
    public void skipBits(long n) throws PackagingException {
        if (n < 0) {
            throw new IllegalArgumentException("cannot skip a negative number of bits: " + n);
        }
        require(n, null);
        bitPos += n;
    }

    /**
     * Reads an unsigned Exp-Golomb code, ue(v), over its full range 0 to 2<sup>32</sup>&minus;2.
     * More than 31 leading zero bits cannot encode a 32-bit value and is reported as corrupt.
     */
    public long readUE() throws PackagingException {
        return readUE((String) null);
    }

    private long readUE(String field) throws PackagingException {
        long codeStart = bitPos;
        int leadingZeros = 0;
        while (true) {
            if (bitPos >= endBit) {
                throw error("Exp-Golomb code" + named(field) + " at bit " + (codeStart - startBit)
                        + " runs past the end of the data");
            }
            if (readBit() != 0) {
                break;
            }
            leadingZeros++;
            if (leadingZeros > 31) {
                throw error("Exp-Golomb code" + named(field) + " at bit " + (codeStart - startBit)
                        + " has more than 31 leading zero bits");
            }
        }
        if (bitsLeft() < leadingZeros) {
            throw error("Exp-Golomb code" + named(field) + " at bit " + (codeStart - startBit)
                    + " runs past the end of the data");
        }
        return (1L << leadingZeros) - 1 + readBitsLong(leadingZeros);
    }

    /**
     * Reads ue(v) for a named syntax element and checks it is at most {@code max}, so that callers
     * can use the value as a loop count or an array size without further checks.
     */
    public int readUE(String field, int max) throws PackagingException {
        long start = position();
        long v = readUE(field);
        if (v > max) {
            throw error(field + " = " + v + " at bit " + start + " exceeds the maximum " + max);
        }
        return (int) v;
    }

    /** Reads a signed Exp-Golomb code, se(v): 0, 1, &minus;1, 2, &minus;2, ... */
    public long readSE() throws PackagingException {
        return toSigned(readUE());
    }

    /** Reads se(v) for a named syntax element and checks it lies in {@code [min, max]}. */
    public int readSE(String field, int min, int max) throws PackagingException {
        long start = position();
        long v = toSigned(readUE(field));
        if (v < min || v > max) {
            throw error(field + " = " + v + " at bit " + start + " is outside [" + min + ", " + max + "]");
        }
        return (int) v;
    }

    private static long toSigned(long codeNum) {
        // codeNum k maps to (-1)^(k+1) * Ceil(k / 2)
        return (codeNum & 1) != 0 ? (codeNum + 1) >>> 1 : -(codeNum >>> 1);
    }

    /**
     * The H.264/H.265 {@code more_rbsp_data()}: true if anything other than the RBSP stop bit and
     * its trailing zero bits (and any cabac_zero_words) follows the current position.
     */
    public boolean moreRbspData() {
        if (bitPos >= endBit) {
            return false;
        }
        // Find the last 1 bit of the range: that is the rbsp_stop_one_bit.
        long lastOne = -1;
        for (long byteIdx = (endBit >>> 3) - 1; byteIdx >= (startBit >>> 3); byteIdx--) {
            int b = data[(int) byteIdx] & 0xFF;
            if (b != 0) {
                lastOne = byteIdx * 8 + 7 - Integer.numberOfTrailingZeros(b);
                break;
            }
        }
        return lastOne > bitPos;
    }

    /** A {@link PackagingException} whose message starts with the structure name and ends with the position. */
    public PackagingException error(String message) {
        return new PackagingException(what + ": " + message);
    }

    private void require(long n, String field) throws PackagingException {
        if (n > bitsLeft()) {
            throw error("needs " + n + " more bit(s)" + named(field) + " at bit " + position()
                    + " but only " + bitsLeft() + " remain (truncated?)");
        }
    }

    private static String named(String field) {
        return field == null ? "" : " for " + field;
    }
}
