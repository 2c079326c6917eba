package io.packager4j.crypto.subsample;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packager4j.PackagingException;
import io.packager4j.core.media.Codec;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.Rational;
import io.packager4j.core.media.TrackFormat;
import io.packager4j.testkit.FuzzOracle;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Fuzzes the NAL unit walk and the H.264 / HEVC slice header parsers through
 * {@link SubsampleMappers}: a decoder configuration (whose parameter sets the cbcs slice header
 * parser starts from) and a sample, mapped twice (the mapper keeps parameter sets sent in band).
 *
 * <p>Input layout: one selector byte (bit 0: cbcs instead of cenc; bit 1: HEVC instead of AVC;
 * bits 2-3: NAL length size 1, 2, 4 or the invalid 3), a 2-byte big-endian configuration length,
 * the avcC / hvcC payload, then the sample. Seeds: {@code SubsampleMapperFuzzTestInputs/mapSamples/},
 * the first samples of the seed clips, made by {@code scripts/fuzz_seeds.py}.
 *
 * <p>Besides the oracle's rule on exceptions, a map that is returned must cover the sample exactly,
 * as {@link SubsampleMapper#map} promises: a wrong map would corrupt the encrypted output.
 */
class SubsampleMapperFuzzTest {

    private static final int[] LENGTH_SIZES = {1, 2, 4, 3};

    @FuzzTest(maxDuration = "30s")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void mapSamples(byte[] data) {
        if (data.length < 3) {
            return;
        }
        int selector = data[0] & 0xFF;
        ProtectionScheme scheme = (selector & 1) != 0 ? ProtectionScheme.CBCS : ProtectionScheme.CENC;
        boolean hevc = (selector & 2) != 0;
        int lengthSize = LENGTH_SIZES[(selector >> 2) & 3];
        int configLength = Math.min(((data[1] & 0xFF) << 8) | (data[2] & 0xFF), data.length - 3);
        byte[] config = Arrays.copyOfRange(data, 3, 3 + configLength);
        int sampleStart = 3 + configLength;
        TrackFormat format = hevc
                ? new TrackFormat(Codec.HEVC, "hvc1", new byte[0], "hvc1", 64, 48, Rational.of(1, 1), 0, 0,
                        lengthSize, config)
                : new TrackFormat(Codec.AVC, "avc1", new byte[0], "avc1", 64, 48, Rational.of(1, 1), 0, 0,
                        lengthSize, config);
        FuzzOracle.check(PackagingException.class, () -> {
            SubsampleMapper mapper = SubsampleMappers.forTrack(format, scheme);
            Subsamples out = new Subsamples();
            for (int pass = 0; pass < 2; pass++) {
                // At an offset inside a larger buffer, as the segment writer hands samples over.
                mapper.map(data, sampleStart, data.length - sampleStart, out);
                if (out.totalBytes() != data.length - sampleStart) {
                    throw new AssertionError("the map " + out + " covers " + out.totalBytes()
                            + " bytes of a " + (data.length - sampleStart) + "-byte sample");
                }
            }
        });
    }
}
