package io.packager4j.core.cmaf;

import io.packager4j.PackagingException;
import io.packager4j.core.output.ProtectionOutput;

import java.util.List;

/**
 * The hook through which encryption joins the segment writer, one instance per representation.
 * Clear output uses none. Implementations live in the crypto module.
 *
 * <p>The writer calls {@link #sampleEntry} and {@link #writeInitBoxes} once for the init segment,
 * then per media segment {@link #beginFragment}, which returns the object that transforms that
 * segment's samples and writes the boxes describing them into its {@code traf}.
 */
public interface SampleProtection {

    /**
     * The sample entries to write in the init segment's {@code stsd}, in order, given the clear
     * one: usually just the protected entry ({@code encv} with a {@code sinf} in place of {@code
     * avc1}); with a clear lead also the clear entry, which clear fragments then select through
     * {@code tfhd} sample_description_index (as Shaka Packager does, which every player handles).
     */
    List<byte[]> sampleEntries(byte[] clearSampleEntry) throws PackagingException;

    /** Writes boxes at the end of the init segment's {@code moov}, such as {@code pssh}. */
    void writeInitBoxes(BoxWriter moov);

    /** What the manifest must say about this protection (scheme, default KID, DRM systems). */
    ProtectionOutput describe();

    /**
     * Starts a media segment.
     *
     * @param segmentNumber  1-based number of the segment
     * @param startSeconds   its presentation start, for a clear lead
     */
    FragmentProtection beginFragment(int segmentNumber, double startSeconds);

    /** Protection of one media segment's samples. */
    interface FragmentProtection {

        /**
         * The 1-based index into the init segment's sample entries that this fragment's samples
         * use ({@code tfhd} sample_description_index when not 1).
         */
        int sampleDescriptionIndex();

        /**
         * Transforms one sample in place, in decode order, and records what its {@code traf} boxes
         * must say about it.
         */
        void processSample(byte[] data, int offset, int length) throws PackagingException;

        /**
         * Writes the boxes describing the processed samples (senc, saiz, saio; nothing for a clear
         * fragment) at the end of the {@code traf}.
         *
         * @param traf     the writer, positioned inside the traf after the trun
         * @param moofMark the writer position where the enclosing moof starts, the base for
         *                 {@code saio} offsets (tfhd uses default-base-is-moof)
         */
        void writeTrafBoxes(BoxWriter traf, int moofMark);

        /**
         * Whether this fragment's samples are encrypted: false for a clear-lead fragment, which
         * manifests must not announce as encrypted (HLS puts its {@code EXT-X-KEY} after it).
         */
        default boolean encrypts() {
            return true;
        }
    }
}
