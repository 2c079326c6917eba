package io.packager4j;

import io.packager4j.core.output.OutputProfile;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a successful {@link Packager#run()}.
 *
 * <p>For DASH output ({@link Packager.Builder#output(Path)}) {@code manifest} and {@code profile}
 * are set and {@code fragmentedMp4} is null. For a single fragmented MP4 ({@link
 * Packager.Builder#fragmentedMp4(Path)}) {@code fragmentedMp4} is the file, {@code outputDirectory}
 * the directory holding it, and {@code manifest}, {@code profile} and {@code hlsPlaylist} are null,
 * as there is no manifest; representation {@code i} of {@code representations} is the file's track
 * with track_ID {@code i + 1}.
 *
 * @param outputDirectory the published output directory (for a fragmented MP4: the file's directory)
 * @param manifest        the DASH manifest inside it, or null for a fragmented MP4
 * @param profile         the DASH profile written, or null for a fragmented MP4
 * @param durationSeconds presentation duration
 * @param representations every representation (track), video first
 * @param hlsPlaylist     the HLS multivariant playlist beside the manifest, or null when HLS was not asked for
 * @param subtitles       the subtitle tracks, in the order given
 * @param fragmentedMp4   the fragmented MP4 written, or null for DASH output
 */
public record PackagingResult(Path outputDirectory, Path manifest, OutputProfile profile, double durationSeconds,
                              List<RepresentationResult> representations, Path hlsPlaylist,
                              List<SubtitleResult> subtitles, Path fragmentedMp4) {

    public PackagingResult {
        representations = List.copyOf(representations);
        subtitles = List.copyOf(subtitles);
    }

    /** A DASH result without HLS or subtitles. */
    public PackagingResult(Path outputDirectory, Path manifest, OutputProfile profile, double durationSeconds,
                           List<RepresentationResult> representations) {
        this(outputDirectory, manifest, profile, durationSeconds, representations, null, List.of(), null);
    }

    /**
     * Total bytes written for all representations: for DASH their init and media segments (the
     * manifest excluded); for a fragmented MP4 their fragments (the {@code ftyp} and {@code moov}
     * excluded).
     */
    public long totalBytes() {
        return representations.stream().mapToLong(RepresentationResult::bytes).sum();
    }
}
