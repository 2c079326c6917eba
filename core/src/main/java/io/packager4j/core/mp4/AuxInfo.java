package io.packager4j.core.mp4;

import io.packager4j.PackagingException;
import io.packager4j.core.io.RandomAccessSource;

import java.nio.ByteBuffer;

/**
 * Sample auxiliary information located by {@code saiz} (sizes) and {@code saio} (offsets),
 * ISO/IEC 14496-12 8.7.8 and 8.7.9: where a file keeps its per-sample IVs and subsample maps when it
 * has no {@code senc} box. The information of each chunk or track run is stored contiguously at
 * its offset; with a single offset, that of all the samples is.
 */
final class AuxInfo {

    /** PIFF 1.1 SampleEncryptionBox user type: A2394F52-5A9B-4F14-A244-6C427C648DF4. */
    private static final byte[] PIFF_SENC = {
            (byte) 0xA2, 0x39, 0x4F, 0x52, 0x5A, (byte) 0x9B, 0x4F, 0x14,
            (byte) 0xA2, 0x44, 0x6C, 0x42, 0x7C, 0x64, (byte) 0x8D, (byte) 0xF4};

    private final int defaultSize;
    private final ByteBuffer sizes;
    private final long sampleCount;
    private final long[] offsets;

    private AuxInfo(int defaultSize, ByteBuffer sizes, long sampleCount, long[] offsets) {
        this.defaultSize = defaultSize;
        this.sizes = sizes;
        this.sampleCount = sampleCount;
        this.offsets = offsets;
    }

    static boolean isPiffSampleEncryption(RawBox uuid) {
        byte[] b = uuid.bytes();
        return b.length >= 24 && java.util.Arrays.equals(b, 8, 24, PIFF_SENC, 0, 16);
    }

    /**
     * The first {@code saiz} and {@code saio} among {@code parent}'s children whose auxiliary
     * information type is {@code scheme} (or unstated, which means the scheme), or null when there
     * is no {@code saiz}.
     *
     * @param where the track fragment or track, for messages
     */
    static AuxInfo find(RawBox parent, String scheme, String where) throws PackagingException {
        RawBox saiz = first(parent, "saiz", scheme, where);
        if (saiz == null) {
            return null;
        }
        RawBox saio = first(parent, "saio", scheme, where);
        if (saio == null) {
            throw new PackagingException(where + ": " + saiz.describe() + " has no matching 'saio' box to say"
                    + " where the sample auxiliary information is");
        }
        String saizWhere = where + ": " + saiz.describe();
        ByteBuffer z = afterType(saiz, saizWhere);
        if (z.remaining() < 5) {
            throw new PackagingException(saizWhere + " is cut off before its sample count");
        }
        int defaultSize = z.get() & 0xFF;
        long count = Integer.toUnsignedLong(z.getInt());
        if (defaultSize == 0 && count > z.remaining()) {
            throw new PackagingException(saizWhere + " declares " + count + " sample sizes but holds only "
                    + z.remaining() + " bytes of them");
        }
        String saioWhere = where + ": " + saio.describe();
        int version = saio.payloadBuffer().get(0) & 0xFF;
        ByteBuffer o = afterType(saio, saioWhere);
        if (o.remaining() < 4) {
            throw new PackagingException(saioWhere + " is cut off before its entry count");
        }
        long entries = Integer.toUnsignedLong(o.getInt());
        int width = version == 0 ? 4 : 8;
        if (entries * width > o.remaining()) {
            throw new PackagingException(saioWhere + " declares " + entries + " offsets but holds only "
                    + o.remaining() + " bytes of them");
        }
        long[] offsets = new long[(int) entries];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = version == 0 ? Integer.toUnsignedLong(o.getInt()) : o.getLong();
        }
        return new AuxInfo(defaultSize, defaultSize == 0 ? z.slice() : null, count, offsets);
    }

    /** The first box of this type whose aux_info_type, if stated, is the scheme's. */
    private static RawBox first(RawBox parent, String type, String scheme, String where) throws PackagingException {
        for (RawBox b : parent.childrenOf(type)) {
            ByteBuffer p = b.payloadBuffer();
            if (p.remaining() < 4) {
                throw new PackagingException(where + ": " + b.describe() + " is cut off before its flags");
            }
            boolean typed = (p.getInt(0) & 0x1) != 0;
            if (!typed) {
                return b;
            }
            if (p.remaining() < 12) {
                throw new PackagingException(where + ": " + b.describe() + " is cut off in its aux_info_type");
            }
            if (scheme.equals(BoxHeader.fourCC(p.getInt(4)))) {
                return b;
            }
        }
        return null;
    }

    /** The payload after version/flags and the optional aux_info_type and parameter. */
    private static ByteBuffer afterType(RawBox box, String where) throws PackagingException {
        ByteBuffer p = box.payloadBuffer();
        int skip = (p.getInt(0) & 0x1) != 0 ? 12 : 4;
        if (p.remaining() < skip) {
            throw new PackagingException(where + " is cut off");
        }
        p.position(skip);
        return p.slice();
    }

    /** Samples {@code saiz} describes. */
    long sampleCount() {
        return sampleCount;
    }

    /** Bytes of auxiliary information of sample {@code i}. */
    int size(int i) {
        return defaultSize != 0 ? defaultSize : sizes.get(i) & 0xFF;
    }

    /**
     * Reads the auxiliary information of all {@code n} samples, back to back, from the file.
     *
     * @param runs the sample counts of the chunks or track runs, when there is one offset for each
     * @param base what the offsets are relative to: 0 in a progressive file, the base data offset
     *             of the tfhd in a track fragment
     */
    ByteBuffer read(int n, TrackEncryptionReader.Runs runs, long base, RandomAccessSource source,
                    ReaderLimits limits, String where) throws PackagingException {
        int blocks;
        if (offsets.length == 1) {
            blocks = 1;
        } else if (offsets.length == runs.count()) {
            blocks = runs.count();
        } else {
            throw new PackagingException(where + ": 'saio' has " + offsets.length + " offsets; expected 1 or one"
                    + " for each of the " + runs.count() + " " + runs.what());
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += size(i);
        }
        if (total > limits.maxMetadataBoxBytes()) {
            throw new PackagingException(where + ": " + total + " bytes of sample auxiliary information, more than the "
                    + limits.maxMetadataBoxBytes() + " allowed");
        }
        byte[] all = new byte[(int) total];
        int at = 0;
        int sample = 0;
        for (int b = 0; b < blocks; b++) {
            int samples = blocks == 1 ? n : runs.sampleCounts()[b];
            int length = 0;
            for (int k = 0; k < samples && sample < n; k++, sample++) {
                length += size(sample);
            }
            long position = base + offsets[b];
            if (offsets[b] < 0 || position < 0 || position + length > source.size()) {
                throw new PackagingException(where + ": 'saio' places " + length + " bytes of sample auxiliary"
                        + " information at offset " + position + ", beyond the end of the file (" + source.size()
                        + " bytes)");
            }
            source.readFully(position, ByteBuffer.wrap(all, at, length));
            at += length;
        }
        return ByteBuffer.wrap(all, 0, at);
    }
}
