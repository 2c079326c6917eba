package io.packager4j.core.output;

import io.packager4j.core.media.Rational;
import io.packager4j.core.media.TrackKind;

import java.util.List;

/**
 * Everything a manifest writer needs to describe one packaged representation.
 *
 * @param id                     unique representation id, also the name of its folder or file
 * @param kind                   video or audio
 * @param codecs                 RFC 6381 codecs string, e.g. {@code avc1.64001f} or {@code mp4a.40.2}
 * @param bandwidth              peak bits per second measured over the segments (DASH @bandwidth)
 * @param width                  coded picture width for video, 0 for audio
 * @param height                 coded picture height for video, 0 for audio
 * @param frameRate              frame rate for video, null for audio or when samples vary too much
 * @param sampleAspectRatio      sample aspect ratio for video, null for audio
 * @param audioChannels          channel count for audio, 0 for video
 * @param audioSamplingRate      sampling rate in Hz for audio, 0 for video
 * @param language               ISO 639 language code from the input, or "und"
 * @param timescale              ticks per second of every time below
 * @param presentationTimeOffset media time that maps to the start of the period
 * @param segments               the media segments in order
 * @param initializationPath     live profile: path of the init segment relative to the manifest
 * @param mediaTemplate          live profile: SegmentTemplate@media, with {@code $Number$}
 * @param startNumber            live profile: number of the first media segment
 * @param onDemandPath           on-demand profile: path of the single file relative to the manifest
 * @param initRange              on-demand profile: byte range of the init segment, {@code "0-N"}
 * @param indexRange             on-demand profile: byte range of the {@code sidx}, {@code "A-B"}
 * @param protection             how the segments are encrypted, or null when they are clear
 */
public record RepresentationOutput(
        String id,
        TrackKind kind,
        String codecs,
        long bandwidth,
        int width,
        int height,
        Rational frameRate,
        Rational sampleAspectRatio,
        int audioChannels,
        long audioSamplingRate,
        String language,
        long timescale,
        long presentationTimeOffset,
        List<SegmentInfo> segments,
        String initializationPath,
        String mediaTemplate,
        long startNumber,
        String onDemandPath,
        String initRange,
        String indexRange,
        ProtectionOutput protection) {

    public RepresentationOutput {
        segments = List.copyOf(segments);
    }

    /** MIME type of the segments. */
    public String mimeType() {
        return kind.mimeType();
    }

    /** Total bytes of the media segments. */
    public long mediaBytes() {
        return segments.stream().mapToLong(SegmentInfo::size).sum();
    }

    /** Presentation duration covered by the segments, in seconds. */
    public double durationSeconds() {
        return segments.stream().mapToLong(SegmentInfo::duration).sum() / (double) timescale;
    }

    /**
     * Average bits per second over all media segments, rounded up (HLS AVERAGE-BANDWIDTH); 0
     * without segments.
     */
    public long averageBandwidth() {
        long ticks = segments.stream().mapToLong(SegmentInfo::duration).sum();
        if (ticks <= 0) {
            return 0;
        }
        return java.math.BigInteger.valueOf(mediaBytes()).multiply(java.math.BigInteger.valueOf(8 * timescale))
                .add(java.math.BigInteger.valueOf(ticks - 1))
                .divide(java.math.BigInteger.valueOf(ticks)).longValueExact();
    }

    /** Longest segment, in seconds. */
    public double maxSegmentDurationSeconds() {
        return segments.stream().mapToLong(SegmentInfo::duration).max().orElse(0) / (double) timescale;
    }
}
