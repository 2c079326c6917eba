package io.packager4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark inputs made with ffmpeg on first use and cached by name, so repeated runs (and every
 * JMH fork) reuse the same file instead of paying minutes of encoding and measuring a different
 * input each time. The file name spells out every encoding setting: change a setting and the name
 * changes, so a stale file is never picked up.
 *
 * <p>The cache folder is {@code benchmarks/target/bench-inputs} when run from the repository root
 * (or {@code target/bench-inputs} from the {@code benchmarks} folder), overridable with
 * {@code -Dpackager4j.bench.inputs=DIR}. JMH passes the launching JVM's {@code -D} options on to
 * its forks.
 */
final class GeneratedInputs {

    /** System property naming the cache folder. */
    static final String DIR_PROPERTY = "packager4j.bench.inputs";

    /** Length of the packaging input: 20 two-second GOPs, 10 segments of 4 s. */
    static final int SECONDS = 40;

    /**
     * The packaging input: 1080p30 H.264 High at about 8 Mb/s (7.8 Mb/s video + 128 kb/s AAC-LC
     * stereo), a keyframe every 2 s exactly (no scene-cut keyframes), progressive MP4 with the
     * moov first, as a typical upload to a packaging service looks.
     */
    static final String PACKAGING_INPUT = "testsrc2-1080p30-h264high-7800k-gop60-aac128k-" + SECONDS + "s.mp4";

    private GeneratedInputs() {
    }

    /** The packaging input, generated now if it is not in the cache yet. */
    static Path packagingInput() throws IOException, InterruptedException {
        Path file = cacheDir().resolve(PACKAGING_INPUT);
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            return file;
        }
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30:duration=" + SECONDS,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + SECONDS,
                "-c:v", "libx264", "-profile:v", "high", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                "-b:v", "7.8M", "-maxrate", "7.8M", "-bufsize", "15.6M",
                // keyint 60 at 30 fps = a 2 s GOP; no scene-cut keyframes, so GOPs stay exactly 2 s.
                "-g", "60", "-keyint_min", "60", "-sc_threshold", "0",
                "-c:a", "aac", "-b:a", "128k", "-ac", "2",
                "-movflags", "+faststart", "-f", "mp4"));
        return generate(file, command);
    }

    /**
     * Runs {@code command} with the output path appended, writing to a temporary name first and
     * renaming it when ffmpeg succeeds: an interrupted run never leaves a truncated file that later
     * runs would take for the cached input.
     */
    private static Path generate(Path file, List<String> command) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        List<String> full = new ArrayList<>(command);
        full.add(partial.toString());
        System.out.println("# generating " + file + " with ffmpeg (once; cached for later runs)");
        Process ffmpeg;
        try {
            ffmpeg = new ProcessBuilder(full).inheritIO().start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ffmpeg to generate " + file
                    + " (install ffmpeg, or put the file there yourself): " + e.getMessage(), e);
        }
        if (!ffmpeg.waitFor(30, TimeUnit.MINUTES)) {
            ffmpeg.destroyForcibly();
            throw new IllegalStateException("ffmpeg took more than 30 minutes to generate " + file);
        }
        if (ffmpeg.exitValue() != 0) {
            Files.deleteIfExists(partial);
            throw new IllegalStateException("ffmpeg failed (exit " + ffmpeg.exitValue() + ") generating " + file
                    + ": " + String.join(" ", full));
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** The cache folder (see the class comment). */
    static Path cacheDir() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path fromRoot = Path.of("benchmarks");
        return Files.isDirectory(fromRoot) ? fromRoot.resolve("target/bench-inputs") : Path.of("target/bench-inputs");
    }
}
