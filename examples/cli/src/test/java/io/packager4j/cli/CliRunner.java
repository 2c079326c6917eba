package io.packager4j.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the shaded {@code packager4j-cli.jar} in a child JVM exactly as a user would
 * ({@code java -jar packager4j-cli.jar ...}), so the tests see the real exit code, the real
 * streams and the real shading, not {@link Main#run} inside the test JVM.
 */
final class CliRunner {

    /**
     * Generous for clips of a few seconds (a run takes about one second), but bounded: a hung
     * packager must fail its test, not the whole build.
     */
    static final long TIMEOUT_SECONDS = 60;

    /**
     * Variables the JVM reacts to by printing "Picked up ..." on stderr, which would break the
     * "exactly one line on stderr" checks for reasons that have nothing to do with the CLI.
     */
    private static final List<String> JVM_OPTION_VARIABLES =
            List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private CliRunner() {
    }

    /** What a finished run left behind. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** Non-empty lines of standard error. */
        List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        }

        /** Everything about the run, for assertion messages: a failing test should say what the CLI did. */
        String describe() {
            return "command: " + String.join(" ", command) + "\nexit code: " + exitCode
                    + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr + "\n--------------";
        }
    }

    /** The jar under test: system property {@code packager4j.cli.jar} (set by the pom), else {@code target/}. */
    static Path jar() {
        String configured = System.getProperty("packager4j.cli.jar");
        Path jar = configured == null || configured.isBlank()
                ? Path.of("target", "packager4j-cli.jar").toAbsolutePath()
                : Path.of(configured);
        assertTrue(Files.isRegularFile(jar),
                () -> "the CLI jar " + jar + " does not exist: run these tests with `mvn verify`, after `package`");
        return jar;
    }

    /** The java launcher of the JVM running the tests, so the CLI runs on the same Java as the build. */
    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The full command line {@code java -jar <jar> args...}. */
    static List<String> javaCommand(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(args);
        return command;
    }

    /** Runs {@code java -jar packager4j-cli.jar args...} in {@code workDir}, with piped (non-terminal) streams. */
    static Result run(Path workDir, String... args) {
        return run(workDir, Arrays.asList(args));
    }

    /** Runs {@code java -jar packager4j-cli.jar args...} in {@code workDir}, with piped (non-terminal) streams. */
    static Result run(Path workDir, List<String> args) {
        return exec(javaCommand(args), workDir, Map.of());
    }

    /**
     * Runs {@code command} with stdout and stderr captured separately, stdin at end of file, and a
     * hard time limit after which the process and its children are killed.
     */
    static Result exec(List<String> command, Path workDir, Map<String, String> extraEnv) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        JVM_OPTION_VARIABLES.forEach(pb.environment()::remove);
        pb.environment().putAll(extraEnv);
        // Not inherited from Maven: the CLI must see no terminal on any of its streams.
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        // Drained concurrently: a child blocked on a full pipe would otherwise look like a hang.
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                fail("timed out after " + TIMEOUT_SECONDS + " s (killed): " + String.join(" ", command)
                        + "\n--- stdout so far ---\n" + out.getNow("") + "\n--- stderr so far ---\n" + err.getNow(""));
            }
            return new Result(List.copyOf(command), process.exitValue(),
                    out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("could not read the output of " + command + ": " + e, e);
        }
    }

    /**
     * Reads {@code stream} to its end on a thread of its own (not the common pool, which may have a
     * single worker on a small machine and would then read stdout and stderr one after the other).
     */
    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(new UncheckedIOException(e));
            }
        }, "CliRunner stream reader");
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    /** Quotes {@code s} for a POSIX shell: the pseudo-terminal runs go through {@code script -c}, i.e. {@code sh -c}. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
