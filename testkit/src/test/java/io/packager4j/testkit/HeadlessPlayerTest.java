package io.packager4j.testkit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plays DASH made by ffmpeg's own muxer in both real players, and checks the failure paths. */
class HeadlessPlayerTest {

    @TempDir
    static Path dir;
    static FfmpegDashClip clip;

    @BeforeAll
    static void makeClip() {
        clip = FfmpegDashClip.create(dir);
    }

    @ParameterizedTest
    @EnumSource(HeadlessPlayer.Player.class)
    void playsFfmpegLiveProfileDash(HeadlessPlayer.Player player) {
        PlaybackResult r = HeadlessPlayer.play(clip.liveDir, "manifest.mpd", player, Map.of()).assertPlayed();
        assertTrue(r.totalVideoFrames() >= 50, r::toString);
        assertEquals(player.name().toLowerCase(java.util.Locale.ROOT), r.player());
        assertTrue(r.log().stream().anyMatch(l -> l.contains("[server] GET /content/manifest.mpd -> 200")), r::formattedLog);
    }

    @Test
    void playsSegmentsAddressedByByteRange() {
        PlaybackResult r = HeadlessPlayer.play(clip.rangeDir, "manifest.mpd", HeadlessPlayer.Player.SHAKA, Map.of());
        r.assertPlayed();
        assertTrue(r.log().stream().anyMatch(l -> l.startsWith("[server] GET /content/manifest-stream0.mp4 [bytes=")
                && l.endsWith("-> 206")), r::formattedLog);
    }

    @ParameterizedTest
    @EnumSource(HeadlessPlayer.Player.class)
    void aMissingManifestFailsQuicklyWithAnError(HeadlessPlayer.Player player) {
        long start = System.nanoTime();
        PlaybackResult r = HeadlessPlayer.play(clip.liveDir, "no-such.mpd", player, Map.of()).assertFailed();
        assertNotNull(r.error(), r::toString);
        assertEquals(0, r.totalVideoFrames());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20, "should fail on the 404, not at the timeout");
        AssertionError e = assertThrows(AssertionError.class, r::assertPlayed);
        assertTrue(e.getMessage().contains("no-such.mpd"), "the failure message carries the log: " + e.getMessage());
    }

    @Test
    void aBrokenMediaSegmentIsNotPlayback() throws Exception {
        // Same manifest, but every video media segment replaced by garbage: the page must report
        // an error or no progress, never success.
        Path broken = dir.resolve("broken");
        java.nio.file.Files.createDirectories(broken);
        try (var files = java.nio.file.Files.list(clip.liveDir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                Path to = broken.resolve(name);
                if (name.startsWith("chunk-stream0-")) {
                    java.nio.file.Files.write(to, new byte[4096]);
                } else {
                    java.nio.file.Files.copy(f, to);
                }
            }
        }
        HeadlessPlayer.play(broken, "manifest.mpd", HeadlessPlayer.Player.DASHJS, Map.of(), Duration.ofSeconds(15))
                .assertFailed();
    }

    /**
     * Real ClearKey decryption in the browser: the shared cenc file (MP4Box output, video and audio
     * multiplexed, one sidx per segment) described by an MPD with byte-range segments. Only Shaka:
     * dash.js asks the CDM for a video capability carrying both codecs, which Chromium refuses for
     * multiplexed content, so this file cannot tell anything about dash.js.
     */
    @Test
    void decryptsSharedCencMediaWithTheRightKeyOnly() throws Exception {
        Path enc = SharedTestData.mp4ff("prog_8s_enc_dashinit.mp4");
        Path site = dir.resolve("shared-cenc");
        java.nio.file.Files.createDirectories(site);
        java.nio.file.Files.copy(enc, site.resolve("enc.mp4"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        java.nio.file.Files.writeString(site.resolve("manifest.mpd"), SidxMpd.muxedSegmentListMpd(enc, "enc.mp4",
                "avc1.64001e,mp4a.40.2", "cd7eb9ff-88f3-4cae-b061-85b00024e4c2"));
        String kid = "cd7eb9ff88f34caeb06185b00024e4c2";

        PlaybackResult right = HeadlessPlayer.play(site, "manifest.mpd", HeadlessPlayer.Player.SHAKA,
                Map.of(kid, "63cb5f7184dd4b689a5c5ff11ee6a328")).assertPlayed();
        assertTrue(right.log().stream().anyMatch(l -> l.contains("\"" + kid + "\":\"usable\"")), right::formattedLog);

        HeadlessPlayer.play(site, "manifest.mpd", HeadlessPlayer.Player.SHAKA,
                Map.of(kid, "63cb5f7184dd4b689a5c5ff11ee6a329"), Duration.ofSeconds(15)).assertFailed();
    }

    @Test
    void keysAreCheckedBeforeAnythingRuns() {
        assertThrows(IllegalArgumentException.class,
                () -> HeadlessPlayer.play(clip.liveDir, "manifest.mpd", HeadlessPlayer.Player.SHAKA, Map.of("abc", "def")));
        assertEquals(Map.of("0123456789abcdef0123456789abcdef", "00112233445566778899aabbccddeeff"),
                HeadlessPlayer.normalizeKeys(Map.of("01234567-89AB-CDEF-0123-456789ABCDEF", "00112233445566778899AABBCCDDEEFF")));
    }
}
