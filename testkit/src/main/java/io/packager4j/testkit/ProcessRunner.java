package io.packager4j.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs an external tool with a hard time limit. Standard output and error are drained on their own
 * threads (a full pipe would otherwise stall the tool), and a tool still running at the limit is
 * killed together with its children (node leaves chromium processes behind otherwise).
 */
final class ProcessRunner {

    private ProcessRunner() {
    }

    /** What a finished tool left: exit code, raw standard output, standard error as text. */
    record Result(int exitCode, byte[] stdout, String stderr) {

        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** The last lines of standard error, enough to see why a tool failed without flooding a report. */
        String stderrTail() {
            return tail(stderr, 40, 6000);
        }
    }

    /**
     * Runs {@code command}; {@code stdinFiles}, if not empty, are written in order to the tool's
     * standard input from a separate thread (the tool reads them as one stream), then it is closed.
     */
    static Result run(List<String> command, Path workDir, Duration timeout, List<Path> stdinFiles,
                      Map<String, String> extraEnv) {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        if (extraEnv != null) {
            pb.environment().putAll(extraEnv);
        }
        if (stdinFiles.isEmpty()) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + " (is it installed?): " + e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outPump = pump(p.getInputStream(), out, "stdout of " + command.get(0));
        Thread errPump = pump(p.getErrorStream(), err, "stderr of " + command.get(0));
        AtomicReference<IOException> feedError = new AtomicReference<>();
        Thread feeder = null;
        if (!stdinFiles.isEmpty()) {
            feeder = new Thread(() -> {
                try (OutputStream stdin = p.getOutputStream()) {
                    for (Path f : stdinFiles) {
                        Files.copy(f, stdin);
                    }
                } catch (IOException e) {
                    // A tool that stops reading early (it failed, or needs no more) breaks the pipe;
                    // its own exit code and stderr tell why, so this is only kept as a hint.
                    feedError.set(e);
                }
            }, "stdin feeder of " + command.get(0));
            feeder.setDaemon(true);
            feeder.start();
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(p);
                outPump.join(2000);
                errPump.join(2000);
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", abbreviate(command))
                        + "\n--- stderr (tail) ---\n" + tail(err.toString(StandardCharsets.UTF_8), 40, 6000));
            }
            outPump.join(10_000);
            errPump.join(10_000);
            if (feeder != null) {
                feeder.join(10_000);
            }
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command.get(0), e);
        }
        String stderr = err.toString(StandardCharsets.UTF_8);
        if (feedError.get() != null && p.exitValue() != 0) {
            stderr += "\n(writing standard input failed: " + feedError.get().getMessage() + ")";
        }
        return new Result(p.exitValue(), out.toByteArray(), stderr);
    }

    /** Kills a process and everything it started, children first so none is re-parented and left running. */
    static void killTree(Process p) {
        p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String tail(String text, int maxLines, int maxChars) {
        String[] lines = text.split("\n", -1);
        int from = Math.max(0, lines.length - maxLines);
        String joined = String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
        if (joined.length() > maxChars) {
            joined = "..." + joined.substring(joined.length() - maxChars);
        } else if (from > 0) {
            joined = "...\n" + joined;
        }
        return joined;
    }

    /** Long arguments (the playback JSON) are shortened so failure messages stay readable. */
    private static List<String> abbreviate(List<String> command) {
        return command.stream().map(a -> a.length() > 300 ? a.substring(0, 300) + "..." : a).toList();
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (sink) {
                        sink.write(buf, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // The stream closes when the process is killed; what was read so far is kept.
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
