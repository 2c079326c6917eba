package io.packager4j.platform.content;

import io.packager4j.MediaInfo;
import io.packager4j.core.mp4.ReaderLimits;
import io.packager4j.platform.http.ApiError;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.Test;

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
    void aProbeOverTheTimeoutIsRefused() {
        // No real file is checked in a nanosecond: the time limit itself is what is tested.
        try (UploadProbe probe = new UploadProbe(ReaderLimits.DEFAULT, Duration.ofNanos(1))) {
            ApiError e = assertThrows(ApiError.class, () -> probe.probe("clip.mp4", TestClips.moovAtStart()));
            assertEquals(422, e.status());
            assertEquals("probe_timeout", e.code());
            assertTrue(e.getMessage().startsWith("\"clip.mp4\" cannot be packaged: checking it took longer than"),
                    e.getMessage());
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
