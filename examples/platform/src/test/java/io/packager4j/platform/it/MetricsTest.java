package io.packager4j.platform.it;

import io.packager4j.platform.Platform;
import io.packager4j.platform.PlatformConfig;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /metrics} in the Prometheus text format, with values that follow what happened. */
class MetricsTest {

    @TempDir
    Path dataDir;

    @Test
    void metricsFollowTheJobs() throws Exception {
        try (Platform platform = Platform.start(PlatformConfig.defaults(dataDir).withPort(0))) {
            PlatformClient client = new PlatformClient(platform.baseUri());
            Map<String, Double> before = samples(client);
            assertEquals(0.0, before.get("packager4j_packages{status=\"Ready\"}"));
            assertEquals(0.0, before.get("packager4j_job_queue_depth"));

            long input = client.uploadOk(TestClips.moovAtStart());
            long pkg = client.requestPackage(input, null);
            client.awaitReady(pkg);

            PlatformClient.Reply reply = client.get("/metrics");
            assertTrue(reply.header("Content-Type").startsWith("text/plain"), reply.header("Content-Type"));
            Map<String, Double> after = samples(client);
            assertEquals(1.0, after.get("packager4j_packages{status=\"Ready\"}"));
            assertEquals(0.0, after.get("packager4j_packages{status=\"Failed\"}"));
            assertEquals(1.0, after.get("packager4j_packaging_seconds_count"));
            assertTrue(after.get("packager4j_packaging_seconds_sum") > 0);
            assertEquals((double) Files.size(TestClips.moovAtStart()), after.get("packager4j_input_bytes_total"));
            long published;
            try (var walk = Files.walk(dataDir.resolve("packages").resolve(Long.toString(pkg)))) {
                published = walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            assertEquals((double) published, after.get("packager4j_output_bytes_total"));
        }
    }

    /** Sample lines ("name{labels} value"), comments skipped. */
    private static Map<String, Double> samples(PlatformClient client) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : client.get("/metrics").body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }
}
