package io.packager4j.dash;

import io.packager4j.core.media.Rational;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.core.output.PresentationOutput;
import io.packager4j.core.output.RepresentationOutput;
import io.packager4j.core.output.SegmentInfo;

import java.util.ArrayList;
import java.util.List;

/** Hand-built presentations: what the packager would hand to the MPD writer. */
final class Fixtures {

    static final long VIDEO_TIMESCALE = 90_000;
    static final long AUDIO_TIMESCALE = 48_000;

    private Fixtures() {
    }

    /** {@code count} contiguous segments of {@code duration} from {@code start}, the last one {@code lastDuration}. */
    static List<SegmentInfo> segments(long start, long duration, int count, long lastDuration) {
        List<SegmentInfo> list = new ArrayList<>();
        long t = start;
        for (int i = 0; i < count; i++) {
            long d = i == count - 1 ? lastDuration : duration;
            list.add(new SegmentInfo(t, d, 10_000 + i));
            t += d;
        }
        return list;
    }

    /** 5 video segments of 2 s, the last 1.2 s: 9.2 s. */
    static List<SegmentInfo> videoSegments() {
        return segments(0, 180_000, 5, 108_000);
    }

    /** 5 audio segments of 2 s, the last 1.2 s. */
    static List<SegmentInfo> audioSegments() {
        return segments(0, 96_000, 5, 57_600);
    }

    static RepresentationOutput video(OutputProfile profile, String id, String codecs, long bandwidth,
                                      int width, int height, List<SegmentInfo> segments) {
        return video(profile, id, codecs, bandwidth, width, height, Rational.of(1, 1), 0, segments);
    }

    static RepresentationOutput video(OutputProfile profile, String id, String codecs, long bandwidth,
                                      int width, int height, Rational sar, long pto, List<SegmentInfo> segments) {
        return representation(profile, id, TrackKind.VIDEO, codecs, bandwidth, width, height,
                Rational.of(30000, 1001), sar, 0, 0, "und", VIDEO_TIMESCALE, pto, segments);
    }

    static RepresentationOutput audio(OutputProfile profile, String id, String codecs, long bandwidth,
                                      String language, int channels, List<SegmentInfo> segments) {
        return representation(profile, id, TrackKind.AUDIO, codecs, bandwidth, 0, 0, null, null,
                channels, AUDIO_TIMESCALE, language, AUDIO_TIMESCALE, 0, segments);
    }

    static RepresentationOutput representation(OutputProfile profile, String id, TrackKind kind, String codecs,
                                               long bandwidth, int width, int height, Rational frameRate,
                                               Rational sar, int channels, long samplingRate, String language,
                                               long timescale, long pto, List<SegmentInfo> segments) {
        boolean live = profile == OutputProfile.LIVE;
        long size = segments.stream().mapToLong(SegmentInfo::size).sum();
        return new RepresentationOutput(id, kind, codecs, bandwidth, width, height, frameRate, sar,
                channels, samplingRate, language, timescale, pto, segments,
                live ? id + "/init.mp4" : null,
                live ? id + "/$Number%05d$.m4s" : null,
                1,
                live ? null : id + ".mp4",
                live ? null : "0-799",
                // A version-0 sidx right after an 800-byte init segment: 32 bytes plus 12 per segment.
                live ? null : "800-" + (800 + 32 + 12 * segments.size() - 1),
                null);
    }

    /** Three aligned video renditions, English and French AAC, English E-AC-3. */
    static PresentationOutput ladder(OutputProfile profile) {
        List<SegmentInfo> v = videoSegments();
        List<SegmentInfo> a = audioSegments();
        return new PresentationOutput(profile, 9.2, 2.0, List.of(
                video(profile, "video_1080", "avc1.640028", 5_000_000, 1920, 1080, v),
                video(profile, "video_720", "avc1.64001f", 3_000_000, 1280, 720, v),
                video(profile, "video_480", "avc1.64001e", 1_200_000, 854, 480, v),
                audio(profile, "audio_en", "mp4a.40.2", 128_000, "en", 2, a),
                audio(profile, "audio_fr", "mp4a.40.2", 128_000, "fr", 2, a),
                audio(profile, "audio_en_hq", "mp4a.40.2", 192_000, "en", 2, a),
                audio(profile, "audio_en_51", "ec-3", 384_000, "en", 6, a)));
    }
}
