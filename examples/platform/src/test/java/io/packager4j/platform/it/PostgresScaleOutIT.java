package io.packager4j.platform.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.packager4j.testkit.Ffmpeg;
import io.packager4j.testkit.MpdSchemaValidator;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Scaling out: two platform jars on one PostgreSQL database and one data directory (the shared
 * storage), configured as README's "Scaling out" says: the same master key and webhook secret, the
 * database by {@code --db-url/--db-user/--db-password}. They share the jobs through the job engine,
 * each job is run once, and the job of an instance that dies is taken over by the other. PostgreSQL
 * is a throwaway cluster of the machine's server ({@link TestPostgres}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresScaleOutIT {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresScaleOutIT.class);

    private static final String MASTER_KEY = "5f1c0e3a9b7d2f4e6a8c0b1d3e5f7a9c2b4d6e8f0a1c3e5b7d9f1a3c5e7b9d0f";
    private static final String WEBHOOK_SECRET = "scale-out-test-webhook-secret";
    private static final String JOB_TASK = "package-content";
    private static final Set<String> MID_JOB = Set.of("Fragmented", "Encrypted");
    /** The platform's log line when a job starts on a package; the attempt as the database counted it. */
    private static final Pattern JOB_START = Pattern.compile("packaging (\\d+) \\(\\w+, attempt (\\d+)\\)");

    static TestPostgres postgres;
    static TestPostgres.Credentials db;
    @TempDir
    static Path work;
    static Path data;
    /** One pair for both tests (starting two JVMs is most of their time); the kill comes last. */
    static Instances both;
    static long started;

    @BeforeAll
    static void start() throws Exception {
        started = System.nanoTime();
        postgres = TestPostgres.start();
        db = postgres.createDatabase("platform");
        data = work.resolve("data");
        // A short heartbeat, so a dead instance's job is taken over within seconds (4 missed).
        both = Instances.start(data, work, db, "PT2S");
        LOG.info("PostgreSQL and both instances up after {} s", seconds());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (both != null) {
                both.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    @Order(1)
    void twoInstancesShareTenJobsAndEachIsDoneOnce() throws Exception {
        Path clip = TestClips.moovAtStart();
        // Requests alternate between the instances, as a load balancer would send them.
        List<Long> packageIds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            PlatformClient via = both.get(i % 2).client();
            packageIds.add(via.requestPackage(via.uploadOk(clip), i % 2 == 0 ? "cenc" : "cbcs"));
        }
        LOG.info("ten packages requested after {} s", seconds());

        Map<String, List<Long>> byWorker = new TreeMap<>();
        for (int i = 0; i < packageIds.size(); i++) {
            long id = packageIds.get(i);
            // Followed on the instance that did not take the request: both see the one database.
            JsonNode ready = both.get((i + 1) % 2).client().awaitReady(id);
            assertEquals(1, ready.get("attempts").asInt(), "the job started once: " + ready);
            String worker = ready.get("worker").asText();
            assertTrue(both.named(worker) >= 0, "run by one of the two instances " + both + ": " + ready);
            byWorker.computeIfAbsent(worker, w -> new ArrayList<>()).add(id);
        }
        LOG.info("ten jobs Ready after {} s, split between the instances: {}", seconds(), byWorker);

        // Independent of the attempts column: each package's job started once in all the logs.
        Map<Long, List<Integer>> starts = jobStarts(both.logs());
        for (long id : packageIds) {
            assertEquals(List.of(1), starts.get(id), "job starts of package " + id + " in both logs");
        }
        awaitNoJobRows();

        for (int i = 0; i < 2; i++) {
            JsonNode encoded = both.get(i).client().get("/allEncoded").json();
            assertEquals(10, encoded.size(), "every package listed by instance " + i);
        }
        // The original flow's end, on PostgreSQL: served by either instance whoever packaged it.
        long first = packageIds.get(0);
        Path published = data.resolve("packages").resolve(Long.toString(first));
        TestMedia.assertCompletePresentation(published, clip);
        for (int i = 0; i < 2; i++) {
            PlatformClient client = both.get(i).client();
            JsonNode status = client.get("/packaged_content/" + first).json();
            assertEquals(client.uri("/content/" + first + "/manifest.mpd").toString(), status.get("url").asText());
            byte[] mpd = client.getBytes("/content/" + first + "/manifest.mpd");
            assertArrayEquals(Files.readAllBytes(published.resolve("manifest.mpd")), mpd);
            assertTrue(new String(mpd, StandardCharsets.UTF_8).contains("a16e402b-9056-e371-f36d-348aa62bb749"),
                    "default_KID in the served MPD");
        }
        Path served = Files.write(work.resolve("served.mpd"),
                both.get(1).client().getBytes("/content/" + first + "/manifest.mpd"));
        MpdSchemaValidator.assertValid(served);
        Path download = Files.write(work.resolve("download.mp4"), both.get(1).client().getBytes("/download/" + first));
        assertEquals(Ffmpeg.packetHashes(clip, "a:0"),
                Ffmpeg.packetHashes(List.of(download), "a:0", PlatformClient.KEY_HEX), "the download decrypts");
    }

    @Test
    @Order(2)
    void jobOfAKilledInstanceIsTakenOverByTheOther() throws Exception {
        // Half RestartIT's input: the survivor finishes it sooner, and the steps left after the first
        // status change still take seconds, far longer than the 10 ms between polls.
        Path source = TestMedia.bigInput(work, 80);
        PlatformClient client = both.get(0).client();
        long packageId = client.requestPackage(client.uploadOk(source), "cbcs");
        JsonNode atKill = client.pollPackage(packageId, n -> !n.get("status").asText().equals("Ingested"),
                Duration.ofSeconds(60), Duration.ofMillis(10));
        int victim = both.named(atKill.get("worker").asText());
        assertTrue(victim >= 0, "the job runs on one of the instances " + both + ": " + atKill);
        both.get(victim).kill();
        LOG.info("killed instance {} at {} after {} s", victim, atKill.get("status").asText(), seconds());
        assertTrue(MID_JOB.contains(atKill.get("status").asText()),
                "the kill must land mid-job (make the input bigger if packaging got faster): " + atKill);
        Path published = data.resolve("packages").resolve(Long.toString(packageId));
        assertFalse(Files.exists(published), "nothing published by the killed instance");

        PlatformProcess survivor = both.get(1 - victim);
        JsonNode ready = survivor.client().awaitReady(packageId);
        LOG.info("taken over and finished by instance {} after {} s", 1 - victim, seconds());
        assertTrue(ready.get("attempts").asInt() >= 2, "the job ran again: " + ready);
        assertEquals(1 - victim, both.named(ready.get("worker").asText()), "finished by the survivor: " + ready);
        assertFalse(Files.exists(data.resolve("work").resolve(Long.toString(packageId))), "work files removed");
        TestMedia.assertCompletePresentation(published, source);
        assertTrue(jobStarts(List.of(survivor.log())).containsKey(packageId), "the survivor's log shows the job");
        awaitNoJobRows();
    }

    private static long seconds() {
        return (System.nanoTime() - started) / 1_000_000_000L;
    }

    /** Per package, the attempt numbers of the job starts the logs show. */
    private static Map<Long, List<Integer>> jobStarts(List<Path> logs) throws IOException {
        Map<Long, List<Integer>> starts = new TreeMap<>();
        for (Path log : logs) {
            for (String line : Files.readAllLines(log)) {
                Matcher m = JOB_START.matcher(line);
                if (m.find()) {
                    starts.computeIfAbsent(Long.parseLong(m.group(1)), id -> new ArrayList<>())
                            .add(Integer.parseInt(m.group(2)));
                }
            }
        }
        return starts;
    }

    /** Every packaging job completed: none is left queued or picked in the job engine's table. */
    private static void awaitNoJobRows() throws SQLException {
        Instant deadline = Instant.now().plusSeconds(30);
        long rows;
        do {
            try (Connection c = db.connect();
                 PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = ?")) {
                ps.setString(1, JOB_TASK);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    rows = rs.getLong(1);
                }
            }
            if (rows == 0) {
                return;
            }
            // Ready is recorded just before the engine deletes the finished job's row.
            PlatformClient.sleep(Duration.ofMillis(200));
        } while (Instant.now().isBefore(deadline));
        fail(rows + " packaging job rows left in scheduled_tasks");
    }

    /** Two platform jars on one database and one data directory, each with its own port and log. */
    private record Instances(List<PlatformProcess> processes) implements AutoCloseable {

        /** Starts both at once: they migrate the fresh database concurrently (Flyway's lock serializes that). */
        static Instances start(Path data, Path logDir, TestPostgres.Credentials db, String heartbeat) throws Exception {
            List<String> flags = new ArrayList<>(db.flags());
            flags.addAll(List.of("--master-key", MASTER_KEY, "--webhook-secret", WEBHOOK_SECRET,
                    "--heartbeat", heartbeat));
            List<CompletableFuture<PlatformProcess>> starting = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                Path log = logDir.resolve("platform-" + name + ".log");
                starting.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return PlatformProcess.start(data, log, flags.toArray(String[]::new));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
            List<PlatformProcess> started = new ArrayList<>();
            Throwable failure = null;
            for (CompletableFuture<PlatformProcess> f : starting) {
                try {
                    started.add(f.join());
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            Instances instances = new Instances(started);
            if (failure != null) {
                instances.close();
                throw new AssertionError("an instance did not start", failure);
            }
            return instances;
        }

        PlatformProcess get(int i) {
            return processes.get(i);
        }

        /** Which instance a "worker" (host:pid) names, or -1. */
        int named(String worker) {
            for (int i = 0; i < processes.size(); i++) {
                if (worker.endsWith(":" + processes.get(i).pid())) {
                    return i;
                }
            }
            return -1;
        }

        List<Path> logs() {
            return processes.stream().map(PlatformProcess::log).toList();
        }

        @Override
        public void close() throws InterruptedException {
            for (PlatformProcess p : processes) {
                p.close();
            }
        }

        @Override
        public String toString() {
            return "pids " + processes.stream().map(PlatformProcess::pid).toList();
        }
    }
}
