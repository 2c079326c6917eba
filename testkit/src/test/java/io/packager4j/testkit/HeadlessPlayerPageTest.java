package io.packager4j.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failure paths of {@link HeadlessPlayer#playPage}, which watches any page's {@code <video>}
 * (its success path is proven where a real player page exists: the platform's PlayPagePlaybackTest).
 */
class HeadlessPlayerPageTest {

    @Test
    void aPageErrorEndsTheRunAsAnError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("throws.html"), "<!DOCTYPE html><html><head><link rel=\"icon\" href=\"data:,\"></head>"
                + "<body><video muted></video><script>throw new Error('boom from the page');</script></body></html>");
        try (StaticHttpServer server = StaticHttpServer.start(Map.of("/", dir))) {
            long start = System.nanoTime();
            PlaybackResult r = HeadlessPlayer.playPage(server.uri("/throws.html"), 3.5, Duration.ofSeconds(20)).assertFailed();
            assertNotNull(r.error(), r::toString);
            assertTrue(r.error().contains("boom from the page"), r::toString);
            assertEquals("page", r.player());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 15, "ends on the error, not at the timeout");
        }
    }

    @Test
    void aPageWithoutVideoTimesOutWithoutPlaying(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("empty.html"), "<!DOCTYPE html><html><head><link rel=\"icon\" href=\"data:,\"></head>"
                + "<body><p>nothing to play</p></body></html>");
        try (StaticHttpServer server = StaticHttpServer.start(Map.of("/", dir))) {
            PlaybackResult r = HeadlessPlayer.playPage(server.uri("/empty.html"), 3.5, Duration.ofSeconds(3)).assertFailed();
            assertTrue(r.reason().contains("no <video>"), r::toString);
            assertEquals(0, r.totalVideoFrames());
        }
    }

    @Test
    void onlyLoopbackPagesAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> HeadlessPlayer.playPage(URI.create("https://example.com/play/1")));
        assertThrows(IllegalArgumentException.class, () -> HeadlessPlayer.playPage(URI.create("file:///tmp/x.html")));
    }
}
