package io.packager4j.platform.ladder;

import io.packager4j.PackagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;

/**
 * ffmpeg as the platform uses it: located and checked once at start-up, then run as a child process
 * for each ladder job.
 *
 * <p>The check runs {@code ffmpeg -version} and {@code ffmpeg -encoders}: ffmpeg must start and have
 * the libx264 and aac encoders. Its outcome is kept; without a usable ffmpeg the platform still
 * packages uploads as they are, and only requests for renditions are refused.
 *
 * <p>A transcode never outlives its job: the child is killed when the job's thread is interrupted,
 * when ffmpeg reports no progress for {@link #STALL_LIMIT}, and when the platform closes. On Linux it
 * is started through util-linux's {@code setpriv --pdeathsig KILL}, so the kernel kills it even when
 * the platform's JVM itself is killed ({@code kill -9}), and a job taken over by another instance
 * never races an orphaned encoder writing into its work directory.
 */
public final class Transcoder implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Transcoder.class);

    /** How long ffmpeg may go without reporting progress before it is taken for hung. */
    static final Duration STALL_LIMIT = Duration.ofMinutes(2);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_CHECK_OUTPUT = 1 << 20;
    private static final int STDERR_TAIL_CHARS = 1500;
    private static final Pattern LIBX264 = Pattern.compile("(?m)^\\s*V\\S*\\s+libx264\\s");
    private static final Pattern AAC = Pattern.compile("(?m)^\\s*A\\S*\\s+aac\\s");
    private static final List<String> PDEATHSIG = List.of("setpriv", "--pdeathsig", "KILL", "--");

    private final String ffmpeg;
    private final List<String> launcher;
    private final String version;
    private final String unavailableReason;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private Transcoder(String ffmpeg, List<String> launcher, String version, String unavailableReason) {
        this.ffmpeg = ffmpeg;
        this.launcher = List.copyOf(launcher);
        this.version = version;
        this.unavailableReason = unavailableReason;
    }

    /**
     * Finds out whether {@code ffmpeg} (a path, or a name looked up on the PATH) can make ladders,
     * and logs the outcome. Never throws: an unusable ffmpeg is an {@link #available() unavailable}
     * transcoder.
     */
    public static Transcoder locate(String ffmpeg) {
        List<String> launcher = List.of();
        String reason;
        String version = null;
        try {
            CheckRun v = null;
            if (pdeathsigPossible()) {
                // Through setpriv if that works here; if it does not, plain ffmpeg is still usable.
                try {
                    v = check(PDEATHSIG, ffmpeg, "-version");
                    if (isVersion(v)) {
                        launcher = PDEATHSIG;
                    }
                } catch (IOException e) {
                    LOG.debug("setpriv cannot start {}", ffmpeg, e);
                }
            }
            if (launcher.isEmpty()) {
                v = check(launcher, ffmpeg, "-version");
            }
            if (!isVersion(v)) {
                reason = ffmpeg + " -version exited with " + v.exitCode() + ": " + firstLine(v.output());
            } else {
                version = v.output().substring("ffmpeg version ".length()).split("\\s", 2)[0];
                CheckRun e = check(launcher, ffmpeg, "-encoders");
                List<String> missing = new ArrayList<>();
                if (!LIBX264.matcher(e.output()).find()) {
                    missing.add("libx264");
                }
                if (!AAC.matcher(e.output()).find()) {
                    missing.add("aac");
                }
                reason = missing.isEmpty() ? null : ffmpeg + " (" + version + ") lacks the encoder(s) "
                        + String.join(" and ", missing);
            }
        } catch (IOException e) {
            reason = "cannot run " + ffmpeg + ": " + e.getMessage();
        }
        if (reason == null) {
            LOG.info("ffmpeg {} ({}): renditions (ABR ladders) enabled{}", version, ffmpeg,
                    launcher.isEmpty() ? "; without setpriv, a transcode may outlive a killed platform process" : "");
            return new Transcoder(ffmpeg, launcher, version, null);
        }
        LOG.warn("renditions (ABR ladders) disabled, requests for them get 422: {}", reason);
        return new Transcoder(ffmpeg, launcher, null, reason);
    }

    private static boolean isVersion(CheckRun r) {
        return r.exitCode() == 0 && r.output().startsWith("ffmpeg version ");
    }

    /** Whether ladders can be made. */
    public boolean available() {
        return unavailableReason == null;
    }

    /** ffmpeg's version, such as {@code 5.1.6-0+deb12u1}; null when unavailable. */
    public String version() {
        return version;
    }

    /** Why ladders cannot be made (for the log: it names the server's ffmpeg); null when they can. */
    public String unavailableReason() {
        return unavailableReason;
    }

    /**
     * Makes the ladder's renditions (and audio) from {@code source} into {@code outDir} in one
     * ffmpeg run, reporting the percentage of the source's duration done.
     *
     * @throws PackagingException ffmpeg failed on this input (its message ends with the tail of
     *                            ffmpeg's errors): running it again would fail the same way
     * @throws IOException        ffmpeg could not be run, hung, was killed by a signal, the job was
     *                            interrupted ({@link InterruptedIOException}) or the platform is
     *                            closing; it may work another time
     */
    public void transcode(Path source, double durationSeconds, Ladder ladder, boolean audio, Duration segment,
                          Path outDir, IntConsumer percent) throws IOException, PackagingException {
        if (!available()) {
            throw new IOException("this platform instance cannot make renditions: " + unavailableReason);
        }
        if (closed) {
            throw new IOException("the platform is stopping");
        }
        List<String> cmd = new ArrayList<>(launcher);
        cmd.add(ffmpeg);
        cmd.addAll(FfmpegLadderCommand.arguments(source, ladder, audio, segment, outDir));
        LOG.debug("running {}", cmd);
        Process process = new ProcessBuilder(cmd).directory(outDir.toFile()).start();
        running.add(process);
        try {
            if (closed) {
                throw new IOException("the platform is stopping"); // close() ran before this process was listed
            }
            process.getOutputStream().close();
            AtomicLong lastProgress = new AtomicLong(System.nanoTime());
            FfmpegProgress progress = new FfmpegProgress(durationSeconds);
            Thread progressReader = daemon("ffmpeg-progress-" + process.pid(), () ->
                    readProgress(process.getInputStream(), progress, lastProgress, percent));
            StderrTail stderr = new StderrTail();
            Thread stderrReader = daemon("ffmpeg-stderr-" + process.pid(), () -> stderr.readFrom(process.getErrorStream()));
            int exit = await(process, lastProgress);
            progressReader.join(TimeUnit.SECONDS.toMillis(5));
            stderrReader.join(TimeUnit.SECONDS.toMillis(5));
            if (closed) {
                throw new IOException("transcoding was stopped: the platform is stopping");
            }
            if (exit > 128) {
                // Killed by a signal (the out-of-memory killer, an operator): not this input's fault.
                throw new IOException("ffmpeg was killed by signal " + (exit - 128));
            }
            if (exit != 0) {
                throw new PackagingException("transcoding with ffmpeg failed (exit " + exit + "): "
                        + clientText(stderr.text(), source, outDir));
            }
            for (Ladder.Rung rung : ladder.rungs()) {
                requireOutput(outDir.resolve(rung.fileName()));
            }
            if (audio) {
                requireOutput(outDir.resolve(Ladder.AUDIO_FILE));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("transcoding was interrupted");
        } finally {
            if (process.isAlive()) {
                kill(process);
            }
            running.remove(process);
        }
    }

    /** Waits for ffmpeg to exit; kills it if it stops reporting progress. */
    private static int await(Process process, AtomicLong lastProgress) throws InterruptedException, IOException {
        while (!process.waitFor(1, TimeUnit.SECONDS)) {
            if (System.nanoTime() - lastProgress.get() > STALL_LIMIT.toNanos()) {
                kill(process);
                throw new IOException("ffmpeg reported no progress for " + STALL_LIMIT.toSeconds() + " s and was stopped");
            }
        }
        return process.exitValue();
    }

    private static void readProgress(InputStream in, FfmpegProgress progress, AtomicLong lastProgress,
                                     IntConsumer percent) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                OptionalInt p = progress.accept(line);
                if (p.isPresent()) {
                    lastProgress.set(System.nanoTime());
                    try {
                        percent.accept(p.getAsInt());
                    } catch (RuntimeException e) {
                        LOG.debug("progress listener failed", e);
                    }
                }
            }
        } catch (IOException e) {
            // The process was killed or closed its output: the exit code tells what happened.
        }
    }

    private static void requireOutput(Path file) throws PackagingException {
        try {
            if (Files.size(file) > 0) {
                return;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new PackagingException("transcoding with ffmpeg made no " + file.getFileName());
    }

    /** ffmpeg's errors without the server's paths: the message ends up in the package's status. */
    static String clientText(String stderr, Path source, Path outDir) {
        String text = stderr.strip();
        if (text.isEmpty()) {
            return "(ffmpeg printed no error)";
        }
        return text.replace("file:" + outDir.toAbsolutePath() + File.separator, "")
                .replace(outDir.toAbsolutePath() + File.separator, "")
                .replace("file:" + source.toAbsolutePath(), "the input")
                .replace(source.toAbsolutePath().toString(), "the input")
                .replaceAll("\\s*\\R\\s*", "; ");
    }

    /**
     * SIGKILL, then waits until it is gone, even on an interrupted thread (the usual reason to kill
     * it): the job must not end while its ffmpeg still writes into the work directory.
     */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (process.isAlive() && System.nanoTime() < deadline) {
                try {
                    process.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (process.isAlive()) {
                LOG.warn("ffmpeg (pid {}) did not die within 10 s of SIGKILL", process.pid());
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Kills every transcode still running (their jobs resume on the next start). */
    @Override
    public void close() {
        closed = true;
        for (Process p : running) {
            LOG.info("stopping ffmpeg (pid {})", p.pid());
            kill(p);
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The last characters ffmpeg wrote to stderr; memory stays bounded however much it writes. */
    private static final class StderrTail {
        private final StringBuilder tail = new StringBuilder();

        void readFrom(InputStream in) {
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                char[] buf = new char[4096];
                int n;
                while ((n = r.read(buf)) > 0) {
                    synchronized (tail) {
                        tail.append(buf, 0, n);
                        if (tail.length() > 2 * STDERR_TAIL_CHARS) {
                            tail.delete(0, tail.length() - STDERR_TAIL_CHARS);
                        }
                    }
                }
            } catch (IOException e) {
                // killed: what was read is what there is
            }
        }

        String text() {
            synchronized (tail) {
                return tail.length() > STDERR_TAIL_CHARS ? "..." + tail.substring(tail.length() - STDERR_TAIL_CHARS)
                        : tail.toString();
            }
        }
    }

    private record CheckRun(int exitCode, String output) {
    }

    /** A short check command, its stdout and stderr together, under a time limit. */
    private static CheckRun check(List<String> launcher, String ffmpeg, String option) throws IOException {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of(ffmpeg, "-hide_banner", option));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = daemon("ffmpeg-check", () -> copyBounded(p.getInputStream(), out));
            if (!p.waitFor(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(String.join(" ", cmd) + " did not finish in " + CHECK_TIMEOUT.toSeconds() + " s");
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            synchronized (out) {
                return new CheckRun(p.exitValue(), out.toString(StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while checking ffmpeg");
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static void copyBounded(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (out) {
                    if (out.size() < MAX_CHECK_OUTPUT) {
                        out.write(buf, 0, Math.min(n, MAX_CHECK_OUTPUT - out.size()));
                    }
                }
            }
        } catch (IOException e) {
            // the process ended or was killed
        }
    }

    /** Linux with util-linux's setpriv on the PATH: children can be tied to this process's life. */
    private static boolean pdeathsigPossible() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux") && onPath("setpriv");
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("(no output)");
    }
}
