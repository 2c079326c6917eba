package io.packager4j.benchmarks;

import io.packager4j.PackagingException;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.crypto.subsample.SubsampleMapper;
import io.packager4j.crypto.subsample.SubsampleMappers;
import io.packager4j.crypto.subsample.Subsamples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Speed of building subsample maps ({@link SubsampleMappers#forTrack} then
 * {@link SubsampleMapper#map}) for real 1080p H.264 and HEVC samples under {@code cenc} and
 * {@code cbcs}: the per-sample work the packager does before any AES, i.e. walking the
 * length-prefixed NAL units and, for {@code cbcs}, unescaping and parsing every slice header.
 *
 * <p><b>Units.</b> One invocation maps one sample, the next one in decode order, wrapping round
 * to the first after the last (the mapper keeps state learnt from in-band parameter sets, so the
 * order matters, as in a track). The primary score is therefore <b>samples/s</b>, and {@code -prof
 * gc}'s {@code gc.alloc.rate.norm} is bytes allocated <b>per sample</b>. The secondary score
 * {@code mb} is <b>MB/s of sample bytes</b> (10<sup>6</sup> bytes/s): an {@link AuxCounters}
 * counter to which each invocation adds its sample's size in MB, normalised by time like the
 * primary score. AesEngineBenchmark's {@code @OperationsPerInvocation} trick needs the same
 * number of bytes in every invocation, which real samples of varying sizes cannot give.
 *
 * <p><b>Clips</b> ({@code clip}): {@code nal_h264} and {@code nal_hevc} are
 * {@code ../shared/testdata/mp4ff/nal_h264.mp4} and {@code nal_hevc.mp4} (1 s of 1080p50, H.264
 * High and HEVC Main, but only ~100 kb/s: 50 samples of 200 B to 1.7 KB), so they measure the
 * per-sample and per-NAL cost; {@code gen_h264_8M} is the video of PackagingThroughputBenchmark's
 * generated input (40 s of 1080p30 H.264 High at 7.8 Mb/s, ~32 KB a sample, made with ffmpeg on
 * first use, see {@link GeneratedInputs}), the bytes-per-second case. The test data folder is the
 * {@code testdata} parameter ({@code -p testdata=DIR}), relative to the working directory; the
 * default assumes the repository root. A missing file fails the trial with its path.
 *
 * <p>Every sample is read into memory in the trial setup, so no I/O is timed. The mapper is made
 * once per trial, as the packager makes one per track.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SubsampleMapperBenchmark -prof gc
 * </pre>
 *
 * About 1 minute 40 s (6 forks of 3 × 2 s warm-up and 5 × 2 s measurement); narrow with {@code -p
 * clip=nal_h264 -p scheme=CBCS}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// The jar has no SLF4J provider, so the library's logging is a no-op; silence SLF4J's warning about it,
// which would otherwise land in the middle of JMH's first iteration line.
@Fork(value = 1, jvmArgsAppend = "-Dslf4j.internal.verbosity=ERROR")
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class SubsampleMapperBenchmark {

    /** Which video: two small real-world clips, or the generated 8 Mb/s one (see the class comment). */
    @Param({"nal_h264", "nal_hevc", "gen_h264_8M"})
    public String clip;

    /** cenc (NAL headers clear) or cbcs (slice headers clear too, so they are parsed). */
    @Param({"CENC", "CBCS"})
    public ProtectionScheme scheme;

    /** Folder of the shared test clips ({@code nal_*.mp4}), relative to the working directory. */
    @Param({"../shared/testdata/mp4ff"})
    public String testdata;

    private VideoSamples video;
    private SubsampleMapper mapper;
    private final Subsamples subsamples = new Subsamples();
    private int next;

    /**
     * MB/s of sample bytes, as an extra result beside samples/s. JMH resets the field at each
     * iteration and divides it by the iteration's time, like the primary score.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        /** Megabytes (10<sup>6</sup> bytes) mapped; reported per second, i.e. MB/s. */
        public double mb;
    }

    @Setup(Level.Trial)
    public void setUp() throws PackagingException, IOException, InterruptedException {
        Path file = clip.startsWith("gen_") ? GeneratedInputs.packagingInput() : Path.of(testdata, clip + ".mp4");
        video = VideoSamples.load(file, "run from the repository root, or pass -p testdata=DIR with the folder"
                + " holding nal_h264.mp4 and nal_hevc.mp4 (../shared/testdata/mp4ff of this repository)");
        mapper = SubsampleMappers.forTrack(video.format(), scheme);
        if (mapper == null) {
            throw new IllegalStateException(file + ": " + video.format().codec() + " has no subsample mapper");
        }
        // Map the clip once untimed: a malformed sample then fails here with its message, not mid-run.
        for (int i = 0; i < video.count(); i++) {
            mapper.map(video.data(), video.offsets()[i], video.sizes()[i], subsamples);
        }
        long bytes = video.data().length;
        System.out.printf("%n# %s: %d samples, %d bytes, %.0f bytes/sample%n", file, video.count(), bytes,
                bytes / (double) video.count());
        next = 0;
    }

    /** Maps the next sample in decode order; returns the entry count so the map cannot be optimised away. */
    @Benchmark
    public int map(Bytes bytes) throws PackagingException {
        int i = next;
        int size = video.sizes()[i];
        mapper.map(video.data(), video.offsets()[i], size, subsamples);
        next = i + 1 == video.count() ? 0 : i + 1;
        bytes.mb += size * 1e-6;
        return subsamples.count();
    }
}
