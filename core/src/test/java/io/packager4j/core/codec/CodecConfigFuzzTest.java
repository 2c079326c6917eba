package io.packager4j.core.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packager4j.PackagingException;
import io.packager4j.testkit.FuzzOracle;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Fuzzes the decoder configuration parsers as the sample entry parser uses them: the record, then
 * the first SPS it holds (picture size, aspect ratio) and the codecs string; every parameter set
 * too, as the cbcs slice header parser reads all of them.
 *
 * <p>One target for all configurations: the first input byte chooses the parser (its value modulo
 * {@link Kind} count), the rest is the box payload. One target keeps the long run to ten minutes
 * for all of them, and coverage feedback steers the fuzzer between them. Seeds:
 * {@code CodecConfigFuzzTestInputs/decoderConfig/}, one per kind, made by
 * {@code scripts/fuzz-seeds.sh}.
 */
class CodecConfigFuzzTest {

    /** The parser an input goes to; the ordinal is the selector byte of the seeds, never reorder. */
    enum Kind { AVCC, HVCC, ESDS, DOPS, DAC3, DEC3, AVC_SPS, AVC_PPS, HEVC_SPS, HEVC_PPS }

    @FuzzTest(maxDuration = "30s")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void decoderConfig(byte[] data) {
        if (data.length == 0) {
            return;
        }
        Kind kind = Kind.values()[(data[0] & 0xFF) % Kind.values().length];
        byte[] payload = Arrays.copyOfRange(data, 1, data.length);
        FuzzOracle.check(PackagingException.class, () -> parse(kind, payload));
    }

    static void parse(Kind kind, byte[] payload) throws PackagingException {
        switch (kind) {
            case AVCC -> {
                AvcDecoderConfig avcC = AvcDecoderConfig.parse(payload);
                CodecStrings.avc("avc1", avcC);
                avcC.highProfileExtension();
                for (byte[] sps : avcC.sps()) {
                    AvcSps parsed = AvcSps.parse(sps);
                    parsed.sampleAspectRatio();
                }
                for (byte[] pps : avcC.pps()) {
                    AvcPps.parse(pps);
                }
            }
            case HVCC -> {
                HevcDecoderConfig hvcC = HevcDecoderConfig.parse(payload);
                CodecStrings.hevc("hvc1", hvcC);
                for (byte[] sps : hvcC.sps()) {
                    HevcSps.parse(sps).sampleAspectRatio();
                }
                for (HevcDecoderConfig.NalArray array : hvcC.arrays()) {
                    if (array.nalUnitType() == HevcDecoderConfig.NAL_PPS) {
                        for (byte[] pps : array.nalUnits()) {
                            HevcPps.parse(pps);
                        }
                    }
                }
            }
            case ESDS -> {
                EsDescriptor esds = EsDescriptor.parse(payload);
                CodecStrings.aac(esds);
                esds.audioSpecificConfig().ifPresent(asc -> {
                    asc.channelConfiguration();
                    asc.samplingFrequency();
                });
            }
            case DOPS -> OpusConfig.parse(payload).outputChannelCount();
            case DAC3 -> Ac3Config.parse(payload).channelCount();
            case DEC3 -> Eac3Config.parse(payload).channelCount();
            case AVC_SPS -> AvcSps.parse(payload).sampleAspectRatio();
            case AVC_PPS -> AvcPps.parse(payload);
            case HEVC_SPS -> HevcSps.parse(payload).sampleAspectRatio();
            case HEVC_PPS -> HevcPps.parse(payload);
        }
    }
}
