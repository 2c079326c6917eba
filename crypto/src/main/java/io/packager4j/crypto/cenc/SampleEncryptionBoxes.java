package io.packager4j.crypto.cenc;

import io.packager4j.PackagingException;
import io.packager4j.core.cmaf.BoxWriter;
import io.packager4j.crypto.subsample.Subsamples;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Collects one fragment's sample auxiliary information and writes it as {@code senc} (ISO/IEC
 * 23001-7 7.2), with {@code saiz} and {@code saio} (14496-12 8.7.8, 8.7.9) pointing into it.
 * Reused from fragment to fragment; not thread-safe.
 */
final class SampleEncryptionBoxes {

    /** senc flag: each entry carries a subsample map. */
    private static final int USE_SUBSAMPLE_ENCRYPTION = 0x2;
    /** saiz sample_info_size is one byte. */
    private static final int MAX_INFO_SIZE = 0xFF;

    private final boolean subsampled;
    private final BoxWriter entries = new BoxWriter(4096);
    private int[] infoSizes = new int[256];
    private int samples;

    SampleEncryptionBoxes(boolean subsampled) {
        this.subsampled = subsampled;
    }

    void reset() {
        entries.reset();
        samples = 0;
    }

    /**
     * Records one sample's entry: its IV (the first {@code ivSize} bytes of {@code iv}, none for a
     * constant IV) and, for subsample encryption, its map.
     */
    void add(byte[] iv, int ivSize, Subsamples map) throws PackagingException {
        int start = entries.position();
        entries.bytes(iv, 0, ivSize);
        if (subsampled) {
            entries.u16(map.count());
            for (int i = 0; i < map.count(); i++) {
                entries.u16(map.clearBytes(i)).u32(map.protectedBytes(i));
            }
        }
        int size = entries.position() - start;
        if (size > MAX_INFO_SIZE) {
            throw new PackagingException("a sample has " + map.count() + " subsamples; its encryption information ("
                    + size + " bytes) exceeds the " + MAX_INFO_SIZE + " bytes saiz can describe");
        }
        if (samples == infoSizes.length) {
            infoSizes = Arrays.copyOf(infoSizes, samples * 2);
        }
        infoSizes[samples++] = size;
    }

    /** Writes senc, then saiz and saio unless every entry is empty (constant IV, no subsamples). */
    void write(BoxWriter traf, int moofMark) {
        int senc = traf.beginFull("senc", 0, subsampled ? USE_SUBSAMPLE_ENCRYPTION : 0);
        traf.u32(samples);
        int firstEntry = traf.position();
        ByteBuffer view = entries.view();
        traf.bytes(view.array(), 0, view.limit());
        traf.end(senc);
        if (view.limit() == 0) {
            // Nothing to point at: Shaka Packager omits saiz/saio too (cbcs audio), and players accept it.
            return;
        }
        int uniform = infoSizes[0];
        for (int i = 1; i < samples; i++) {
            if (infoSizes[i] != uniform) {
                uniform = 0;
                break;
            }
        }
        int saiz = traf.beginFull("saiz", 0, 0);
        traf.u8(uniform).u32(samples);
        if (uniform == 0) {
            for (int i = 0; i < samples; i++) {
                traf.u8(infoSizes[i]);
            }
        }
        traf.end(saiz);
        int saio = traf.beginFull("saio", 0, 0);
        // Relative to the moof: the tfhd says default-base-is-moof.
        traf.u32(1).u32(firstEntry - moofMark);
        traf.end(saio);
    }
}
