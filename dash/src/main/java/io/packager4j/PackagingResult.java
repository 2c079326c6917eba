package io.packager4j;

import io.packager4j.core.output.OutputProfile;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a successful {@link Packager#run()}.
 *
 * @param outputDirectory the published output directory
 * @param manifest        the DASH manifest inside it
 * @param profile         the DASH profile written
 * @param durationSeconds presentation duration
 * @param representations every representation, video first
 * @param hlsPlaylist     the HLS multivariant playlist beside the manifest, or null when HLS was not asked for
 * @param subtitles       the subtitle tracks, in the order given
 */
public record PackagingResult(Path outputDirectory, Path manifest, OutputProfile profile, double durationSeconds,
                              List<RepresentationResult> representations, Path hlsPlaylist,
                              List<SubtitleResult> subtitles) {

    public PackagingResult {
        representations = List.copyOf(representations);
        subtitles = List.copyOf(subtitles);
    }

    /** Total bytes written for all representations (the manifest excluded). */
    public long totalBytes() {
        return representations.stream().mapToLong(RepresentationResult::bytes).sum();
    }
}
