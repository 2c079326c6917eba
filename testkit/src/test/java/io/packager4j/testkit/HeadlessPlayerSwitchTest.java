package io.packager4j.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link HeadlessPlayer#switchRenditions} on a two-rendition ladder that ffmpeg's own DASH muxer
 * made (an independent packager), played by the Shaka harness page, which exposes its player as
 * {@code window.__player}.
 */
class HeadlessPlayerSwitchTest {

    @Test
    void switchesToEachRenditionAndSeesItDecoded(@TempDir Path dir) throws Exception {
        Path dash = dir.resolve("dash");
        Files.createDirectories(dash);
        // 10 s, two heights from one decode, keyframes every 2 s in both, so ffmpeg's DASH muxer cuts them alike.
        Ffmpeg.run("-v", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=10",
                "-filter_complex", "[0:v]split=2[a][b];[a]scale=320:180[small];[b]copy[big]",
                "-map", "[small]", "-map", "[big]",
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                "-force_key_frames", "expr:gte(t,n_forced*2)", "-sc_threshold", "0",
                "-b:v:0", "300k", "-b:v:1", "900k",
                "-f", "dash", "-use_template", "1", "-use_timeline", "1", "-seg_duration", "2",
                "-adaptation_sets", "id=0,streams=v", dash.resolve("manifest.mpd").toString());

        RenditionSwitches result;
        try (StaticHttpServer server = StaticHttpServer.start(Map.of("/content/", dash,
                "/player/", HeadlessPlayer.playerTestsDir()))) {
            HeadlessPlayer.ensureNodeModules();
            // A target past the end, so the harness page itself never stops the video.
            result = HeadlessPlayer.switchRenditions(server.uri("/player/shaka.html?manifest=/content/manifest.mpd"
                    + "&target=1000&timeout=60000"), Duration.ofSeconds(40));
        }
        result.assertSwitchedThrough(List.of(180, 360));
        assertEquals(2, result.switches().size(), result::toString);
        for (RenditionSwitches.Switch s : result.switches()) {
            assertTrue(s.shownAt() >= s.requestedAt(), "shown after it was asked for: " + s);
        }
        // The check is not vacuous: a ladder the player does not offer fails it.
        AssertionError wrong = assertThrows(AssertionError.class, () -> result.assertSwitchedThrough(List.of(180, 360, 720)));
        assertTrue(wrong.getMessage().contains("offered heights [180, 360]"), wrong.getMessage());
    }
}
