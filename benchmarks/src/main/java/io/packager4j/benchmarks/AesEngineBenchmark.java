package io.packager4j.benchmarks;

import io.packager4j.crypto.AesEngine;
import io.packager4j.crypto.AesEngines;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the two {@link AesEngine}s ({@code JCE}, {@code BOUNCY_CASTLE}) on the operations
 * the CENC packager performs per sample: {@code cenc} AES-CTR, the {@code cbcs} 1:9 pattern (video)
 * and full {@code cbcs} CBC (pattern 0:0, audio).
 *
 * <p><b>Unit: the score is MB/s</b> (10<sup>6</sup> sample bytes per second). Each invocation
 * encrypts one batch of {@link #BATCH_BYTES} = 600,000 bytes, cut into samples of {@code
 * sampleSize} bytes (2000 samples of 300 B, 120 of 5 KB, 12 of 50 KB, 3 of 200 KB; 600,000 is a
 * multiple of every size), and declares {@value #KB_PER_BATCH} operations per invocation: one
 * "operation" is therefore 1000 bytes and JMH's {@code ops/ms} is exactly MB/s. For the {@code
 * cbcs} pattern this counts every byte of the sample, clear or not, i.e. how fast the packager
 * gets through media, not how fast AES runs.
 *
 * <p>Each sample is a separate engine call, as in the packager: {@code cenc} gets a fresh 8-byte
 * per-sample IV (a running counter, padded with 8 zero bytes), so the CTR cipher is
 * re-initialised per sample; {@code cbcs} uses one constant IV but restarts the CBC chain for every
 * sample. The key is the same throughout (one key per track), so neither engine re-expands it.
 * Data is encrypted in place: it changes with every pass, and the 600 KB buffer stays in L2 for
 * all sizes, so every size runs under the same memory conditions.
 *
 * <p>Run everything (about 6.5 minutes on 2 cores):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar AesEngineBenchmark
 * </pre>
 *
 * <p>Quick smoke run (about 1.5 minutes; numbers are indicative only):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar AesEngineBenchmark -wi 1 -w 1s -i 2 -r 1s
 * </pre>
 *
 * Narrow with {@code -p engine=JCE -p sampleSize=300,5000}, add {@code -prof gc} for the allocation
 * per operation, {@code -rf json -rff aes.json} for a machine-readable result.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class AesEngineBenchmark {

    /** Bytes encrypted per benchmark invocation; a multiple of every {@link #sampleSize}. */
    static final int BATCH_BYTES = 600_000;

    /** Operations per invocation: one operation is 1000 bytes, so ops/ms reads as MB/s. */
    static final int KB_PER_BATCH = BATCH_BYTES / 1000;

    /** The AES implementation under test. */
    @Param({"JCE", "BOUNCY_CASTLE"})
    public AesEngines.Kind engine;

    /** Bytes per sample: about 300 for an AAC frame, 5 KB to 200 KB for video frames. */
    @Param({"300", "5000", "50000", "200000"})
    public int sampleSize;

    private AesEngine aes;
    private byte[] key;
    private byte[] cencIv;
    private byte[] cbcsIv;
    private byte[] buffer;
    private int samples;
    private long sampleCounter;

    @Setup
    public void setUp() {
        if (BATCH_BYTES % sampleSize != 0) {
            throw new IllegalArgumentException("sampleSize " + sampleSize
                    + " must divide the batch of " + BATCH_BYTES + " bytes");
        }
        SplittableRandom random = new SplittableRandom(0x5eed);
        aes = AesEngines.create(engine);
        key = bytes(random, 16);
        cencIv = new byte[16];
        cbcsIv = bytes(random, 16);
        buffer = bytes(random, BATCH_BYTES);
        samples = BATCH_BYTES / sampleSize;
        sampleCounter = random.nextLong();
    }

    /** {@code cenc}: AES-CTR over each whole sample, a new per-sample IV every time. */
    @Benchmark
    @OperationsPerInvocation(KB_PER_BATCH)
    public void cencCtr(Blackhole bh) {
        byte[] data = buffer;
        for (int s = 0, off = 0; s < samples; s++, off += sampleSize) {
            nextCencIv();
            aes.ctr(key, cencIv, data, off, sampleSize);
        }
        bh.consume(data);
    }

    /** {@code cbcs} 1:9 pattern (video): 1 block in 10 encrypted, chain restarted per sample. */
    @Benchmark
    @OperationsPerInvocation(KB_PER_BATCH)
    public void cbcsPattern1to9(Blackhole bh) {
        byte[] data = buffer;
        for (int s = 0, off = 0; s < samples; s++, off += sampleSize) {
            aes.cbcsPattern(key, cbcsIv, data, off, sampleSize, 1, 9, true);
        }
        bh.consume(data);
    }

    /** {@code cbcs} without a pattern (0:0, as for audio): CBC over every whole block. */
    @Benchmark
    @OperationsPerInvocation(KB_PER_BATCH)
    public void cbcsFull(Blackhole bh) {
        byte[] data = buffer;
        for (int s = 0, off = 0; s < samples; s++, off += sampleSize) {
            aes.cbcsPattern(key, cbcsIv, data, off, sampleSize, 0, 0, true);
        }
        bh.consume(data);
    }

    /** The next 8-byte {@code cenc} IV (big-endian sample counter) followed by 8 zero bytes. */
    private void nextCencIv() {
        long v = ++sampleCounter;
        for (int i = 7; i >= 0; i--) {
            cencIv[i] = (byte) v;
            v >>>= 8;
        }
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
