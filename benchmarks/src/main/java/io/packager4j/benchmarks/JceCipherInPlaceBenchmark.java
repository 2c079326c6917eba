package io.packager4j.benchmarks;

import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
 * The raw JDK {@link Cipher}, without packager4j, processing samples in place ({@code
 * update(data, off, len, data, off)}, as {@code JceAesEngine} does) or through a reusable scratch
 * output array copied back with {@link System#arraycopy}. SunJCE copies its input into a new array
 * whenever input and output ranges of the same array overlap, so in-place processing allocates
 * about one byte per byte; run with {@code -prof gc} to see it. Same unit as {@link
 * AesEngineBenchmark}: {@code ops/ms} is MB/s of sample bytes (600,000-byte batches). See
 * BENCHMARKS.md, "Suggested improvement for JceAesEngine".
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar JceCipherInPlaceBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 4, time = 2, timeUnit = TimeUnit.SECONDS)
public class JceCipherInPlaceBenchmark {

    private static final int BATCH_BYTES = 600_000;
    private static final int KB_PER_BATCH = BATCH_BYTES / 1000;
    private static final int BLOCK = 16;

    /** Bytes per sample; must divide 600,000. */
    @Param({"300", "50000", "200000"})
    public int sampleSize;

    private Cipher ctr;
    private Cipher cbc;
    private SecretKeySpec key;
    private final byte[] ctrIv = new byte[BLOCK];
    private final byte[] cbcIv = new byte[BLOCK];
    private final byte[] scratch = new byte[16 * 1024];
    private byte[] buffer;
    private long sampleCounter;

    @Setup
    public void setUp() throws GeneralSecurityException {
        if (BATCH_BYTES % sampleSize != 0) {
            throw new IllegalArgumentException("sampleSize must divide " + BATCH_BYTES);
        }
        SplittableRandom random = new SplittableRandom(0x5eed);
        byte[] k = new byte[BLOCK];
        random.nextBytes(k);
        random.nextBytes(cbcIv);
        key = new SecretKeySpec(k, "AES");
        buffer = new byte[BATCH_BYTES];
        random.nextBytes(buffer);
        ctr = Cipher.getInstance("AES/CTR/NoPadding");
        cbc = Cipher.getInstance("AES/CBC/NoPadding");
    }

    /** CTR per sample, {@code update} in place. */
    @Benchmark
    @OperationsPerInvocation(KB_PER_BATCH)
    public void ctrInPlace(Blackhole bh) throws GeneralSecurityException {
        for (int off = 0; off < BATCH_BYTES; off += sampleSize) {
            initCtr();
            ctr.update(buffer, off, sampleSize, buffer, off);
        }
        bh.consume(buffer);
    }

    /** CTR per sample, {@code update} into the scratch array and copied back. */
    @Benchmark
    @OperationsPerInvocation(KB_PER_BATCH)
    public void ctrViaScratch(Blackhole bh) throws GeneralSecurityException {
        for (int off = 0; off < BATCH_BYTES; off += sampleSize) {
            initCtr();
            viaScratch(ctr, off, sampleSize);
        }
        bh.consume(buffer);
    }

    /** CBC {@code cbcs} 1:9 pattern per sample, one {@code update} per encrypted block in place. */
    @Benchmark
    @OperationsPerInvocation(KB_PER_BATCH)
    public void cbcPatternInPlace(Blackhole bh) throws GeneralSecurityException {
        int blocks = sampleSize / BLOCK;
        for (int off = 0; off < BATCH_BYTES; off += sampleSize) {
            cbc.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(cbcIv));
            for (int b = 0; b < blocks; b += 10) {
                int p = off + b * BLOCK;
                cbc.update(buffer, p, BLOCK, buffer, p);
            }
        }
        bh.consume(buffer);
    }

    /** CBC {@code cbcs} 1:9 pattern per sample, each encrypted block via the scratch array. */
    @Benchmark
    @OperationsPerInvocation(KB_PER_BATCH)
    public void cbcPatternViaScratch(Blackhole bh) throws GeneralSecurityException {
        int blocks = sampleSize / BLOCK;
        for (int off = 0; off < BATCH_BYTES; off += sampleSize) {
            cbc.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(cbcIv));
            for (int b = 0; b < blocks; b += 10) {
                viaScratch(cbc, off + b * BLOCK, BLOCK);
            }
        }
        bh.consume(buffer);
    }

    /** Full CBC over each sample's whole blocks, in place. */
    @Benchmark
    @OperationsPerInvocation(KB_PER_BATCH)
    public void cbcFullInPlace(Blackhole bh) throws GeneralSecurityException {
        int len = sampleSize & ~(BLOCK - 1);
        for (int off = 0; off < BATCH_BYTES; off += sampleSize) {
            cbc.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(cbcIv));
            cbc.update(buffer, off, len, buffer, off);
        }
        bh.consume(buffer);
    }

    /** Full CBC over each sample's whole blocks, via the scratch array. */
    @Benchmark
    @OperationsPerInvocation(KB_PER_BATCH)
    public void cbcFullViaScratch(Blackhole bh) throws GeneralSecurityException {
        int len = sampleSize & ~(BLOCK - 1);
        for (int off = 0; off < BATCH_BYTES; off += sampleSize) {
            cbc.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(cbcIv));
            viaScratch(cbc, off, len);
        }
        bh.consume(buffer);
    }

    /** Only the per-sample CTR re-initialisation (one op = one init; not MB/s). */
    @Benchmark
    public Cipher ctrInitOnly() throws GeneralSecurityException {
        initCtr();
        return ctr;
    }

    private void initCtr() throws GeneralSecurityException {
        long v = ++sampleCounter;
        for (int i = 7; i >= 0; i--) {
            ctrIv[i] = (byte) v;
            v >>>= 8;
        }
        ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(ctrIv));
    }

    private void viaScratch(Cipher cipher, int off, int len) throws GeneralSecurityException {
        int end = off + len;
        while (off < end) {
            int n = Math.min(scratch.length, end - off);
            cipher.update(buffer, off, n, scratch, 0);
            System.arraycopy(scratch, 0, buffer, off, n);
            off += n;
        }
    }
}
