package io.packager4j.platform.ladder;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Progress from ffmpeg's {@code -progress} output: a real one captured here, and its corner cases. */
class FfmpegProgressTest {

    @Test
    void realProgressOutputGivesRisingPercentagesEndingAt100() throws Exception {
        // 4 s encoded, with a progress block every 0.1 s: several blocks, as a long transcode has.
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-nostats",
                "-progress", "pipe:1", "-stats_period", "0.1", "-f", "lavfi",
                "-i", "testsrc2=size=640x360:rate=25:duration=4", "-c:v", "libx264", "-preset", "veryfast",
                "-f", "null", "-").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertTrue(output.contains("out_time_us="), output);

        FfmpegProgress progress = new FfmpegProgress(4.0);
        List<Integer> percents = new ArrayList<>();
        for (String line : output.split("\n")) {
            progress.accept(line).ifPresent(percents::add);
        }
        long blocks = output.lines().filter(l -> l.startsWith("progress=")).count();
        assertEquals(blocks, percents.size(), "one percentage per block");
        assertTrue(percents.size() >= 3, "several blocks: " + percents);
        for (int i = 1; i < percents.size(); i++) {
            assertTrue(percents.get(i) >= percents.get(i - 1), "never going back: " + percents);
        }
        assertTrue(percents.stream().anyMatch(v -> v > 0 && v < 100), "something in between: " + percents);
        assertEquals(100, percents.get(percents.size() - 1), percents::toString);
        assertTrue(progress.ended());
    }

    @Test
    void beforeTheFirstFrameAndPastTheEnd() {
        FfmpegProgress progress = new FfmpegProgress(10);
        assertEquals(OptionalInt.empty(), progress.accept("frame=0"));
        assertEquals(OptionalInt.empty(), progress.accept("out_time_us=N/A"));
        assertEquals(OptionalInt.of(0), progress.accept("progress=continue"));
        progress.accept("out_time_us=2500000");
        assertEquals(OptionalInt.of(25), progress.accept("progress=continue"));
        progress.accept("out_time_us=N/A");
        assertEquals(OptionalInt.of(25), progress.accept("progress=continue"), "N/A keeps the last position");
        progress.accept("out_time_us=10400000");
        assertEquals(OptionalInt.of(100), progress.accept("progress=continue"), "audio running past the video: 100");
        assertFalse(progress.ended());
        assertEquals(OptionalInt.empty(), progress.accept("no equals sign"));
        assertEquals(OptionalInt.of(0), new FfmpegProgress(0).accept("progress=continue"), "unknown duration");
    }
}
