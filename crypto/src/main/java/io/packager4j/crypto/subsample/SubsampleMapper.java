package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;

/**
 * Decides which bytes of a sample are encrypted. Video codecs built from NAL units (AVC, HEVC)
 * keep their length prefixes, NAL headers, non-VCL units and (for {@code cbcs}) slice headers
 * clear, so that a player can parse the stream before decrypting it. One instance per track; may
 * keep state learnt from the samples (parameter sets sent in band); not thread-safe.
 */
public interface SubsampleMapper {

    /**
     * Maps one sample.
     *
     * @param data   buffer holding the sample (clear)
     * @param offset where the sample starts
     * @param length the sample's size
     * @param out    receives the map; reset first. Its entries cover exactly {@code length} bytes
     * @throws PackagingException if the sample is not a well-formed sequence of length-prefixed
     *                            NAL units, or a slice header cannot be parsed
     */
    void map(byte[] data, int offset, int length, Subsamples out) throws PackagingException;
}
