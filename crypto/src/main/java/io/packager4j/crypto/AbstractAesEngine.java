package io.packager4j.crypto;

import java.util.Objects;

/**
 * The parts of an {@link AesEngine} that do not depend on the AES implementation: argument checks,
 * the {@code cenc} 64-bit counter wrap and the {@code cbcs} pattern walk. Subclasses supply
 * continuous CTR and CBC primitives.
 */
abstract class AbstractAesEngine implements AesEngine {

    static final int BLOCK = 16;

    /**
     * Stream lengths at or beyond this many bytes before a counter wrap are treated as "never
     * wraps": no single stream can get near it (2^62 bytes), and it keeps the arithmetic in a
     * {@code long}.
     */
    private static final long NO_WRAP = Long.MAX_VALUE;

    private final byte[] streamKey = new byte[BLOCK];
    private final byte[] counter = new byte[BLOCK];
    private final Stream stream = new Stream();
    /** Incremented by every operation so a stale {@link CtrStream} can be detected. */
    private long generation;

    /** Initialises the CTR cipher with {@code key} at counter block {@code counterBlock}. */
    protected abstract void ctrInit(byte[] key, byte[] counterBlock);

    /** XORs the next {@code len} keystream bytes into {@code data}, continuing the keystream. */
    protected abstract void ctrProcess(byte[] data, int off, int len);

    /** Initialises the CBC cipher for one chain starting at {@code iv}. */
    protected abstract void cbcInit(byte[] key, byte[] iv, boolean encrypt);

    /** Encrypts or decrypts {@code len} (a multiple of 16) bytes, continuing the chain. */
    protected abstract void cbcProcess(byte[] data, int off, int len);

    @Override
    public final CtrStream ctrStream(byte[] key16, byte[] iv16) {
        checkKeyAndIv(key16, iv16);
        generation++;
        System.arraycopy(key16, 0, streamKey, 0, BLOCK);
        System.arraycopy(iv16, 0, counter, 0, BLOCK);
        ctrInit(streamKey, counter);
        stream.start(generation, bytesUntilWrap(counter));
        return stream;
    }

    @Override
    public final void ctr(byte[] key16, byte[] iv16, byte[] data, int off, int len) {
        ctrStream(key16, iv16).apply(data, off, len);
    }

    @Override
    public final void cbc(byte[] key16, byte[] iv16, byte[] data, int off, int len,
            boolean encrypt) {
        checkKeyAndIv(key16, iv16);
        Objects.checkFromIndexSize(off, len, data.length);
        generation++;
        int whole = len & ~(BLOCK - 1);
        if (whole > 0) {
            cbcInit(key16, iv16, encrypt);
            cbcProcess(data, off, whole);
        }
    }

    @Override
    public final void cbcsPattern(byte[] key16, byte[] iv16, byte[] data, int off, int len,
            int cryptBlocks, int skipBlocks, boolean encrypt) {
        if (cryptBlocks < 0 || skipBlocks < 0 || (cryptBlocks == 0 && skipBlocks != 0)) {
            throw new IllegalArgumentException("invalid cbcs pattern " + cryptBlocks + ":"
                    + skipBlocks + " (crypt and skip blocks must be >= 0, crypt > 0 unless both are 0)");
        }
        if (skipBlocks == 0) {
            cbc(key16, iv16, data, off, len, encrypt);
            return;
        }
        checkKeyAndIv(key16, iv16);
        Objects.checkFromIndexSize(off, len, data.length);
        generation++;
        int blocks = len / BLOCK;
        if (blocks == 0) {
            return;
        }
        // One chain per protected range: skipped blocks are simply not fed to the cipher.
        cbcInit(key16, iv16, encrypt);
        int block = 0;
        while (block < blocks) {
            int crypt = Math.min(cryptBlocks, blocks - block);
            cbcProcess(data, off + block * BLOCK, crypt * BLOCK);
            block += crypt + skipBlocks;
        }
    }

    /**
     * Bytes of keystream before the low 64 bits of {@code counterBlock} wrap from all-ones to
     * zero, or {@link #NO_WRAP} when that is out of reach.
     */
    private static long bytesUntilWrap(byte[] counterBlock) {
        long low = readLong(counterBlock, 8);
        long blocksLeft = -low; // 2^64 - low, as an unsigned value; 0 means 2^64
        if (blocksLeft == 0 || Long.compareUnsigned(blocksLeft, NO_WRAP / BLOCK) > 0) {
            return NO_WRAP;
        }
        return blocksLeft * BLOCK;
    }

    private static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }

    private static void checkKeyAndIv(byte[] key16, byte[] iv16) {
        // Messages give lengths only: the key's bytes must never appear.
        if (key16 == null || key16.length != BLOCK) {
            throw new IllegalArgumentException("the key must be 16 bytes");
        }
        if (iv16 == null || iv16.length != BLOCK) {
            throw new IllegalArgumentException("the IV must be 16 bytes (pad 8-byte IVs with zeros)");
        }
    }

    /** The single reusable {@link CtrStream}; tracks the distance to the 64-bit counter wrap. */
    private final class Stream implements CtrStream {
        private long owner = -1;
        private long untilWrap;

        void start(long generation, long untilWrap) {
            this.owner = generation;
            this.untilWrap = untilWrap;
        }

        @Override
        public void apply(byte[] data, int off, int len) {
            if (owner != generation) {
                throw new IllegalStateException(
                        "this CtrStream was invalidated by a later operation on its AesEngine");
            }
            Objects.checkFromIndexSize(off, len, data.length);
            while (len > 0) {
                int n = (int) Math.min(len, untilWrap);
                ctrProcess(data, off, n);
                off += n;
                len -= n;
                if (untilWrap != NO_WRAP) {
                    untilWrap -= n;
                }
                if (untilWrap == 0) {
                    // The low 64 bits wrapped: the next counter block is high || 0. A 128-bit
                    // counter would carry into the high half instead, so restart the cipher here.
                    for (int i = 8; i < BLOCK; i++) {
                        counter[i] = 0;
                    }
                    ctrInit(streamKey, counter);
                    untilWrap = NO_WRAP;
                }
            }
        }
    }
}
