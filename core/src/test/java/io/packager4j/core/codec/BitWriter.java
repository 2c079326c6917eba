package io.packager4j.core.codec;

import java.io.ByteArrayOutputStream;

/** Writes bits MSB first, for crafting H.264/H.265/AAC syntax in tests. */
final class BitWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int bitCount;

    BitWriter bits(long value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            bit((int) (value >>> i) & 1);
        }
        return this;
    }

    BitWriter bit(int b) {
        current = (current << 1) | (b & 1);
        if (++bitCount == 8) {
            out.write(current);
            current = 0;
            bitCount = 0;
        }
        return this;
    }

    BitWriter flag(boolean f) {
        return bit(f ? 1 : 0);
    }

    BitWriter ue(long v) {
        long codeNum = v + 1;
        int len = 64 - Long.numberOfLeadingZeros(codeNum);
        bits(0, len - 1);
        return bits(codeNum, len);
    }

    BitWriter se(long v) {
        return ue(v > 0 ? 2 * v - 1 : -2 * v);
    }

    /** rbsp_trailing_bits(): a one bit, then zeros to the byte boundary. */
    BitWriter trailingBits() {
        bit(1);
        while (bitCount != 0) {
            bit(0);
        }
        return this;
    }

    /** Pads with zero bits to the byte boundary. */
    BitWriter align() {
        while (bitCount != 0) {
            bit(0);
        }
        return this;
    }

    byte[] toBytes() {
        if (bitCount != 0) {
            throw new IllegalStateException(bitCount + " bits are not byte-aligned");
        }
        return out.toByteArray();
    }

    /** Inserts emulation-prevention bytes so that an RBSP becomes a valid NAL unit payload. */
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
}
