package io.packager4j.benchmarks;

import io.packager4j.Packager;
import io.packager4j.PackagingException;
import io.packager4j.PackagingResult;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.Encryption;
import io.packager4j.crypto.KeyId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole in-process packaging with {@link Packager}: one 1080p H.264 + AAC file into a live-profile
 * DASH presentation (init + 4 s media segments per representation, and the MPD), clear or
 * encrypted with {@code cenc} or {@code cbcs} (every track, one key). Everything the library does
 * per run is timed: opening and indexing the MP4, segment planning, reading the media, subsample
 * maps and AES for encrypted modes, writing segments, the MPD, and the atomic publish (rename).
 *
 * <p><b>Input</b>: {@link GeneratedInputs#PACKAGING_INPUT}, 40 s of ffmpeg's {@code testsrc2} at
 * 1920×1080, 30 fps, H.264 High (libx264 veryfast, 7.8 Mb/s, keyframe every 60 frames, no scene
 * cut) + 128 kb/s AAC stereo: about 40 MB, generated once with ffmpeg into
 * {@code benchmarks/target/bench-inputs/} and reused. The trial setup prints its size.
 *
 * <p><b>Score</b>: milliseconds per packaging run (AverageTime). MB/s of input is the input file's
 * size divided by that time: {@code MB/s = bytes / 1000 / score_ms} (see BENCHMARKS.md).
 *
 * <p><b>Output and clean-up.</b> Each invocation packages into a fresh directory under
 * {@code benchmarks/target/bench-out/}, created and deleted in {@link Level#Invocation} fixtures,
 * which JMH keeps out of the timed region. Deleting inside the benchmark would time the unlinking
 * of ~40 MB (not the packager's work); deleting once per iteration would pile up hundreds of
 * outputs (over 10 GB) in the page cache and let writeback of earlier runs slow later ones. JMH's
 * caveat about {@code Level.Invocation} (timestamp overhead) matters for microsecond-scale
 * invocations, not for runs of 20 to 50 ms. The output lives on the same disk as the input;
 * deleted within a second, it is normally never written back, so this measures writes into the
 * page cache, as a {@code cp} of the same file would.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PackagingThroughputBenchmark
 * </pre>
 *
 * About 4 minutes (3 modes × (3 + 5) iterations of 10 s, plus a one-off ffmpeg encode of about
 * 25 s); {@code -p threads=1,2} doubles it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// The jar has no SLF4J provider, so the library's logging is a no-op; silence SLF4J's warning about it,
// which would otherwise land in the middle of JMH's first iteration line.
@Fork(value = 1, jvmArgsAppend = "-Dslf4j.internal.verbosity=ERROR")
@Warmup(iterations = 3, time = 10, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 10, timeUnit = TimeUnit.SECONDS)
public class PackagingThroughputBenchmark {

    /** Fixed test key and key ID (ClearKey-style; the values do not matter for speed). */
    private static final String KEY_ID = "a16e402b9056e371f36d348aa62bb749";
    private static final String KEY = "87237d20a19f58a740c05684e699b4aa";

    /** clear output, or every track encrypted with cenc (AES-CTR) or cbcs (AES-CBC, 1:9 on video). */
    @Param({"clear", "cenc", "cbcs"})
    public String mode;

    /**
     * {@link Packager.Builder#threads}: 2 is the library's default on a 2-core machine; 1 shows the
     * single-core cost. The library uses them for the two representations (video, audio) and, in
     * versions that have it, for preparing encrypted segments in parallel.
     */
    @Param({"2"})
    public int threads;

    private Path input;
    private Encryption encryption;
    private Path outRoot;
    private Path runDir;

    @Setup(Level.Trial)
    public void setUpTrial() throws IOException, InterruptedException, PackagingException {
        input = GeneratedInputs.packagingInput();
        encryption = switch (mode) {
            case "clear" -> null;
            case "cenc" -> Encryption.cenc(KeyId.parse(KEY_ID), ContentKey.parse(KEY));
            case "cbcs" -> Encryption.cbcs(KeyId.parse(KEY_ID), ContentKey.parse(KEY));
            default -> throw new IllegalArgumentException("mode must be clear, cenc or cbcs, not " + mode);
        };
        outRoot = Files.createDirectories(input.getParent().resolveSibling("bench-out"));
        System.out.printf("%n# input %s: %d bytes%n", input, Files.size(input));
    }

    /** A fresh, not yet existing output path for the next run (its parent is created here). */
    @Setup(Level.Invocation)
    public void setUpRun() throws IOException {
        runDir = Files.createTempDirectory(outRoot, "run-");
    }

    @Benchmark
    public PackagingResult packageInput() throws PackagingException {
        Packager.Builder builder = Packager.builder()
                .input(input)
                .output(runDir.resolve("out"))
                .segmentDuration(Duration.ofSeconds(4))
                .threads(threads);
        if (encryption != null) {
            builder.encryption(encryption);
        }
        return builder.build().run();
    }

    /** Deletes the run's output, untimed, so every run writes into an empty directory. */
    @TearDown(Level.Invocation)
    public void tearDownRun() {
        deleteTree(runDir);
    }

    @TearDown(Level.Trial)
    public void tearDownTrial() {
        deleteTree(outRoot);
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    if (exc != null) {
                        throw exc;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Fail loudly: a leftover output would make the next run measure a different disk state.
            throw new UncheckedIOException("cannot delete benchmark output " + dir, e);
        }
    }
}
