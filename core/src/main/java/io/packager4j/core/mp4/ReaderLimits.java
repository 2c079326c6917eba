package io.packager4j.core.mp4;

/**
 * Upper bounds the reader enforces before it allocates anything an input file asks for, so that a
 * crafted file gets a clear error instead of exhausting memory. Every refusal is a
 * {@link io.packager4j.PackagingException} whose message starts with the file name and says which
 * box (type, file offset and, inside metadata, its path such as
 * {@code moov/trak[2]/mdia/minf/stbl/stsz}) or track broke which bound.
 *
 * <p>The configurable bounds, and where each is checked:
 * <ul>
 *   <li>{@code maxMetadataBoxBytes}: the size of the {@code moov} ({@link Mp4Reader}) and of each
 *       {@code moof} ({@code FragmentSampleTables}) from its header, before the box is read into
 *       memory; and the total of a track fragment's or track's sample auxiliary information
 *       ({@code saiz}), before it is read. Message: "... is N bytes, more than the M allowed".
 *   <li>{@code maxTopLevelBoxes}: while the top-level box headers are indexed ({@code
 *       FileBoxScanner}), before the list grows past it.
 *   <li>{@code maxBoxDepth}: the nesting of container boxes in a {@code moov} or {@code moof}
 *       ({@code BoxTreeParser}), before descending further; a box directly inside one of its own
 *       type (a {@code moov} in a {@code moov}) is refused at any depth.
 *   <li>{@code maxSamplesPerTrack}: each {@code stsz} and {@code trun} sample count
 *       ({@code TableEntryGuard}, before mp4parser sees the box), and the samples a fragmented
 *       track accumulates over its {@code moof}s.
 *   <li>{@code maxSampleSize}: every sample's size, as its table entry is read.
 *   <li>{@code maxTracks}: the {@code trak} boxes of the {@code moov}, counted on the checked box
 *       tree before mp4parser builds its model of them.
 *   <li>{@code maxSampleTableEntries}: the entries of all sample-table boxes of one file together
 *       ({@code stts}, {@code ctts}, {@code stss}, {@code stsc}, {@code stsz}, {@code stco},
 *       {@code co64}, {@code elst}, {@code trun}), over the {@code moov} and every {@code moof},
 *       each table counted before it is parsed: a fragmented file can otherwise pile up tables
 *       without bound, one small {@code moof} at a time.
 * </ul>
 *
 * <p>Checks that need no setting, because the file itself bounds them, are always made: every box
 * lies within its parent and the file; every table's entry count fits in the bytes of its box; a
 * constant-size {@code stsz} declares no more sample bytes than the file has; a {@code trun} whose
 * entries carry no fields declares no more samples than there are bytes after it; every sample
 * and every block of sample auxiliary information lies within the file; the sample tables agree
 * on the sample count (checked before the per-sample arrays are allocated); a subsample map covers
 * exactly its sample.
 *
 * @param maxMetadataBoxBytes   largest {@code moov} or {@code moof} loaded into memory
 * @param maxTopLevelBoxes      most top-level boxes indexed in one file
 * @param maxBoxDepth           deepest nesting of container boxes
 * @param maxSamplesPerTrack    most samples in one track
 * @param maxSampleSize         largest single sample
 * @param maxTracks             most tracks in one file
 * @param maxSampleTableEntries most sample-table entries in one file, all tables together
 */
public record ReaderLimits(
        int maxMetadataBoxBytes,
        int maxTopLevelBoxes,
        int maxBoxDepth,
        int maxSamplesPerTrack,
        int maxSampleSize,
        int maxTracks,
        long maxSampleTableEntries) {

    /**
     * Generous for real content (a 24-hour 60 fps track; a 64 MiB moov; 50 million table entries,
     * a few per sample of several such tracks), small enough to be safe.
     */
    public static final ReaderLimits DEFAULT = new ReaderLimits(
            64 << 20, 1_000_000, 32, 20_000_000, 64 << 20, 64, 50_000_000L);

    /** @throws IllegalArgumentException if a bound is not positive */
    public ReaderLimits {
        if (maxMetadataBoxBytes <= 0 || maxTopLevelBoxes <= 0 || maxBoxDepth <= 0 || maxSamplesPerTrack <= 0
                || maxSampleSize <= 0 || maxTracks <= 0 || maxSampleTableEntries <= 0) {
            throw new IllegalArgumentException("every reader limit must be positive");
        }
    }

    /** These limits with another {@code maxSampleTableEntries}. */
    public ReaderLimits withMaxSampleTableEntries(long entries) {
        return new ReaderLimits(maxMetadataBoxBytes, maxTopLevelBoxes, maxBoxDepth, maxSamplesPerTrack, maxSampleSize,
                maxTracks, entries);
    }
}
