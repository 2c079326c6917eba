package io.packager4j.core.codec;

import io.packager4j.PackagingException;
import io.packager4j.core.codec.CodecTestSupport.ConfigBox;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.packager4j.core.codec.CodecTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Crafted and mutated input: every parser must either succeed or throw a
 * {@link PackagingException}, never another exception, never run away. A small deterministic
 * fuzzer (truncations, byte and bit mutations, random and constant bytes) over valid seeds,
 * plus exact messages for the classic attacks (huge lengths, runaway Exp-Golomb codes).
 */
class MalformedInputTest {

    @FunctionalInterface
    interface Parser {
        void parse(byte[] input) throws PackagingException;
    }

    private static final Map<String, Parser> PARSERS = new LinkedHashMap<>();

    static {
        PARSERS.put("avcC", AvcDecoderConfig::parse);
        PARSERS.put("hvcC", HevcDecoderConfig::parse);
        PARSERS.put("AVC SPS", AvcSps::parse);
        PARSERS.put("AVC PPS", AvcPps::parse);
        PARSERS.put("HEVC SPS", HevcSps::parse);
        PARSERS.put("HEVC PPS", HevcPps::parse);
        PARSERS.put("esds", EsDescriptor::parse);
        PARSERS.put("AudioSpecificConfig", AudioSpecificConfig::parse);
        PARSERS.put("dOps", OpusConfig::parse);
        PARSERS.put("dac3", Ac3Config::parse);
        PARSERS.put("dec3", Eac3Config::parse);
    }

    /** Valid inputs per parser, from real files and from the hand-made parameter sets of the other tests. */
    private static Map<String, List<byte[]>> seeds() {
        Map<String, List<byte[]>> seeds = new LinkedHashMap<>();
        PARSERS.keySet().forEach(k -> seeds.put(k, new ArrayList<>()));
        byte[] avcC = hex("0164000dffe100196764000dacd94141fb0e1000000300100000030300f142996001000568ebecb22cfdf8f800");
        seeds.get("avcC").add(avcC);
        seeds.get("avcC").add(hex("0164001fffe1001a2764001fac521808021eebff000100016a0202036d856bdef80801000528f94b098b"));
        seeds.get("AVC SPS").add(hex("6764000dacd94141fb0e1000000300100000030300f1429960"));
        seeds.get("AVC PPS").add(hex("68ebecb22c"));
        byte[] vps = BitWriter.escape(HevcParameterSetsTest.craftedVps());
        byte[] sps = BitWriter.escape(HevcParameterSetsTest.craftedSps());
        byte[] pps = BitWriter.escape(HevcParameterSetsTest.craftedPps());
        seeds.get("HEVC SPS").add(sps);
        seeds.get("HEVC SPS").add(hex("420101016000000300900000030000030078a00502016965959a4932bc05a80808082000000300200000030321"));
        seeds.get("HEVC PPS").add(pps);
        seeds.get("HEVC PPS").add(hex("4401c172b46240"));
        seeds.get("hvcC").add(hvcC(vps, sps, pps));
        seeds.get("esds").add(hex("0000000003808080250002000480808017401500000000017aad00017aad0580808005121056e500068080800102"));
        seeds.get("esds").add(hex("000000000319000000041140150000e80000d7200000be7005021190060102"));
        seeds.get("AudioSpecificConfig").add(hex("121056e500"));
        seeds.get("AudioSpecificConfig").add(hex("eb098800"));
        seeds.get("AudioSpecificConfig").add(hex("2b118800"));
        seeds.get("dOps").add(hex("000601380000bb800000010402000401020305"));
        seeds.get("dac3").add(hex("103de0"));
        seeds.get("dec3").add(hex("0600600400"));
        seeds.get("dec3").add(new BitWriter().bits(768, 13).bits(0, 3)
                .bits(0, 2).bits(16, 5).bit(0).flag(false).bits(0, 3).bits(7, 3).flag(true).bits(0, 3).bits(1, 4)
                .bits(0b000000010, 9).bits(0, 7).flag(true).bits(16, 8).toBytes());
        addSharedFileSeeds(seeds);
        return seeds;
    }

    private static void addSharedFileSeeds(Map<String, List<byte[]>> seeds) {
        // Optional: the real x265 hvcC (with its 2 KB SEI) when ../shared is there; never skips the test.
        String dirProperty = System.getProperty("packager4j.shared.dir");
        if (dirProperty == null) {
            return;
        }
        Path file = Path.of(dirProperty, "testdata", "mp4ff", "nal_hevc.mp4");
        if (Files.isRegularFile(file)) {
            for (ConfigBox box : CodecTestSupport.configBoxes(CodecTestSupport.read(file))) {
                seeds.get(box.type()).add(box.payload());
            }
        }
    }

