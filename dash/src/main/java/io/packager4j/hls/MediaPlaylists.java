package io.packager4j.hls;

import io.packager4j.core.output.ByteRange;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.core.output.RepresentationOutput;
import io.packager4j.core.output.SegmentInfo;
import io.packager4j.core.output.SubtitleOutput;
import io.packager4j.dash.UriPaths;
import io.packager4j.hls.playlist.Durations;
import io.packager4j.hls.playlist.KeyTag;
import io.packager4j.hls.playlist.MapTag;
import io.packager4j.hls.playlist.MediaPlaylist;
import io.packager4j.hls.playlist.MediaSegment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the media playlists of one representation, over the segment files the MPD uses. */
final class MediaPlaylists {

    /** EXT-X-MAP in a playlist that is not I-frames only needs version 6; 7 is the usual fMP4 floor. */
    static final int VERSION = 7;

    private static final Pattern RANGE = Pattern.compile("([0-9]+)-([0-9]+)");

    private MediaPlaylists() {
    }

    /** Every segment of {@code r}, in order. */
    static MediaPlaylist media(OutputProfile profile, RepresentationOutput r, KeyTag key) {
        checkOffsets(profile, r);
        List<MediaSegment> segments = new ArrayList<>();
        for (int i = 0; i < r.segments().size(); i++) {
            SegmentInfo s = r.segments().get(i);
            ByteRange range = profile == OutputProfile.ON_DEMAND ? s.range() : null;
            segments.add(new MediaSegment(Durations.seconds(s.duration(), r.timescale()),
                    SegmentUris.segment(profile, r, i), range, s.encrypted() ? key : null));
        }
        return playlist(false, map(profile, r), segments);
    }

    /**
     * The I-frame playlist of video {@code r}: each segment's first picture (a sync sample, as every
     * segment starts with one), addressed by byte range from its {@code moof} to the end of that
     * sample, lasting until the next segment's.
     *
     * @return null when the key frames' byte ranges are not known
     */
    static MediaPlaylist iFrames(OutputProfile profile, RepresentationOutput r, KeyTag key) {
        if (r.segments().stream().anyMatch(s -> s.keyFrame() == null)) {
            return null;
        }
        checkOffsets(profile, r);
        List<MediaSegment> segments = new ArrayList<>();
        for (int i = 0; i < r.segments().size(); i++) {
            SegmentInfo s = r.segments().get(i);
            segments.add(new MediaSegment(Durations.seconds(s.duration(), r.timescale()),
                    SegmentUris.segment(profile, r, i), s.keyFrame(), s.encrypted() ? key : null));
        }
        return playlist(true, map(profile, r), segments);
    }

    /** A subtitle rendition: the one WebVTT file as a single segment lasting the whole presentation. */
    static MediaPlaylist subtitles(SubtitleOutput s, double presentationSeconds) {
        BigDecimal duration = BigDecimal.valueOf(presentationSeconds).setScale(3, RoundingMode.HALF_UP);
        String uri = UriPaths.encodePath("subtitles " + s.id() + " path", s.path());
        return playlist(false, null, List.of(new MediaSegment(duration, uri, null, null)));
    }

    private static MediaPlaylist playlist(boolean iFramesOnly, MapTag map, List<MediaSegment> segments) {
        long target = Durations.targetDuration(segments.stream().map(MediaSegment::duration).toList());
        return new MediaPlaylist(VERSION, target, iFramesOnly, map, segments);
    }

    private static MapTag map(OutputProfile profile, RepresentationOutput r) {
        String uri = SegmentUris.init(profile, r);
        if (profile == OutputProfile.LIVE) {
            return new MapTag(uri, null);
        }
        Matcher m = r.initRange() == null ? null : RANGE.matcher(r.initRange());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("representation " + r.id() + ": initRange '" + r.initRange()
                    + "' is not a byte range 'first-last'");
        }
        long first = Long.parseLong(m.group(1));
        return new MapTag(uri, new ByteRange(first, Long.parseLong(m.group(2)) - first + 1));
    }

    /**
     * On demand, segments are addressed by their offsets, so these must be the real ones: back to
     * back after the {@code sidx}. (Hand-built outputs that leave offsets at 0 are refused here
     * rather than pointing players at the init segment.)
     */
    private static void checkOffsets(OutputProfile profile, RepresentationOutput r) {
        if (profile != OutputProfile.ON_DEMAND) {
            return;
        }
        Matcher m = r.indexRange() == null ? null : RANGE.matcher(r.indexRange());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("representation " + r.id() + ": indexRange '" + r.indexRange()
                    + "' is not a byte range 'first-last'");
        }
        long expected = Long.parseLong(m.group(2)) + 1;
        for (int i = 0; i < r.segments().size(); i++) {
            SegmentInfo s = r.segments().get(i);
            if (s.offset() != expected) {
                throw new IllegalArgumentException("representation " + r.id() + ": segment " + (i + 1)
                        + " is at offset " + s.offset() + ", expected " + expected + " (right after the previous one)");
            }
            expected += s.size();
        }
    }
}
