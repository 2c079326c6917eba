package io.packager4j.hls.playlist;

import java.util.List;
import java.util.Objects;

/**
 * A VOD media playlist: every segment of one rendition, or of its I-frames.
 *
 * @param version        {@code EXT-X-VERSION}
 * @param targetDuration {@code EXT-X-TARGETDURATION}, whole seconds, at least every segment's
 *                       duration rounded to the nearest integer
 * @param iFramesOnly    whether this is an I-frame playlist ({@code EXT-X-I-FRAMES-ONLY})
 * @param map            the init segment ({@code EXT-X-MAP}), or null for self-contained segments
 *                       such as WebVTT
 * @param segments       the segments in order
 */
public record MediaPlaylist(int version, long targetDuration, boolean iFramesOnly, MapTag map,
                            List<MediaSegment> segments) {

    public MediaPlaylist {
        Objects.requireNonNull(segments, "segments");
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a media playlist needs at least one segment");
        }
        if (targetDuration < 1) {
            throw new IllegalArgumentException("target duration " + targetDuration + " is not positive");
        }
        for (MediaSegment s : segments) {
            if (Durations.roundToNearest(s.duration()) > targetDuration) {
                throw new IllegalArgumentException("segment " + s.uri() + " of " + s.duration()
                        + " s exceeds the target duration of " + targetDuration + " s");
            }
        }
    }
}
