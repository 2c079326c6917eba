package io.packager4j.crypto.subsample;

import java.io.ByteArrayOutputStream;

/** Writes H.264/H.265 syntax for synthetic test streams: bits, Exp-Golomb codes, escaping. */
final class BitWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int bitsInCurrent;
    private long position;

    BitWriter bits(long value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            bit((int) (value >>> i) & 1);
        }
        return this;
    }

    BitWriter flag(boolean f) {
        return bit(f ? 1 : 0);
    }

    BitWriter bit(int b) {
        current = current << 1 | (b & 1);
        position++;
        if (++bitsInCurrent == 8) {
            out.write(current);
            current = 0;
            bitsInCurrent = 0;
        }
        return this;
    }

    BitWriter ue(long v) {
        long codeNum = v + 1;
        int len = 63 - Long.numberOfLeadingZeros(codeNum);
        bits(0, len);
        return bits(codeNum, len + 1);
    }

    BitWriter se(long v) {
        return ue(v > 0 ? 2 * v - 1 : -2 * v);
    }

    /** Bits written so far. */
    long position() {
        return position;
    }

    /** rbsp_trailing_bits(): a 1, then 0s to the byte boundary. */
    BitWriter trailingBits() {
        bit(1);
        while (bitsInCurrent != 0) {
            bit(0);
        }
        return this;
    }

    /** Pads with {@code value} bits to the byte boundary (e.g. cabac_alignment_one_bit). */
    BitWriter alignWith(int value) {
        while (bitsInCurrent != 0) {
            bit(value);
        }
        return this;
    }

    BitWriter bytes(byte[] data) {
        for (byte b : data) {
            bits(b & 0xFF, 8);
        }
        return this;
    }

    /** The RBSP written so far; the writer must be byte-aligned. */
    byte[] rbsp() {
        if (bitsInCurrent != 0) {
            throw new IllegalStateException("not byte-aligned: " + bitsInCurrent + " bits pending");
        }
        return out.toByteArray();
    }

    /** The NAL unit: the RBSP with emulation-prevention bytes inserted. */
    byte[] nal() {
        return escape(rbsp());
    }

    static byte[] escape(byte[] rbsp) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int zeros = 0;
        for (byte b : rbsp) {
            if (zeros >= 2 && (b & 0xFF) <= 3) {
                o.write(3);
                zeros = 0;
            }
            o.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return o.toByteArray();
    }

    /** Joins NAL units into a sample with {@code lengthSize}-byte big-endian length prefixes. */
    static byte[] sample(int lengthSize, byte[]... nals) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] nal : nals) {
            for (int i = lengthSize - 1; i >= 0; i--) {
                o.write(nal.length >>> (8 * i));
            }
            o.writeBytes(nal);
        }
        return o.toByteArray();
    }
}
