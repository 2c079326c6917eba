package io.packager4j.platform.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

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
        Path source = TestMedia.bigInput(work, 160);
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
            assertTrue(ready.get("worker").asText().endsWith(":" + second.pid()), "run by the new process: " + ready);
            assertEquals(1, client.get("/api/contents").json().get("total").asLong(), "the upload is still there");
            assertEquals(inputId, client.get("/api/contents/" + inputId).json().get("input_content_id").asLong());

            Path published = data.resolve("packages").resolve(Long.toString(packageId));
            assertFalse(Files.exists(data.resolve("work").resolve(Long.toString(packageId))), "work files removed");
            TestMedia.assertCompletePresentation(published, source);
        }
    }
}
