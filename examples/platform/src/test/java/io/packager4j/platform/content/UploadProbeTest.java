package io.packager4j.platform.content;

import io.packager4j.MediaInfo;
import io.packager4j.core.mp4.ReaderLimits;
import io.packager4j.platform.http.ApiError;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadProbeTest {

    @Test
    void probesWithinTheTimeout() {
        try (UploadProbe probe = new UploadProbe(ReaderLimits.DEFAULT, Duration.ofSeconds(30))) {
            MediaInfo info = probe.probe("clip.mp4", TestClips.moovAtStart());
            assertEquals(2, info.tracks().size());
        }
    }

    @Test
    void aProbeOverTheTimeoutIsRefused(@TempDir Path dir) throws Exception {
        // A named pipe with no writer: opening it blocks until one comes, so the probe cannot finish
        // within any limit (a tiny limit over a real file raced the probe, which can be quicker).
        Path neverReady = dir.resolve("clip.mp4");
        Process mkfifo = new ProcessBuilder("mkfifo", neverReady.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
        try (UploadProbe probe = new UploadProbe(ReaderLimits.DEFAULT, Duration.ofMillis(200))) {
            ApiError e = assertThrows(ApiError.class, () -> probe.probe("clip.mp4", neverReady));
            assertEquals(422, e.status());
            assertEquals("probe_timeout", e.code());
            assertTrue(e.getMessage().startsWith("\"clip.mp4\" cannot be packaged: checking it took longer than"),
                    e.getMessage());
        } finally {
            // Lets the probe's thread (blocked in open) go: it reads an empty pipe and ends. Opening
            // the writing end blocks too until a reader is there, hence its own daemon thread.
            Thread writer = new Thread(() -> {
                try {
                    new FileOutputStream(neverReady.toFile()).close();
                } catch (IOException e) {
                    // nothing to release then
                }
            });
            writer.setDaemon(true);
            writer.start();
            writer.join(5000);
        }
    }

    @Test
    void theReaderLimitsApply() {
        // A one-track limit refuses an audio+video clip that the defaults accept.
        ReaderLimits d = ReaderLimits.DEFAULT;
        ReaderLimits oneTrack = new ReaderLimits(d.maxMetadataBoxBytes(), d.maxTopLevelBoxes(), d.maxBoxDepth(),
                d.maxSamplesPerTrack(), d.maxSampleSize(), 1, d.maxSampleTableEntries());
        try (UploadProbe probe = new UploadProbe(oneTrack, Duration.ofSeconds(30))) {
            ApiError e = assertThrows(ApiError.class, () -> probe.probe("two-tracks.mp4", TestClips.moovAtStart()));
            assertEquals("not_packageable", e.code());
            assertTrue(e.getMessage().contains("track"), e.getMessage());
        }
    }

    @Test
    void theClientSeesItsOwnFileNameNotTheServersPath() {
        Path temp = Path.of("/data/uploads/upload-123.part");
        assertEquals("not an MP4 file: \"movie.mp4\" starts with text",
                UploadProbe.clientMessage("/data/uploads/upload-123.part: not an MP4 file: \"upload-123.part\" starts with text",
                        temp, "movie.mp4"));
    }
}
