package io.packager4j.platform.ladder;

import io.packager4j.testkit.Ffmpeg;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ffmpeg command line for a ladder: as built, and as ffmpeg runs it, checked with ffprobe (sizes,
 * codecs, keyframes only on the segment boundaries and at the same instants in every rendition).
 */
class FfmpegLadderCommandTest {

    @TempDir
    Path dir;

    @Test
    void theCommandLineDecodesOnceAndEncodesEveryRungAndTheAudio() {
        Ladder ladder = Ladder.plan(Rendition.parseAll(List.of("720p", "360p")), 1080);
        Path source = Path.of("/data/inputs/7.mp4");
        Path out = Path.of("/data/work/9/renditions.part");
        List<String> expected = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "error", "-nostats",
                "-progress", "pipe:1", "-i", "file:/data/inputs/7.mp4", "-filter_complex",
                "[0:v:0]split=2[s0][s1];[s0]scale=w=round(360*dar/2)*2:h=360,setsar=1[v0];"
                        + "[s1]scale=w=round(720*dar/2)*2:h=720,setsar=1[v1]"));
        for (String[] rung : new String[][] {{"0", "800000", "880000", "1600000", "360"},
                {"1", "3000000", "3300000", "6000000", "720"}}) {
            expected.addAll(List.of("-map", "[v" + rung[0] + "]", "-map_metadata", "-1", "-map_chapters", "-1",
                    "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-pix_fmt", "yuv420p",
                    "-b:v", rung[1], "-maxrate", rung[2], "-bufsize", rung[3],
                    "-force_key_frames", "expr:gte(t,n_forced*2.5)", "-sc_threshold", "0",
                    "file:/data/work/9/renditions.part/video-" + rung[4] + ".mp4"));
        }
        expected.addAll(List.of("-map", "0:a:0", "-map_metadata", "-1", "-map_chapters", "-1",
                "-c:a", "aac", "-b:a", "128k", "-ac", "2", "file:/data/work/9/renditions.part/audio.mp4"));
        assertEquals(expected, FfmpegLadderCommand.arguments(source, ladder, true, Duration.ofMillis(2500), out));

        List<String> silent = FfmpegLadderCommand.arguments(source, ladder, false, Duration.ofSeconds(4), out);
        assertTrue(silent.stream().noneMatch(a -> a.contains("audio") || a.equals("0:a:0")), silent::toString);
        assertTrue(silent.contains("expr:gte(t,n_forced*4)"), silent::toString);
    }

    @Test
    void ffmpegMakesAlignedRenditionsOfTheSourcesAspectRatio() throws Exception {
        // 6 s of 640x360 with B-frames and a keyframe only at the start: the ladder's keyframes are its own.
        Path source = dir.resolve("source.mp4");
        Ffmpeg.run("-v", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=6",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=6",
                "-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-g", "1000", "-c:a", "aac", "-ac", "1",
                source.toString());
        Ladder ladder = Ladder.plan(Rendition.parseAll(List.of("240p", "360p", "720p")), 360);
        assertEquals(List.of(240, 360), ladder.rungs().stream().map(Ladder.Rung::height).toList());
        Path out = dir.resolve("out");
        java.nio.file.Files.createDirectories(out);
        run(FfmpegLadderCommand.arguments(source, ladder, true, Duration.ofSeconds(2), out));

        List<Double> expectedKeys = List.of(0.0, 2.0, 4.0);
        int[][] sizes = {{426, 240}, {640, 360}};
        for (int i = 0; i < 2; i++) {
            Path video = out.resolve(ladder.rungs().get(i).fileName());
            List<Ffmpeg.StreamInfo> streams = Ffmpeg.ffprobeStreams(video);
            assertEquals(1, streams.size(), "video only: " + streams);
            Ffmpeg.StreamInfo v = streams.get(0);
            assertEquals("h264", v.codecName());
            assertEquals("High", v.profile());
            assertEquals(sizes[i][0], v.width(), video.toString());
            assertEquals(sizes[i][1], v.height(), video.toString());
            List<Double> keys = Ffmpeg.packetTimes(video, "v:0").stream().filter(Ffmpeg.PacketTime::keyFrame)
                    .map(Ffmpeg.PacketTime::ptsTime).sorted().toList();
            assertEquals(expectedKeys, keys, "keyframes exactly on the 2 s boundaries in " + video.getFileName());
        }
        List<Ffmpeg.StreamInfo> audio = Ffmpeg.ffprobeStreams(out.resolve(Ladder.AUDIO_FILE));
        assertEquals(1, audio.size());
        assertEquals("aac", audio.get(0).codecName());
        assertEquals(2, audio.get(0).channels(), "stereo");
        assertEquals(44100, audio.get(0).sampleRate(), "the source's rate");
    }

    @Test
    void nonSquarePixelsBecomeSquareAtTheSameDisplayAspectRatio() throws Exception {
        // 352x288 with a 12:11 sample aspect ratio: displayed 4:3.
        Path source = TestClips.sarNonSquare();
        Ladder ladder = Ladder.plan(Rendition.parseAll(List.of("240p")), 288);
        Path out = dir.resolve("sar");
        java.nio.file.Files.createDirectories(out);
        run(FfmpegLadderCommand.arguments(source, ladder, false, Duration.ofSeconds(2), out));
        Ffmpeg.StreamInfo v = Ffmpeg.ffprobeStreams(out.resolve("video-240.mp4")).get(0);
        assertEquals(320, v.width(), "240 x 4/3");
        assertEquals(240, v.height());
        String sar = probeField(out.resolve("video-240.mp4"), "sample_aspect_ratio");
        assertEquals("1:1", sar);
    }

    private static String probeField(Path file, String field) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=" + field, "-of", "default=noprint_wrappers=1:nokey=1", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    /** Runs ffmpeg with the arguments as the platform would (no shell), failing with its errors. */
    private static void run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("ffmpeg");
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String errors = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ffmpeg finished");
        assertEquals(0, p.exitValue(), "ffmpeg failed: " + errors);
    }
}
