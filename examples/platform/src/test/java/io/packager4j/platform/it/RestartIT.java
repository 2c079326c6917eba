package io.packager4j.platform.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.packager4j.testkit.Ffmpeg;
import io.packager4j.testkit.MpdSchemaValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job survives a crash: the platform jar is killed with SIGKILL in the middle of a packaging job,
 * started again on the same data directory and database, and the job is taken over and completes;
 * the half-made presentation was never published, and everything stored before the crash is there.
 */
class RestartIT {

    private static final Set<String> MID_JOB = Set.of("Fragmented", "Encrypted");

    @TempDir
    Path work;

    @Test
    void jobKilledMidwayIsRetriedAndCompletes() throws Exception {
        Path source = bigInput();
        Path data = work.resolve("data");
        Path log = work.resolve("platform.log");
        // A short heartbeat, so the dead instance's job is taken over within seconds.
        String[] flags = {"--heartbeat", "PT1S"};

        long inputId;
        long packageId;
        JsonNode atKill;
        try (PlatformProcess first = PlatformProcess.start(data, log, flags)) {
            PlatformClient client = first.client();
            inputId = client.uploadOk(source);
            packageId = client.requestPackage(inputId, "cbcs");
            atKill = client.pollPackage(packageId, n -> !n.get("status").asText().equals("Ingested"),
                    Duration.ofSeconds(60), Duration.ofMillis(10));
            first.kill();
        }
        assertTrue(MID_JOB.contains(atKill.get("status").asText()),
                "the kill must land mid-job (make the input bigger if packaging got faster): " + atKill);
        assertFalse(Files.exists(data.resolve("packages").resolve(Long.toString(packageId))),
                "nothing published by the killed instance");

        try (PlatformProcess second = PlatformProcess.start(data, log, flags)) {
            PlatformClient client = second.client();
            JsonNode ready = client.awaitReady(packageId);
            assertTrue(ready.get("attempts").asInt() >= 2, "the job ran again: " + ready);
            assertEquals(1, client.get("/api/contents").json().get("total").asLong(), "the upload is still there");
            assertEquals(inputId, client.get("/api/contents/" + inputId).json().get("input_content_id").asLong());

            Path published = data.resolve("packages").resolve(Long.toString(packageId));
            assertFalse(Files.exists(data.resolve("work").resolve(Long.toString(packageId))), "work files removed");
            try (Stream<Path> top = Files.list(published)) {
                List<String> names = top.map(p -> p.getFileName().toString()).sorted().toList();
                for (String name : names) {
                    assertTrue(name.equals("manifest.mpd") || name.equals("master.m3u8") || name.equals("download.mp4")
                            || name.startsWith("video")
                            || name.startsWith("audio"), "unexpected file in the published package: " + names);
                }
            }
            MpdSchemaValidator.assertValid(published.resolve("manifest.mpd"));
            Path video;
            try (Stream<Path> dirs = Files.list(published)) {
                video = dirs.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("video"))
                        .findFirst().orElseThrow();
            }
            assertEquals(Ffmpeg.packetHashes(source, "v:0"),
                    Ffmpeg.packetHashes(segments(video), "v:0", PlatformClient.KEY_HEX),
                    "the completed presentation decrypts to the source's video packets");
        }
    }

    /**
     * About 160 s of lossless 720p H.264 (~280 MB), made in a second by looping a 4 s clip: big
     * enough that the job is still running when the test sees its first status change.
     */
    private Path bigInput() {
        Path clip = work.resolve("clip-4s.mp4");
        Ffmpeg.run("-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25", "-f", "lavfi",
                "-i", "sine=frequency=440:sample_rate=48000", "-t", "4", "-c:v", "libx264", "-preset", "ultrafast",
                "-qp", "0", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-c:a", "aac", "-b:a", "128k",
                "-ac", "2", clip.toString());
        Path big = work.resolve("big.mp4");
        Ffmpeg.run("-v", "error", "-stream_loop", "39", "-i", clip.toString(), "-c", "copy", big.toString());
        return big;
    }

    private static List<Path> segments(Path dir) throws IOException {
        List<Path> result = new ArrayList<>();
        result.add(dir.resolve("init.mp4"));
        for (int i = 1; Files.exists(dir.resolve("seg-" + i + ".m4s")); i++) {
            result.add(dir.resolve("seg-" + i + ".m4s"));
        }
        return result;
    }
}
