package io.packager4j.core.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-sample encryption information of an encrypted input track ({@code senc}, with the defaults
 * of {@code tenc} and any {@code seig} sample group applied): for each sample whether it is
 * protected, its key ID, its IV and its subsample map. Held in primitive arrays, like
 * {@link SampleTable}.
 */
public final class SampleEncryptionTable {

    /** Largest IV size: 16 bytes. */
    public static final int IV_BYTES = 16;

    private final int count;
    private final byte[] ivs;
    private final byte[] ivSizes;
    private final int[] keyIndex;
    private final List<byte[]> keyIds;
    private final int[] subsampleStart;
    private final int[] clear;
    private final int[] protectedBytes;

    private SampleEncryptionTable(Builder b) {
        this.count = b.count;
        this.ivs = Arrays.copyOf(b.ivs, b.count * IV_BYTES);
        this.ivSizes = Arrays.copyOf(b.ivSizes, b.count);
        this.keyIndex = Arrays.copyOf(b.keyIndex, b.count);
        this.keyIds = List.copyOf(b.keyIds);
        this.subsampleStart = Arrays.copyOf(b.subsampleStart, b.count + 1);
        this.clear = Arrays.copyOf(b.clear, b.subsamples);
        this.protectedBytes = Arrays.copyOf(b.protectedBytes, b.subsamples);
    }

    /** Number of samples described; equals the track's sample count. */
    public int count() {
        return count;
    }

    /** Whether sample {@code i} is encrypted (false for clear-lead samples). */
    public boolean isProtected(int i) {
        return keyIndex[i] >= 0;
    }

    /**
     * The position of protected sample {@code i}'s key ID in {@link #keyIds()}, or -1 for a clear
     * sample; lets a decryptor find the sample's key without copying the key ID.
     */
    public int keyIndex(int i) {
        return keyIndex[i];
    }

    /** Number of distinct key IDs, the size of {@link #keyIds()}. */
    public int keyIdCount() {
        return keyIds.size();
    }

    /** The 16-byte key ID of protected sample {@code i} (a copy). */
    public byte[] keyId(int i) {
        return keyIds.get(keyIndex[i]).clone();
    }

    /** The distinct key IDs of the protected samples, in order of first use. */
    public List<byte[]> keyIds() {
        List<byte[]> copies = new ArrayList<>();
        for (byte[] k : keyIds) {
            copies.add(k.clone());
        }
        return copies;
    }

    /** Size of sample {@code i}'s IV as stored: 8 or 16 (the constant IV's size for cbcs); 0 if clear. */
    public int ivSize(int i) {
        return ivSizes[i];
    }

    /** Copies sample {@code i}'s IV into {@code dest16}, padded with zeros to 16 bytes. */
    public void copyIv(int i, byte[] dest16) {
        System.arraycopy(ivs, i * IV_BYTES, dest16, 0, IV_BYTES);
    }

    /** Number of subsample entries of sample {@code i}; 0 means the whole sample is protected. */
    public int subsampleCount(int i) {
        return subsampleStart[i + 1] - subsampleStart[i];
    }

    /** BytesOfClearData of entry {@code j} of sample {@code i}. */
    public int clearBytes(int i, int j) {
        return clear[subsampleStart[i] + j];
    }

    /** BytesOfProtectedData of entry {@code j} of sample {@code i}. */
    public int protectedBytes(int i, int j) {
        return protectedBytes[subsampleStart[i] + j];
    }

    /** Collects the table sample by sample, in decode order. */
    public static final class Builder {
        private int count;
        private byte[] ivs = new byte[64 * IV_BYTES];
        private byte[] ivSizes = new byte[64];
        private int[] keyIndex = new int[64];
        private final List<byte[]> keyIds = new ArrayList<>();
        private int[] subsampleStart = new int[65];
        private int subsamples;
        private int[] clear = new int[64];
        private int[] protectedBytes = new int[64];

        /** Adds a sample that is not encrypted. */
        public Builder addClear() {
            return add(null, null, 0);
        }

        /**
         * Starts a protected sample; follow with {@link #subsample} calls for its map (none: the
         * whole sample is protected).
         *
         * @param keyId 16-byte key ID
         * @param iv    the IV as stored (8 or 16 bytes), or the constant IV
         */
        public Builder addProtected(byte[] keyId, byte[] iv) {
            if (keyId == null || keyId.length != 16) {
                throw new IllegalArgumentException("a key ID is 16 bytes");
            }
            if (iv == null) {
                throw new IllegalArgumentException("a protected sample needs an IV");
            }
            return add(keyId, iv, iv.length);
        }

        private Builder add(byte[] keyId, byte[] iv, int ivSize) {
            if (count == keyIndex.length) {
                int n = count * 2;
                ivs = Arrays.copyOf(ivs, n * IV_BYTES);
                ivSizes = Arrays.copyOf(ivSizes, n);
                keyIndex = Arrays.copyOf(keyIndex, n);
                subsampleStart = Arrays.copyOf(subsampleStart, n + 1);
            }
            if (iv != null) {
                if (iv.length != 8 && iv.length != IV_BYTES) {
                    throw new IllegalArgumentException("an IV is 8 or 16 bytes, not " + iv.length);
                }
                System.arraycopy(iv, 0, ivs, count * IV_BYTES, iv.length);
            }
            ivSizes[count] = (byte) ivSize;
            keyIndex[count] = keyId == null ? -1 : indexOf(keyId);
            count++;
            subsampleStart[count] = subsamples;
            return this;
        }

        private int indexOf(byte[] keyId) {
            for (int k = 0; k < keyIds.size(); k++) {
                if (Arrays.equals(keyIds.get(k), keyId)) {
                    return k;
                }
            }
            keyIds.add(keyId.clone());
            return keyIds.size() - 1;
        }

        /**
         * Appends a subsample entry to the sample added last.
         *
         * @param clearBytes      BytesOfClearData, 0 to 65535
         * @param protectedLength BytesOfProtectedData, 0 to {@link Integer#MAX_VALUE}
         */
        public Builder subsample(int clearBytes, long protectedLength) {
            if (count == 0 || keyIndex[count - 1] < 0) {
                throw new IllegalStateException("subsamples belong to a protected sample");
            }
            if (clearBytes < 0 || clearBytes > 0xFFFF || protectedLength < 0 || protectedLength > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("subsample " + clearBytes + "+" + protectedLength + " is out of range");
            }
            if (subsamples == clear.length) {
                clear = Arrays.copyOf(clear, subsamples * 2);
                protectedBytes = Arrays.copyOf(protectedBytes, subsamples * 2);
            }
            clear[subsamples] = clearBytes;
            protectedBytes[subsamples] = (int) protectedLength;
            subsamples++;
            subsampleStart[count] = subsamples;
            return this;
        }

        /** Samples added so far. */
        public int count() {
            return count;
        }

        public SampleEncryptionTable build() {
            return new SampleEncryptionTable(this);
        }
    }
}
