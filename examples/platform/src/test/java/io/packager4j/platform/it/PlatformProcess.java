package io.packager4j.platform.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The platform jar run as a user runs it: {@code java -jar packager4j-platform.jar ...} in its own JVM. */
final class PlatformProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final PlatformClient client;
    private final Path log;

    private PlatformProcess(Process process, PlatformClient client, Path log) {
        this.process = process;
        this.client = client;
        this.log = log;
    }

    /** Starts the jar on a free port with the data directory and extra flags, and waits for /health. */
    static PlatformProcess start(Path dataDir, Path log, String... flags) throws IOException {
        return start(dataDir, log, Map.of(), flags);
    }

    /** The same with {@code env} added to the process's environment. */
    static PlatformProcess start(Path dataDir, Path log, Map<String, String> env, String... flags) throws IOException {
        String jar = System.getProperty("packager4j.platform.jar");
        if (jar == null) {
            throw new IllegalStateException("system property packager4j.platform.jar is not set (run through failsafe)");
        }
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar, "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        cmd.addAll(List.of(flags));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process p = builder.start();
        PlatformProcess started = new PlatformProcess(p, new PlatformClient(URI.create("http://localhost:" + port + "/")), log);
        started.awaitHealthy();
        return started;
    }

    PlatformClient client() {
        return client;
    }

    /** The process id: the job engine names the instance host:pid, and so does a package's "worker". */
    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** SIGKILL: no shutdown hook, no clean-up, exactly what a crash or the OOM killer does. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the platform did not die");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void awaitHealthy() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the platform exited with " + process.exitValue() + " at start; see " + log);
            }
            try {
                if (client.get("/health").status() == 200) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            PlatformClient.sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("the platform did not become healthy in " + START_TIMEOUT + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
