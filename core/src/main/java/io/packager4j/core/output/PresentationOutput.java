package io.packager4j.core.output;

import java.util.List;

/**
 * A packaged presentation: what the manifest writers (DASH, HLS) describe.
 *
 * @param profile          how segments are laid out
 * @param durationSeconds  presentation duration (the longest representation)
 * @param targetSegmentSeconds the configured target segment duration
 * @param representations  every representation, video first, in input order
 * @param subtitles        WebVTT subtitle tracks, in the order given
 */
public record PresentationOutput(
        OutputProfile profile,
        double durationSeconds,
        double targetSegmentSeconds,
        List<RepresentationOutput> representations,
        List<SubtitleOutput> subtitles) {

    public PresentationOutput {
        representations = List.copyOf(representations);
        subtitles = List.copyOf(subtitles);
    }

    /** A presentation without subtitles. */
    public PresentationOutput(OutputProfile profile, double durationSeconds, double targetSegmentSeconds,
                              List<RepresentationOutput> representations) {
        this(profile, durationSeconds, targetSegmentSeconds, representations, List.of());
    }

    /** Longest segment of any representation, in seconds. */
    public double maxSegmentDurationSeconds() {
        return representations.stream()
                .mapToDouble(RepresentationOutput::maxSegmentDurationSeconds)
                .max().orElse(0);
    }
}
