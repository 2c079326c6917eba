package io.packager4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A small clip and its DASH packaging made by ffmpeg's own muxers, so the self-tests check the
 * testkit against real DASH from an independent tool rather than against our packager.
 */
final class FfmpegDashClip {

    /** The source: 6 s of testsrc 320x240 at 25 fps (H.264, 2 s GOP) plus a 440 Hz sine in AAC. */
    final Path source;
    /** Live-profile DASH with SegmentTemplate + SegmentTimeline and 2 s segments: {@code live/manifest.mpd}. */
    final Path liveDir;
    /** One file per representation, segments addressed by byte range (SegmentList mediaRange): {@code ranges/manifest.mpd}. */
    final Path rangeDir;

    private FfmpegDashClip(Path source, Path liveDir, Path rangeDir) {
        this.source = source;
        this.liveDir = liveDir;
        this.rangeDir = rangeDir;
    }

    static FfmpegDashClip create(Path dir) {
        Path source = dir.resolve("source.mp4");
        Ffmpeg.run("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=6",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=6",
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", "50", "-keyint_min", "50",
                "-c:a", "aac", "-b:a", "64k", "-shortest", source.toString());
        Path live = dir.resolve("live");
        mkdirs(live);
        Ffmpeg.run("-i", source.toString(), "-map", "0", "-c", "copy",
                "-f", "dash", "-use_template", "1", "-use_timeline", "1", "-seg_duration", "2",
                live.resolve("manifest.mpd").toString());
        Path ranges = dir.resolve("ranges");
        mkdirs(ranges);
        Ffmpeg.run("-i", source.toString(), "-map", "0", "-c", "copy",
                "-f", "dash", "-single_file", "1", "-seg_duration", "2",
                ranges.resolve("manifest.mpd").toString());
        return new FfmpegDashClip(source, live, ranges);
    }

    /** Init segment then media segments, in order, of one representation of the live packaging. */
    List<Path> liveSegments(int representation) {
        Path init = liveDir.resolve("init-stream" + representation + ".m4s");
        try (Stream<Path> files = Files.list(liveDir)) {
            List<Path> media = files
                    .filter(p -> p.getFileName().toString().startsWith("chunk-stream" + representation + "-"))
                    .sorted() // names carry a zero-padded $Number%05d$, so name order is segment order
                    .toList();
            return Stream.concat(Stream.of(init), media.stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mkdirs(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
