package io.packager4j.core.mp4;

/**
 * Upper bounds the reader enforces before it allocates anything an input file asks for, so that a
 * crafted file gets a clear error instead of exhausting memory.
 *
 * @param maxMetadataBoxBytes  largest {@code moov} or {@code moof} loaded into memory
 * @param maxTopLevelBoxes     most top-level boxes indexed in one file
 * @param maxBoxDepth          deepest nesting of container boxes
 * @param maxSamplesPerTrack   most samples in one track
 * @param maxSampleSize        largest single sample
 * @param maxTracks            most tracks in one file
 */
public record ReaderLimits(
        int maxMetadataBoxBytes,
        int maxTopLevelBoxes,
        int maxBoxDepth,
        int maxSamplesPerTrack,
        int maxSampleSize,
        int maxTracks) {

    /** Generous for real content (a 24-hour 60 fps track; a 64 MiB moov), small enough to be safe. */
    public static final ReaderLimits DEFAULT = new ReaderLimits(
            64 << 20, 1_000_000, 32, 20_000_000, 64 << 20, 64);
}
