package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;

/**
 * Measures slice headers of one codec, keeping the parameter sets they depend on. One instance per
 * track, fed the parameter sets of the decoder configuration first and then those met in samples.
 */
interface SliceHeaderParser {

    /** The structure read, for messages: "H.264 slice header" or "H.265 slice segment header". */
    String headerName();

    /**
     * Looks at a non-VCL NAL unit (still escaped, header included) met in a sample and keeps it if
     * it is a parameter set a slice header may refer to; other types are ignored.
     */
    void parameterSet(byte[] data, int off, int len, int nalType) throws PackagingException;

    /**
     * Reads a VCL NAL unit's header and slice header from {@code r}, positioned on the first bit of
     * the NAL unit header, and returns their length in RBSP bits: up to the last bit of the slice
     * header for H.264, through byte_alignment() for H.265.
     */
    long headerBits(RbspBitReader r) throws PackagingException;
}
