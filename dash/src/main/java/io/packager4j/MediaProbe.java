package io.packager4j;

import io.packager4j.core.cmaf.KeyframeAlignment;
import io.packager4j.core.cmaf.SegmentPlanner;
import io.packager4j.core.cmaf.TrackTimeline;
import io.packager4j.core.media.MediaFile;
import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackFormat;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.mp4.Mp4Reader;
import io.packager4j.core.mp4.ReaderLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tells whether a file can be packaged, and what it holds, without packaging it: for checking an
 * upload before accepting it.
 *
 * <pre>{@code
 * try {
 *     MediaInfo info = MediaProbe.probe(Path.of("upload.mp4"));
 *     log.info("{} s, {} track(s)", info.durationSeconds(), info.tracks().size());
 * } catch (PackagingException e) {
 *     reject(e.getMessage()); // e.g. "upload.mp4: the file is empty"
 * }
 * }</pre>
 *
 * <p>It reads the same metadata as {@link Packager} does ({@code moov}, and the {@code moof}s of a
 * fragmented file), never the media samples, and closes the file before returning. A file it accepts
 * has the audio and video tracks listed, in codecs the packager supports, and can be cut into
 * segments; one it refuses fails with the same message {@link Packager#run()} would give.
 * Encrypted files are accepted and marked: packaging them needs their keys.
 */
public final class MediaProbe {

    private static final Logger LOG = LoggerFactory.getLogger(MediaProbe.class);

    /** Planning segments of this length shows the tracks can be segmented (e.g. video has a keyframe). */
    private static final double PROBE_SEGMENT_SECONDS = 4;

    private MediaProbe() {
    }

    /** Probes {@code file} with {@link ReaderLimits#DEFAULT}. */
    public static MediaInfo probe(Path file) throws PackagingException {
        return probe(file, ReaderLimits.DEFAULT);
    }

    /**
     * Probes {@code file}, refusing metadata larger than {@code limits} allow.
     *
     * @throws PackagingException when the file cannot be packaged: not an MP4, truncated, without an
     *                            audio or video track, an unsupported codec, ...; the message says which
     */
    public static MediaInfo probe(Path file, ReaderLimits limits) throws PackagingException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(limits, "limits");
        try (MediaFile media = new Mp4Reader(limits).open(file)) {
            return describe(media);
        } catch (RuntimeException e) {
            // A defect of ours on some input must still reach callers as the library's one exception.
            LOG.error("unexpected failure while probing {}", file, e);
            throw new PackagingException(file + ": unexpected internal error while probing: " + e, e);
        }
    }

    private static MediaInfo describe(MediaFile media) throws PackagingException {
        List<Track> tracks = media.tracks();
        Map<Track, TrackTimeline> timelines = new IdentityHashMap<>();
        for (Track t : tracks) {
            timelines.put(t, TrackTimeline.of(t));
        }
        // As the Packager orders them: video first, so the first video track sets the cuts.
        List<Track> videoFirst = new ArrayList<>();
        tracks.stream().filter(t -> t.kind() == TrackKind.VIDEO).forEach(videoFirst::add);
        tracks.stream().filter(t -> t.kind() == TrackKind.AUDIO).forEach(videoFirst::add);
        SegmentPlanner.plan(videoFirst, timelines, PROBE_SEGMENT_SECONDS, KeyframeAlignment.WARN);

        List<TrackInfo> infos = new ArrayList<>();
        double duration = 0;
        boolean encrypted = false;
        for (Track t : tracks) {
            TrackInfo info = describe(t, timelines.get(t));
            infos.add(info);
            duration = Math.max(duration, info.durationSeconds());
            encrypted |= t.isEncrypted();
        }
        return new MediaInfo(media.source().size(), duration, media.fragmented(), encrypted, infos);
    }

    private static TrackInfo describe(Track t, TrackTimeline timeline) {
        TrackFormat f = t.format();
        int count = t.samples().count();
        // Presentation time, as the packaged output presents it: what the edit list cuts is not counted.
        long pto = timeline.presentationTimeOffset();
        long start = Math.max(0, timeline.earliestMediaTime(0, count) - pto);
        long end = timeline.mediaEndTime(0, count) - pto;
        double seconds = Math.max(0, end - start) / (double) t.timescale();
        return new TrackInfo(t.trackId(), t.kind(), f.codecs(), f.width(), f.height(), f.sampleRate(), f.channels(),
                t.language(), seconds, count, t.isEncrypted());
    }
}
