package io.packager4j.core.codec;

import io.packager4j.PackagingException;
import io.packager4j.core.codec.CodecTestSupport.ConfigBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.packager4j.core.codec.CodecTestSupport.configBox;
import static io.packager4j.core.codec.CodecTestSupport.configBoxes;
import static io.packager4j.core.codec.CodecTestSupport.ffprobeStream;
import static io.packager4j.core.codec.CodecTestSupport.hex;
import static io.packager4j.core.codec.CodecTestSupport.read;
import static io.packager4j.core.codec.CodecTestSupport.sharedMp4ff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 6381 codec strings for the sample entries of real MP4 files (the mp4ff test files in
 * {@code ../shared}), cross-checked with ffprobe's profile and level, and for hand-made records
 * that exercise every rule of ISO/IEC 14496-15 Annex E.
 */
class CodecStringsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "bbb_prog_10s.mp4, avc1.64000d, High",
            "nal_h264.mp4,     avc1.64002a, High",
            "prog_8s.mp4,      avc1.64001e, High",
            // encrypted (encv), and its avcC ends right after the PPS: no High profile tail
            "cbcs.mp4,         encv.64001f, High",
    })
    void avcFiles(String name, String expected, String ffprobeProfile) throws PackagingException {
        Path file = sharedMp4ff(name);
        ConfigBox box = configBox(read(file), "avcC");
        AvcDecoderConfig avcC = AvcDecoderConfig.parse(box.payload());
        assertEquals(expected, CodecStrings.avc(box.sampleEntryType(), avcC));
        Map<String, String> probe = ffprobeStream(file, "v");
        assertEquals(ffprobeProfile, probe.get("profile"));
        assertEquals(Integer.parseInt(probe.get("level")), avcC.level());
        AvcSps sps = AvcSps.parse(avcC.sps().get(0));
        assertEquals(Integer.parseInt(probe.get("width")), sps.width());
        assertEquals(Integer.parseInt(probe.get("height")), sps.height());
        if (name.equals("cbcs.mp4")) {
            assertTrue(avcC.highProfileExtension().isEmpty());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "nal_hevc.mp4, hev1.1.6.L123.90",
            "ed_hevc.mp4,  hvc1.1.6.L120.90",
    })
    void hevcFiles(String name, String expected) throws PackagingException {
        Path file = sharedMp4ff(name);
        ConfigBox box = configBox(read(file), "hvcC");
        HevcDecoderConfig hvcC = HevcDecoderConfig.parse(box.payload());
        assertEquals(expected, CodecStrings.hevc(box.sampleEntryType(), hvcC));
        Map<String, String> probe = ffprobeStream(file, "v");
        assertEquals("Main", probe.get("profile"));
        assertEquals(Integer.parseInt(probe.get("level")), hvcC.generalLevelIdc());
        HevcSps sps = HevcSps.parse(hvcC.sps().get(0));
        assertEquals(Integer.parseInt(probe.get("width")), sps.width());
        assertEquals(Integer.parseInt(probe.get("height")), sps.height());
        assertEquals(probe.get("sample_aspect_ratio"), sps.sampleAspectRatio().orElseThrow().toRatioString());
        // x265 also stores its options in a prefix SEI array of the record
        assertEquals(1, hvcC.nalUnits(HevcDecoderConfig.NAL_PREFIX_SEI).size());
        HevcPps.parse(hvcC.pps().get(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "bbb_prog_10s.mp4,      mp4a.40.2",
            "bbb5s_aac_sidx.mp4,    mp4a.40.2",
            "ed_hevc.mp4,           mp4a.40.2",
            "cbcs_audio.mp4,        mp4a.40.2",
    })
    void aacFiles(String name, String expected) throws PackagingException {
        Path file = sharedMp4ff(name);
        EsDescriptor esds = EsDescriptor.parse(configBox(read(file), "esds").payload());
        assertEquals(expected, CodecStrings.aac(esds));
        Map<String, String> probe = ffprobeStream(file, "a");
        AudioSpecificConfig asc = esds.audioSpecificConfig().orElseThrow();
        assertEquals("LC", probe.get("profile"));
        assertEquals(Integer.parseInt(probe.get("sample_rate")), asc.samplingFrequency());
        assertEquals(Integer.parseInt(probe.get("channels")), asc.channelCount());
    }

    @Test
    void everyConfigOfEverySharedFileParses() throws PackagingException {
        for (String name : List.of("bbb5s_aac_sidx.mp4", "bbb_prog_10s.mp4", "cbcs.mp4", "cbcs_audio.mp4",
                "cbcs_audiodec.mp4", "cbcsdec.mp4", "ed_hevc.mp4", "nal_h264.mp4", "nal_hevc.mp4", "opus.mp4",
                "prog_8s.mp4", "prog_8s_dec_dashinit.mp4", "prog_8s_enc_dashinit.mp4")) {
            for (ConfigBox box : configBoxes(read(sharedMp4ff(name)))) {
                switch (box.type()) {
                    case "avcC" -> {
                        AvcDecoderConfig c = AvcDecoderConfig.parse(box.payload());
                        c.sps().forEach(CodecStringsTest::parseAvcSps);
                        for (byte[] pps : c.pps()) {
                            AvcPps.parse(pps);
                        }
                    }
                    case "hvcC" -> {
                        HevcDecoderConfig c = HevcDecoderConfig.parse(box.payload());
                        for (byte[] sps : c.sps()) {
                            HevcSps.parse(sps);
                        }
                        for (byte[] pps : c.pps()) {
                            HevcPps.parse(pps);
                        }
                    }
                    case "esds" -> EsDescriptor.parse(box.payload());
                    case "dOps" -> OpusConfig.parse(box.payload());
                    default -> throw new AssertionError("unexpected " + box.type() + " in " + name);
                }
            }
        }
    }

    private static void parseAvcSps(byte[] nal) {
        try {
            AvcSps.parse(nal);
        } catch (PackagingException e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Annex E rules on hand-made hvcC records

    /** An hvcC with the given general fields and no arrays. */
    private static HevcDecoderConfig hvcC(int profileSpace, boolean highTier, int profileIdc, long compat,
                                          String constraints, int level) throws PackagingException {
        byte[] header = new BitWriter().bits(1, 8).bits(profileSpace, 2).flag(highTier).bits(profileIdc, 5)
                .bits(compat, 32).toBytes();
        byte[] tail = hex(constraints + String.format("%02x", level) + "f000 fc fd f8 f8 0000 0f 00");
        byte[] out = new byte[header.length + tail.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(tail, 0, out, header.length, tail.length);
        return HevcDecoderConfig.parse(out);
    }

    @Test
    void hevcAnnexEExamples() throws PackagingException {
        // The examples of ISO/IEC 14496-15 E.5
        assertEquals("hvc1.1.6.L93.B0", CodecStrings.hevc("hvc1", hvcC(0, false, 1, 0x60000000L, "b00000000000", 93)));
        assertEquals("hev1.2.4.L93.B0", CodecStrings.hevc("hev1", hvcC(0, false, 2, 0x20000000L, "b00000000000", 93)));
        assertEquals("hev1.3.E.L93.B0", CodecStrings.hevc("hev1", hvcC(0, false, 3, 0x70000000L, "b00000000000", 93)));
        assertEquals("hvc1.A4.10.H120.9D.8",
                CodecStrings.hevc("hvc1", hvcC(1, true, 4, 0x08000000L, "9d0800000000", 120)));
        // Zero bytes inside are kept, trailing ones dropped, all-zero constraints leave nothing
        assertEquals("hvc1.C1.6.L186.B0.0.0.1",
                CodecStrings.hevc("hvc1", hvcC(3, false, 1, 0x60000000L, "b00000010000", 186)));
        assertEquals("hvc1.1.0.L30", CodecStrings.hevc("hvc1", hvcC(0, false, 1, 0, "000000000000", 30)));
        assertEquals("hvc1.1.FFFFFFFF.L30",
                CodecStrings.hevc("hvc1", hvcC(0, false, 1, 0xFFFFFFFFL, "000000000000", 30)));
    }

    @Test
    void avcUsesLowercaseHex() throws PackagingException {
        AvcDecoderConfig c = AvcDecoderConfig.parse(hex("01 4d 40 1f ff e0 00"));
        assertEquals("avc3.4d401f", CodecStrings.avc("avc3", c));
        assertEquals(List.of(), c.sps());
        assertEquals(List.of(), c.pps());
    }

    @Test
    void fixedStrings() {
        assertEquals("ac-3", CodecStrings.ac3());
        assertEquals("ec-3", CodecStrings.eac3());
        assertEquals("opus", CodecStrings.opus());
    }
}