    private static byte[] hvcC(byte[]... nals) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        o.writeBytes(hex("01 21 60000000 900000000000 7b f000 fc fd fa fa 0000 0f"));
        o.write(nals.length);
        int[] types = {HevcDecoderConfig.NAL_VPS, HevcDecoderConfig.NAL_SPS, HevcDecoderConfig.NAL_PPS};
        for (int i = 0; i < nals.length; i++) {
            o.write(0x80 | types[i]);
            o.write(0);
            o.write(1);
            o.write(nals[i].length >> 8);
            o.write(nals[i].length & 0xFF);
            o.writeBytes(nals[i]);
        }
        return o.toByteArray();
    }

    @Test
    void seedsAreValid() throws PackagingException {
        for (Map.Entry<String, List<byte[]>> e : seeds().entrySet()) {
            assertTrue(!e.getValue().isEmpty(), "no seed for " + e.getKey());
            for (byte[] seed : e.getValue()) {
                PARSERS.get(e.getKey()).parse(seed);
            }
        }
    }

    @Test
    void mutatedInputOnlyEverThrowsPackagingException() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Random random = new Random(20240611L);
            int runs = 0;
            for (Map.Entry<String, List<byte[]>> e : seeds().entrySet()) {
                Parser parser = PARSERS.get(e.getKey());
                for (byte[] seed : e.getValue()) {
                    for (int len = 0; len < seed.length; len++) {
                        runs += check(e.getKey(), parser, Arrays.copyOf(seed, len));
                    }
                    for (int i = 0; i < Math.min(seed.length, 400); i++) {
                        for (int value : new int[] {0x00, 0xFF, 0x80, 0x7F}) {
                            byte[] m = seed.clone();
                            m[i] = (byte) value;
                            runs += check(e.getKey(), parser, m);
                        }
                    }
                    for (int k = 0; k < 300; k++) {
                        byte[] m = seed.clone();
                        int flips = 1 + random.nextInt(4);
                        for (int f = 0; f < flips; f++) {
                            int bit = random.nextInt(seed.length * 8);
                            m[bit >> 3] ^= (byte) (0x80 >>> (bit & 7));
                        }
                        runs += check(e.getKey(), parser, m);
                    }
                }
            }
            assertTrue(runs > 10_000, "ran " + runs);
        });
    }

    @Test
    void randomAndConstantBytesOnlyEverThrowPackagingException() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Random random = new Random(42);
            for (Map.Entry<String, Parser> e : PARSERS.entrySet()) {
                for (int len = 0; len <= 80; len++) {
                    for (int value : new int[] {0x00, 0xFF, 0x80, 0x01}) {
                        byte[] constant = new byte[len];
                        Arrays.fill(constant, (byte) value);
                        check(e.getKey(), e.getValue(), constant);
                        // The right NAL header, so that parameter set parsers get past it.
                        check(e.getKey(), e.getValue(), withHeader(e.getKey(), constant));
                    }
                }
                for (int k = 0; k < 500; k++) {
                    byte[] r = new byte[random.nextInt(120)];
                    random.nextBytes(r);
                    check(e.getKey(), e.getValue(), r);
                    check(e.getKey(), e.getValue(), withHeader(e.getKey(), r));
                }
            }
        });
    }

    private static byte[] withHeader(String parser, byte[] body) {
        byte[] header = switch (parser) {
            case "AVC SPS" -> hex("67");
            case "AVC PPS" -> hex("68");
            case "HEVC SPS" -> hex("4201");
            case "HEVC PPS" -> hex("4401");
            case "avcC" -> hex("01 64 00 1f ff e1");
            case "hvcC" -> hex("01");
            case "esds" -> hex("00000000 03");
            default -> new byte[0];
        };
        byte[] out = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, out, header.length, body.length);
        return out;
    }

    private static int check(String name, Parser parser, byte[] input) {
        try {
            parser.parse(input);
        } catch (PackagingException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                fail(name + " threw a PackagingException without a message for " + HexFormat.of().formatHex(input));
            }
        } catch (Throwable t) {
            throw new AssertionError(name + " threw " + t + " instead of a PackagingException for input "
                    + HexFormat.of().formatHex(input), t);
        }
        return 1;
    }

    // ---------------------------------------------------------------------------------------------
    // The classic attacks, with the messages users will see

    @Test
    void hugeParameterSetLengthInAvcC() {
        byte[] avcC = hex("0164001fffe1 ffff 6764001f" + "00".repeat(32));
        PackagingException e = assertThrows(PackagingException.class, () -> AvcDecoderConfig.parse(avcC));
        assertEquals("avcC: SPS length 65535 at offset 6 exceeds the 36 byte(s) left in the record", e.getMessage());
    }

    @Test
    void hugeNalUnitLengthInHvcC() {
        byte[] hvcC = hex("01 01 60000000 900000000000 5d f000 fc fd f8 f8 0000 0f 01 a1 0001 fff0 4201");
        PackagingException e = assertThrows(PackagingException.class, () -> HevcDecoderConfig.parse(hvcC));
        assertEquals("hvcC: NAL unit length 65520 at offset 26 (array 0, type 33) exceeds the 2 byte(s) left in the "
                + "record", e.getMessage());
    }

    @Test
    void manyNalUnitsDeclaredButFewPresent() {
        // numNalus 65535 must not allocate 65535 entries up front, and must fail on the first missing one.
        byte[] hvcC = hex("01 01 60000000 900000000000 5d f000 fc fd f8 f8 0000 0f 01 a1 ffff 0002 4201");
        PackagingException e = assertThrows(PackagingException.class, () -> HevcDecoderConfig.parse(hvcC));
        assertTrue(e.getMessage().startsWith("hvcC: array 0 NAL unit 1 length needs 2 byte(s) at offset 30"),
                e.getMessage());
    }

    @Test
    void threeByteNalLengthsAreRefused() {
        PackagingException e = assertThrows(PackagingException.class,
                () -> AvcDecoderConfig.parse(hex("01 64 00 1f fe e0 00")));
        assertEquals("avcC: lengthSizeMinusOne 2 (3-byte NAL unit lengths) is not allowed; expected 0, 1 or 3",
                e.getMessage());
    }

    @Test
    void runawayExpGolombInSps() {
        PackagingException e = assertThrows(PackagingException.class,
                () -> AvcSps.parse(hex("67 64 00 1f 00 00 00 00 80")));
        assertEquals("H.264 SPS: Exp-Golomb code for seq_parameter_set_id at bit 32 has more than 31 leading zero "
                + "bits", e.getMessage());
    }

    @Test
    void allOnesSpsIsRejected() {
        PackagingException e = assertThrows(PackagingException.class, () -> AvcSps.parse(hex("67 ff ff ff ff ff")));
        assertTrue(e.getMessage().startsWith("H.264 SPS: "), e.getMessage());
        e = assertThrows(PackagingException.class, () -> HevcSps.parse(hex("4201 ffffffffffffffffffffffff")));
        assertTrue(e.getMessage().startsWith("H.265 SPS: "), e.getMessage());
    }

    @Test
    void croppingLargerThanThePictureIsRejected() {
        byte[] sps = new BitWriter().bits(0x67, 8).bits(66, 8).bits(0, 8).bits(30, 8).ue(0).ue(0).ue(2)
                .ue(1).flag(false).ue(0).ue(0).flag(true).flag(true) // 16x16
                .flag(true).ue(0).ue(8).ue(0).ue(0).flag(false).trailingBits().toBytes();
        PackagingException e = assertThrows(PackagingException.class, () -> AvcSps.parse(BitWriter.escape(sps)));
        assertEquals("H.264 SPS: frame cropping (left 0, right 8, top 0, bottom 0) leaves no picture of the coded "
                + "16x16", e.getMessage());
    }

    @Test
    void wrongNalUnitTypes() {
        PackagingException e = assertThrows(PackagingException.class, () -> AvcSps.parse(hex("68 ce 38 80")));
        assertEquals("H.264 SPS: NAL unit type 8 is not a sequence parameter set (7)", e.getMessage());
        e = assertThrows(PackagingException.class, () -> HevcPps.parse(hex("4201 01")));
        assertEquals("H.265 PPS: NAL unit type 33 is not a picture parameter set (34)", e.getMessage());
        e = assertThrows(PackagingException.class, () -> HevcSps.parse(hex("4209 01")));
        assertEquals("H.265 SPS: SPS of layer 1 is not supported (only the base layer, nuh_layer_id 0)",
                e.getMessage());
    }

    @Test
    void tooManyReferencePicturesInAPredictedSet() {
        // 16 pictures in set 0, then set 1 predicted from it keeping all 16 and adding the reference itself.
        BitWriter w = new BitWriter().ue(16).ue(0);
        for (int i = 0; i < 16; i++) {
            w.ue(0).flag(true);
        }
        w.flag(true).flag(true).ue(99); // deltaRps -100: every picture stays negative
        for (int j = 0; j <= 16; j++) {
            w.flag(true);
        }
        BitReader r = new BitReader(w.trailingBits().toBytes(), "H.265 SPS");
        List<HevcShortTermRefPicSet> sets = new ArrayList<>();
        PackagingException e = assertThrows(PackagingException.class, () -> {
            sets.add(HevcShortTermRefPicSet.parseInSps(r, sets));
            sets.add(HevcShortTermRefPicSet.parseInSps(r, sets));
        });
        assertEquals("H.265 SPS: short-term reference picture set 1 predicts 17 pictures, more than the 16 a DPB "
                + "can hold", e.getMessage());
    }
}
