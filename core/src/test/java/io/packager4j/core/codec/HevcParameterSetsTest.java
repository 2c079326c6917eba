package io.packager4j.core.codec;

import io.packager4j.PackagingException;
import io.packager4j.core.codec.CodecTestSupport.TraceSection;
import io.packager4j.core.media.Rational;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static io.packager4j.core.codec.CodecTestSupport.annexB;
import static io.packager4j.core.codec.CodecTestSupport.annexBNalUnits;
import static io.packager4j.core.codec.CodecTestSupport.configBox;
import static io.packager4j.core.codec.CodecTestSupport.ffmpeg;
import static io.packager4j.core.codec.CodecTestSupport.ffprobeStream;
import static io.packager4j.core.codec.CodecTestSupport.firstNal;
import static io.packager4j.core.codec.CodecTestSupport.read;
import static io.packager4j.core.codec.CodecTestSupport.section;
import static io.packager4j.core.codec.CodecTestSupport.traceHeaders;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link HevcSps}, {@link HevcPps} and {@link HevcDecoderConfig} against streams that libx265
 * writes with known properties, checked against ffprobe and, field by field, against ffmpeg's own
 * parameter set parser (the {@code trace_headers} bitstream filter); plus a hand-made SPS and PPS
 * with the syntax x265 never writes (predicted reference picture sets, sub-layers, HRD, tiles).
 */
class HevcParameterSetsTest {

    @TempDir
    static Path dir;

    private static Path scalingListFile;

    /** An x265 encoding recipe and the sample aspect ratio it asks for (null: none). */
    record Variant(String name, String size, String pixFmt, Rational sar, String x265Params) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void writeScalingListFile() throws IOException {
        // x265 reads HM-style scaling list files; distinct values make it code every list explicitly.
        StringBuilder sb = new StringBuilder();
        String[] sizes = {"4X4", "8X8", "16X16", "32X32"};
        for (int s = 0; s < sizes.length; s++) {
            int n = s == 0 ? 16 : 64;
            for (String mode : new String[] {"INTRA", "INTER"}) {
                for (String comp : new String[] {"LUMA", "CHROMAU", "CHROMAV"}) {
                    String name = mode + sizes[s] + "_" + comp;
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        values.add(Integer.toString(16 + Math.floorMod(i * 7 + name.hashCode(), 20)));
                    }
                    sb.append(name).append(" =\n").append(String.join(",", values)).append("\n\n");
                    if (s >= 2) {
                        sb.append(name).append("_DC =\n").append(17 + name.length() % 5).append("\n\n");
                    }
                }
            }
        }
        scalingListFile = dir.resolve("scaling-list.txt");
        Files.writeString(scalingListFile, sb.toString());
    }

    static Stream<Variant> variants() {
        return Stream.of(
                // Width 426 is not a multiple of the minimum coding block: a conformance window crops it.
                new Variant("main-426x240-sar4:3", "426x240", "yuv420p", Rational.of(4, 3), ""),
                // 4:2:2 10-bit: crop unit 2x1, Extended_SAR.
                new Variant("main422-10-200x120-sar5:7", "200x120", "yuv422p10le", Rational.of(5, 7), ""),
                // 4:4:4 with a temporal sub-layer (profile_tier_level and ordering info for 2 layers) and NAL HRD.
                new Variant("main444-sublayers-hrd", "426x240", "yuv444p", null,
                        "temporal-layers=1:hrd=1:vbv-maxrate=1000:vbv-bufsize=2000"),
                // Monochrome: chroma_format_idc 0, crop unit 1.
                new Variant("monochrome-426x240", "426x240", "gray", null, ""),
                // Explicit scaling lists in the SPS, which must be skipped to reach the VUI.
                new Variant("scaling-lists-sar16:11", "352x288", "yuv420p", Rational.of(16, 11), "scaling-list=FILE"));
    }

    private static Path encode(Variant v) {
        Path mp4 = dir.resolve(v.name().replace(':', '_') + ".mp4");
        if (Files.exists(mp4)) {
            return mp4;
        }
        String vf = (v.sar() == null ? "" : "setsar=" + v.sar().numerator() + "/" + v.sar().denominator() + ",")
                + "format=" + v.pixFmt();
        String params = "log-level=error" + (v.x265Params().isEmpty() ? ""
                : ":" + v.x265Params().replace("FILE", scalingListFile.toString()));
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=" + v.size() + ":rate=25", "-frames:v", "1", "-vf", vf,
                "-c:v", "libx265", "-x265-params", params, "-tag:v", "hvc1", mp4.toString());
        return mp4;
    }

    private static final Map<Path, List<byte[]>> ANNEX_B = new ConcurrentHashMap<>();

    /** The NAL units of the stream remuxed to Annex B by ffmpeg (cached: each variant is used by several tests). */
    private static List<byte[]> annexBOf(Path mp4) {
        return ANNEX_B.computeIfAbsent(mp4, m -> {
            Path out = dir.resolve(m.getFileName() + ".hevc");
            ffmpeg("-i", m.toString(), "-c", "copy", "-bsf:v", "hevc_mp4toannexb", "-f", "hevc", out.toString());
            return annexBNalUnits(read(out));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void spsFromAnnexBMatchesFfprobe(Variant v) throws PackagingException {
        Path mp4 = encode(v);
        HevcSps sps = HevcSps.parse(firstNal(annexBOf(mp4), true, HevcDecoderConfig.NAL_SPS));
        Map<String, String> probe = ffprobeStream(mp4, "v");

        assertEquals(Integer.parseInt(probe.get("width")), sps.width(), "width");
        assertEquals(Integer.parseInt(probe.get("height")), sps.height(), "height");
        assertEquals(Integer.parseInt(probe.get("level")), sps.profileTierLevel().generalLevelIdc(), "level");
        int profile = switch (probe.get("profile")) {
            case "Main" -> 1;
            case "Main 10" -> 2;
            case "Rext" -> 4;
            default -> throw new AssertionError("unexpected ffprobe profile " + probe.get("profile"));
        };
        assertEquals(profile, sps.profileTierLevel().generalProfileIdc(), "profile");
        Rational expectedSar = v.sar() == null ? Rational.of(1, 1) : v.sar();
        assertEquals(expectedSar, sps.sampleAspectRatio().orElseThrow());
        assertEquals(probe.get("sample_aspect_ratio"), expectedSar.toRatioString());
        int bitDepth = v.pixFmt().contains("10") ? 10 : 8;
        assertEquals(bitDepth, sps.bitDepthLuma());
        int chroma = v.pixFmt().equals("gray") ? 0 : v.pixFmt().startsWith("yuv444") ? 3
                : v.pixFmt().startsWith("yuv422") ? 2 : 1;
        assertEquals(chroma, sps.chromaFormatIdc());
        assertEquals(new HevcSps.TimingInfo(1, 25, false, 0), sps.timingInfo().orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void spsAndPpsMatchFfmpegsParser(Variant v) throws PackagingException {
        Path mp4 = encode(v);
        HevcDecoderConfig hvcC = HevcDecoderConfig.parse(configBox(read(mp4), "hvcC").payload());
        HevcSps sps = HevcSps.parse(hvcC.sps().get(0));
        HevcPps pps = HevcPps.parse(hvcC.pps().get(0));
        List<TraceSection> trace = traceHeaders(mp4);
        assertSpsMatchesTrace(section(trace, "Sequence Parameter Set"), sps);
        assertPpsMatchesTrace(section(trace, "Picture Parameter Set"), pps);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void hvcCAgreesWithItsSpsAndTheAnnexBStream(Variant v) throws PackagingException {
        Path mp4 = encode(v);
        HevcDecoderConfig hvcC = HevcDecoderConfig.parse(configBox(read(mp4), "hvcC").payload());
        List<byte[]> nals = annexBOf(mp4);
        assertArrayEquals(firstNal(nals, true, HevcDecoderConfig.NAL_VPS), hvcC.vps().get(0));
        assertArrayEquals(firstNal(nals, true, HevcDecoderConfig.NAL_SPS), hvcC.sps().get(0));
        assertArrayEquals(firstNal(nals, true, HevcDecoderConfig.NAL_PPS), hvcC.pps().get(0));
        HevcSps sps = HevcSps.parse(hvcC.sps().get(0));
        HevcProfileTierLevel ptl = sps.profileTierLevel();
        assertEquals(ptl.generalProfileSpace(), hvcC.generalProfileSpace());
        assertEquals(ptl.generalTierFlag(), hvcC.generalTierFlag());
        assertEquals(ptl.generalProfileIdc(), hvcC.generalProfileIdc());
        assertEquals(ptl.generalProfileCompatibilityFlags(), hvcC.generalProfileCompatibilityFlags());
        byte[] constraints = hvcC.generalConstraintIndicatorFlags();
        long packed = 0;
        for (byte b : constraints) {
            packed = (packed << 8) | (b & 0xFF);
        }
        assertEquals(ptl.generalConstraintIndicatorFlags(), packed);
        assertEquals(ptl.generalLevelIdc(), hvcC.generalLevelIdc());
        assertEquals(sps.chromaFormatIdc(), hvcC.chromaFormatIdc());
        assertEquals(sps.bitDepthLuma(), hvcC.bitDepthLuma());
        assertEquals(sps.bitDepthChroma(), hvcC.bitDepthChroma());
        assertEquals(4, hvcC.nalLengthSize());
        assertEquals(sps.maxSubLayers(), hvcC.numTemporalLayers());
        // x265 sets general_progressive_source_flag and general_frame_only_constraint_flag (0x90), and for
        // the range extension profiles the bit depth and chroma format constraint flags that follow.
        String expectedConstraints = switch (v.pixFmt()) {
            case "yuv420p" -> ".90";
            case "yuv422p10le" -> ".9D.8";
            case "yuv444p" -> ".9E.8";
            case "gray" -> ".9F.C8";
            default -> throw new AssertionError(v.pixFmt());
        };
        String compat = ptl.generalProfileIdc() == 1 ? "6" : "10"; // Main also claims Main 10 compatibility
        assertEquals("hvc1." + ptl.generalProfileIdc() + "." + compat + ".L" + ptl.generalLevelIdc()
                + expectedConstraints, CodecStrings.hevc("hvc1", hvcC));
    }

    /**
     * A hand-made SPS and PPS with everything x265 leaves out: three sub-layers with sub-layer
     * profile and level info, scaling lists, PCM, six short-term reference picture sets of which
     * four are predicted from the previous one, long-term pictures, a VUI with HRD parameters for
     * every sub-layer, the range extension; tiles with explicit sizes, deblocking control and the
     * range extension's chroma QP offset list in the PPS. ffmpeg's parser confirms the bytes mean
     * what the test says; the expected reference picture sets are derived by hand from 7-61/7-62.
     */
    @Test
    void craftedSpsAndPpsWithRareSyntaxMatchFfmpeg() throws PackagingException {
        byte[] spsNal = BitWriter.escape(craftedSps());
        byte[] ppsNal = BitWriter.escape(craftedPps());
        Path file = dir.resolve("crafted.hevc");
        writeFile(file, annexB(BitWriter.escape(craftedVps()), spsNal, ppsNal));
        List<TraceSection> trace = traceHeaders(file, "-f", "hevc");
        TraceSection spsTrace = section(trace, "Sequence Parameter Set");
        TraceSection ppsTrace = section(trace, "Picture Parameter Set");
        // ffmpeg read the SPS all the way to the end of the range extension, and the PPS too:
        assertEquals(1L, spsTrace.get("cabac_bypass_alignment_enabled_flag"));
        assertEquals(64L, spsTrace.get("sar_width"));
        assertEquals(2L, ppsTrace.get("chroma_qp_offset_list_len_minus1"));

        HevcSps sps = HevcSps.parse(spsNal);
        assertSpsMatchesTrace(spsTrace, sps);
        assertEquals(3, sps.maxSubLayers());
        assertTrue(sps.profileTierLevel().generalTierFlag());
        assertEquals(1920, sps.width());
        assertEquals(1080, sps.height());
        assertEquals(Rational.of(64, 45), sps.sampleAspectRatio().orElseThrow());
        assertEquals(new HevcSps.TimingInfo(1001, 60000, true, 0), sps.timingInfo().orElseThrow());
        assertEquals(6, sps.maxDecPicBufferingMinus1());
        assertTrue(sps.rangeExtensionFlag());
        assertFalse(sps.sccExtensionFlag());

        List<HevcShortTermRefPicSet> sets = sps.shortTermRefPicSets();
        assertEquals(6, sets.size());
        assertRps(sets.get(0), new int[] {-1, -3}, new boolean[] {true, false}, new int[] {2}, new boolean[] {true});
        assertRps(sets.get(1), new int[] {-1, -2}, new boolean[] {false, true}, new int[] {1}, new boolean[] {true});
        assertRps(sets.get(2), new int[] {}, new boolean[] {}, new int[] {1, 2, 3}, new boolean[] {true, true, true});
        assertRps(sets.get(3), new int[] {-1, -2, -3}, new boolean[] {true, false, true}, new int[] {},
                new boolean[] {});
        assertRps(sets.get(4), new int[] {}, new boolean[] {}, new int[] {}, new boolean[] {});
        assertRps(sets.get(5), new int[] {}, new boolean[] {}, new int[] {1}, new boolean[] {true});
        assertEquals(2, sets.get(3).numUsedByCurrPic());
        // ffmpeg read one used_by_curr_pic_flag per picture of each reference set, plus one: 4 + 4 + 4 + 1.
        assertEquals(13, spsTrace.all("used_by_curr_pic_flag").size());
        assertEquals(4, spsTrace.all("use_delta_flag").size());
        assertEquals(2, sps.numLongTermRefPicsSps());
        assertTrue(sps.usedByCurrPicLtSpsFlag(0));
        assertFalse(sps.usedByCurrPicLtSpsFlag(1));
        assertEquals(30, sps.picWidthInCtbsY());
        assertEquals(17, sps.picHeightInCtbsY());

        HevcPps pps = HevcPps.parse(ppsNal);
        assertPpsMatchesTrace(ppsTrace, pps);
        assertEquals(3, pps.numTileColumns());
        assertEquals(2, pps.numTileRows());
        assertTrue(pps.chromaQpOffsetListEnabledFlag());
    }

    /**
     * The slice header form of st_ref_pic_set (delta_idx_minus1 is coded) predicted from a set
     * of the crafted SPS.
     */
    @Test
    void sliceHeaderRefPicSetPredictsFromAnyEarlierSet() throws PackagingException {
        HevcSps sps = HevcSps.parse(BitWriter.escape(craftedSps()));
        BitWriter w = new BitWriter()
                .flag(true) // inter_ref_pic_set_prediction_flag
                .ue(5) // delta_idx_minus1: RefRpsIdx = 6 - 6 = set 0 {-1, -3 | +2}
                .flag(false).ue(0) // deltaRps = +1
                .flag(true).flag(true).flag(true).flag(true) // all used
                .trailingBits();
        HevcShortTermRefPicSet set = HevcShortTermRefPicSet.parseInSliceHeader(
                new BitReader(w.toBytes(), "slice header"), sps.shortTermRefPicSets());
        // S0: -3+1 = -2 ; S1: -1+1 = 0 dropped, the reference picture itself +1, +2+1 = 3
        assertRps(set, new int[] {-2}, new boolean[] {true}, new int[] {1, 3}, new boolean[] {true, true});
    }

    private static void assertRps(HevcShortTermRefPicSet set, int[] s0, boolean[] used0, int[] s1, boolean[] used1) {
        assertEquals(s0.length, set.numNegativePics(), "NumNegativePics of " + set);
        assertEquals(s1.length, set.numPositivePics(), "NumPositivePics of " + set);
        assertEquals(s0.length + s1.length, set.numDeltaPocs());
        for (int i = 0; i < s0.length; i++) {
            assertEquals(s0[i], set.deltaPocS0(i), "DeltaPocS0[" + i + "] of " + set);
            assertEquals(used0[i], set.usedByCurrPicS0(i), "UsedByCurrPicS0[" + i + "] of " + set);
        }
        for (int i = 0; i < s1.length; i++) {
            assertEquals(s1[i], set.deltaPocS1(i), "DeltaPocS1[" + i + "] of " + set);
            assertEquals(used1[i], set.usedByCurrPicS1(i), "UsedByCurrPicS1[" + i + "] of " + set);
        }
    }

    /** A VPS to go with {@link #craftedSps()}: ffmpeg will not look at an SPS whose VPS it has not seen. */
    static byte[] craftedVps() {
        BitWriter w = new BitWriter().bits(0x4001, 16); // NAL header: VPS
        w.bits(0, 4).flag(true).flag(true).bits(0, 6).bits(2, 3).flag(true).bits(0xFFFF, 16);
        writeCraftedProfileTierLevel(w);
        w.flag(true).ue(2).ue(0).ue(0).ue(4).ue(1).ue(0).ue(6).ue(2).ue(5); // ordering info for 3 layers
        w.bits(0, 6).ue(0).flag(false).flag(false); // max layer id, one layer set, no timing, no extension
        return w.trailingBits().toBytes();
    }

    /** profile_tier_level(1, 2): High tier Main, level 4.1; sub-layer 0 has a profile, sub-layer 1 a level. */
    private static void writeCraftedProfileTierLevel(BitWriter w) {
        w.bits(0, 2).flag(true).bits(1, 5).bits(0x60000000L, 32).bits(0b1001, 4).bits(0, 32).bits(0, 12)
                .bits(123, 8);
        w.flag(true).flag(false).flag(false).flag(true).bits(0, 12); // sub-layer present flags + padding
        w.bits(0, 2).flag(false).bits(1, 5).bits(0x60000000L, 32).bits(0b1001, 4).bits(0, 32).bits(0, 12); // sub 0
        w.bits(90, 8); // sub-layer 1 level
    }

    static byte[] craftedSps() {
        BitWriter w = new BitWriter().bits(0x4201, 16); // NAL header: SPS, layer 0, tid 1
        w.bits(0, 4).bits(2, 3).flag(true); // vps id, sps_max_sub_layers_minus1 = 2, nesting
        writeCraftedProfileTierLevel(w);
        w.ue(2).ue(1); // sps id, 4:2:0
        w.ue(1920).ue(1088).flag(true).ue(0).ue(0).ue(0).ue(4); // conformance window: 8 rows off the bottom
        w.ue(2).ue(2).ue(4); // 10-bit, log2_max_pic_order_cnt_lsb = 8
        w.flag(true).ue(2).ue(0).ue(0).ue(4).ue(1).ue(0).ue(6).ue(2).ue(5); // ordering info for 3 layers
        w.ue(0).ue(3).ue(0).ue(3).ue(1).ue(1); // CTB 64, min CB 8, TB 4..32, depths
        w.flag(true).flag(true); // scaling lists enabled and coded
        writeScalingListData(w);
        w.flag(true).flag(true); // amp, sao
        w.flag(true).bits(7, 4).bits(7, 4).ue(0).ue(1).flag(true); // pcm
        w.ue(6); // num_short_term_ref_pic_sets
        // 0: explicit {-1 used, -3 unused | +2 used}
        w.ue(2).ue(1).ue(0).flag(true).ue(1).flag(false).ue(1).flag(true);
        // 1: from 0 with deltaRps -1; j: 0 (-1) used, 1 (-3) dropped, 2 (+2) used, 3 (self) kept unused
        w.flag(true).flag(true).ue(0).flag(true).flag(false).flag(false).flag(true).flag(false).flag(true);
        // 2: from 1 with deltaRps +2, all used
        w.flag(true).flag(false).ue(1).flag(true).flag(true).flag(true).flag(true);
        // 3: from 2 with deltaRps -3; j: 0 kept unused, 1 used, 2 dropped, 3 used
        w.flag(true).flag(true).ue(2).flag(false).flag(true).flag(true).flag(false).flag(false).flag(true);
        // 4: explicit and empty (inter_ref_pic_set_prediction_flag 0)
        w.flag(false).ue(0).ue(0);
        // 5: from the empty set with deltaRps +1: only the reference picture itself
        w.flag(true).flag(false).ue(0).flag(true);
        w.flag(true).ue(2).bits(17, 8).flag(true).bits(200, 8).flag(false); // long-term pictures
        w.flag(true).flag(false); // temporal mvp, strong intra smoothing
        w.flag(true); // VUI
        w.flag(true).bits(255, 8).bits(64, 16).bits(45, 16); // Extended_SAR 64:45
        w.flag(false); // overscan
        w.flag(true).bits(5, 3).flag(false).flag(true).bits(9, 8).bits(16, 8).bits(9, 8); // BT.2020 PQ
        w.flag(true).ue(2).ue(2); // chroma loc
        w.flag(false).flag(false).flag(true); // neutral chroma, field_seq, frame_field_info
        w.flag(true).ue(0).ue(0).ue(2).ue(2); // default display window
        w.flag(true).bits(1001, 32).bits(60000, 32).flag(true).ue(0); // timing, poc proportional
        w.flag(true); // HRD parameters
        w.flag(true).flag(true).flag(true).bits(98, 8).bits(20, 5).flag(true).bits(20, 5); // nal, vcl, sub-pic
        w.bits(4, 4).bits(5, 4).bits(6, 4).bits(23, 5).bits(23, 5).bits(23, 5);
        // sub-layer 0: fixed general rate; 2 CPBs
        w.flag(true).ue(0).ue(1);
        writeSubLayerHrd(w, 2);
        writeSubLayerHrd(w, 2);
        // sub-layer 1: variable rate, low delay: 1 CPB, cpb_cnt_minus1 not coded
        w.flag(false).flag(false).flag(true);
        writeSubLayerHrd(w, 1);
        writeSubLayerHrd(w, 1);
        // sub-layer 2: fixed within the CVS; 1 CPB
        w.flag(false).flag(true).ue(1).ue(0);
        writeSubLayerHrd(w, 1);
        writeSubLayerHrd(w, 1);
        w.flag(true).flag(false).flag(true).flag(false).ue(0).ue(2).ue(1).ue(15).ue(15); // bitstream restriction
        w.flag(true).flag(true).flag(false).flag(false).flag(false).bits(0, 4); // extensions: range only
        w.flag(true).flag(false).flag(true).flag(false).flag(false).flag(true).flag(false).flag(true).flag(true);
        return w.trailingBits().toBytes();
    }

    private static void writeSubLayerHrd(BitWriter w, int cpbCount) {
        for (int i = 0; i < cpbCount; i++) {
            w.ue(1000 + i).ue(2000 + i).ue(300 + i).ue(400 + i).flag(i == 0);
        }
    }

    /** scaling_list_data() mixing predicted and explicitly coded lists, with DC coefficients. */
    private static void writeScalingListData(BitWriter w) {
        for (int sizeId = 0; sizeId < 4; sizeId++) {
            for (int matrixId = 0; matrixId < 6; matrixId += sizeId == 3 ? 3 : 1) {
                boolean explicit = matrixId == 0 || (matrixId + sizeId) % 2 == 1;
                w.flag(explicit);
                if (!explicit) {
                    w.ue(1); // copy the previous list
                } else {
                    int coefNum = Math.min(64, 1 << (4 + (sizeId << 1)));
                    if (sizeId > 1) {
                        w.se(8);
                    }
                    w.se(4);
                    for (int i = 1; i < coefNum; i++) {
                        w.se(i % 3 - 1);
                    }
                }
            }
        }
    }

    static byte[] craftedPps() {
        BitWriter w = new BitWriter().bits(0x4401, 16); // NAL header: PPS
        w.ue(5).ue(2); // pps id, sps id
        w.flag(true).flag(true).bits(2, 3).flag(false).flag(true); // dependent slices, output flag, 2 extra bits
        w.ue(3).ue(1).se(-3); // ref idx defaults, init_qp_minus26
        w.flag(true).flag(true).flag(true).ue(2); // constrained intra, transform skip, cu_qp_delta (depth 2)
        w.se(-2).se(3).flag(true); // cb/cr offsets, slice chroma offsets present
        w.flag(true).flag(true).flag(false); // weighted pred/bipred, transquant bypass
        w.flag(true).flag(true); // tiles, wavefronts
        w.ue(2).ue(1).flag(false).ue(3).ue(4).ue(5).flag(true); // 3x2 tiles with explicit sizes
        w.flag(true); // loop filter across slices
        w.flag(true).flag(true).flag(false).se(-2).se(3); // deblocking control
        w.flag(true); // scaling lists
        writeScalingListData(w);
        w.flag(true).ue(1).flag(true); // lists modification, parallel merge level 3, slice header extension
        w.flag(true).flag(true).flag(false).flag(false).flag(false).bits(0, 4); // extensions: range only
        w.ue(1).flag(false).flag(true).ue(1).ue(2).se(-1).se(1).se(2).se(-2).se(3).se(-3).ue(0).ue(0);
        return w.trailingBits().toBytes();
    }

    private static void writeFile(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void assertSpsMatchesTrace(TraceSection t, HevcSps sps) {
        HevcProfileTierLevel ptl = sps.profileTierLevel();
        assertEquals(t.get("sps_video_parameter_set_id"), sps.vpsId(), "vps id");
        assertEquals(t.get("sps_max_sub_layers_minus1") + 1, sps.maxSubLayers(), "max sub-layers");
        assertEquals(t.get("general_profile_space"), ptl.generalProfileSpace());
        assertEquals(t.get("general_tier_flag") == 1, ptl.generalTierFlag());
        assertEquals(t.get("general_profile_idc"), ptl.generalProfileIdc());
        int compat = 0;
        for (int j = 0; j < 32; j++) {
            compat |= (int) t.get("general_profile_compatibility_flag[" + j + "]") << (31 - j);
        }
        assertEquals(compat, ptl.generalProfileCompatibilityFlags(), "compatibility flags");
        assertEquals(t.get("general_progressive_source_flag"), ptl.generalConstraintIndicatorFlags() >>> 47);
        assertEquals(t.get("general_level_idc"), ptl.generalLevelIdc());
        assertEquals(t.get("sps_seq_parameter_set_id"), sps.spsId(), "sps id");
        assertEquals(t.get("chroma_format_idc"), sps.chromaFormatIdc());
        assertEquals(t.get("pic_width_in_luma_samples"), sps.picWidthInLumaSamples());
        assertEquals(t.get("pic_height_in_luma_samples"), sps.picHeightInLumaSamples());
        if (t.get("conformance_window_flag") == 1) {
            assertEquals(t.get("conf_win_left_offset"), sps.confWinLeftOffset());
            assertEquals(t.get("conf_win_right_offset"), sps.confWinRightOffset());
            assertEquals(t.get("conf_win_top_offset"), sps.confWinTopOffset());
            assertEquals(t.get("conf_win_bottom_offset"), sps.confWinBottomOffset());
        }
        assertEquals(t.get("bit_depth_luma_minus8") + 8, sps.bitDepthLuma());
        assertEquals(t.get("bit_depth_chroma_minus8") + 8, sps.bitDepthChroma());
        assertEquals(t.get("log2_max_pic_order_cnt_lsb_minus4") + 4, sps.log2MaxPicOrderCntLsb());
        int top = sps.maxSubLayers() - 1;
        assertEquals(t.get("sps_max_dec_pic_buffering_minus1[" + top + "]"), sps.maxDecPicBufferingMinus1());
        assertEquals(t.get("sps_max_num_reorder_pics[" + top + "]"), sps.maxNumReorderPics());
        assertEquals(t.get("log2_min_luma_coding_block_size_minus3") + 3, sps.log2MinLumaCodingBlockSize());
        assertEquals(t.get("log2_diff_max_min_luma_coding_block_size"), sps.log2DiffMaxMinLumaCodingBlockSize());
        assertEquals(t.get("log2_min_luma_transform_block_size_minus2") + 2, sps.log2MinLumaTransformBlockSize());
        assertEquals(t.get("log2_diff_max_min_luma_transform_block_size"),
                sps.log2DiffMaxMinLumaTransformBlockSize());
        assertEquals(t.get("scaling_list_enabled_flag") == 1, sps.scalingListEnabledFlag());
        assertEquals(t.get("amp_enabled_flag") == 1, sps.ampEnabledFlag());
        assertEquals(t.get("sample_adaptive_offset_enabled_flag") == 1, sps.sampleAdaptiveOffsetEnabledFlag());
        assertEquals(t.get("pcm_enabled_flag") == 1, sps.pcmEnabledFlag());
        assertEquals(t.get("num_short_term_ref_pic_sets"), sps.numShortTermRefPicSets());
        assertEquals(t.get("long_term_ref_pics_present_flag") == 1, sps.longTermRefPicsPresentFlag());
        if (sps.longTermRefPicsPresentFlag()) {
            assertEquals(t.get("num_long_term_ref_pics_sps"), sps.numLongTermRefPicsSps());
        }
        assertEquals(t.get("sps_temporal_mvp_enabled_flag") == 1, sps.spsTemporalMvpEnabledFlag());
        assertEquals(t.get("strong_intra_smoothing_enabled_flag") == 1, sps.strongIntraSmoothingEnabledFlag());
        assertEquals(t.get("vui_parameters_present_flag") == 1, sps.vuiParametersPresentFlag());
        if (sps.vuiParametersPresentFlag() && t.get("aspect_ratio_info_present_flag") == 1) {
            long idc = t.get("aspect_ratio_idc");
            if (idc == 255) {
                assertEquals(Rational.of(t.get("sar_width"), t.get("sar_height")), sps.sampleAspectRatio().orElseThrow());
            } else {
                assertTrue(sps.sampleAspectRatio().isPresent(), "SAR of aspect_ratio_idc " + idc);
            }
        }
        if (t.has("vui_timing_info_present_flag") && t.get("vui_timing_info_present_flag") == 1) {
            HevcSps.TimingInfo timing = sps.timingInfo().orElseThrow();
            assertEquals(t.get("vui_num_units_in_tick"), timing.numUnitsInTick());
            assertEquals(t.get("vui_time_scale"), timing.timeScale());
        }
        if (t.get("sps_extension_present_flag") == 1) {
            assertEquals(t.get("sps_range_extension_flag") == 1, sps.rangeExtensionFlag());
            assertEquals(t.get("sps_multilayer_extension_flag") == 1, sps.multilayerExtensionFlag());
            assertEquals(t.get("sps_3d_extension_flag") == 1, sps.extension3dFlag());
            assertEquals(t.get("sps_scc_extension_flag") == 1, sps.sccExtensionFlag());
        } else {
            assertFalse(sps.rangeExtensionFlag() || sps.multilayerExtensionFlag() || sps.extension3dFlag()
                    || sps.sccExtensionFlag());
        }
    }

    static void assertPpsMatchesTrace(TraceSection t, HevcPps pps) {
        assertEquals(t.get("pps_pic_parameter_set_id"), pps.ppsId());
        assertEquals(t.get("pps_seq_parameter_set_id"), pps.spsId());
        assertEquals(t.get("dependent_slice_segments_enabled_flag") == 1, pps.dependentSliceSegmentsEnabledFlag());
        assertEquals(t.get("output_flag_present_flag") == 1, pps.outputFlagPresentFlag());
        assertEquals(t.get("num_extra_slice_header_bits"), pps.numExtraSliceHeaderBits());
        assertEquals(t.get("sign_data_hiding_enabled_flag") == 1, pps.signDataHidingEnabledFlag());
        assertEquals(t.get("cabac_init_present_flag") == 1, pps.cabacInitPresentFlag());
        assertEquals(t.get("num_ref_idx_l0_default_active_minus1"), pps.numRefIdxL0DefaultActiveMinus1());
        assertEquals(t.get("num_ref_idx_l1_default_active_minus1"), pps.numRefIdxL1DefaultActiveMinus1());
        assertEquals(t.get("init_qp_minus26"), pps.initQpMinus26());
        assertEquals(t.get("constrained_intra_pred_flag") == 1, pps.constrainedIntraPredFlag());
        assertEquals(t.get("transform_skip_enabled_flag") == 1, pps.transformSkipEnabledFlag());
        assertEquals(t.get("cu_qp_delta_enabled_flag") == 1, pps.cuQpDeltaEnabledFlag());
        assertEquals(t.get("pps_cb_qp_offset"), pps.ppsCbQpOffset());
        assertEquals(t.get("pps_cr_qp_offset"), pps.ppsCrQpOffset());
        assertEquals(t.get("pps_slice_chroma_qp_offsets_present_flag") == 1, pps.ppsSliceChromaQpOffsetsPresentFlag());
        assertEquals(t.get("weighted_pred_flag") == 1, pps.weightedPredFlag());
        assertEquals(t.get("weighted_bipred_flag") == 1, pps.weightedBipredFlag());
        assertEquals(t.get("transquant_bypass_enabled_flag") == 1, pps.transquantBypassEnabledFlag());
        assertEquals(t.get("tiles_enabled_flag") == 1, pps.tilesEnabledFlag());
        assertEquals(t.get("entropy_coding_sync_enabled_flag") == 1, pps.entropyCodingSyncEnabledFlag());
        if (pps.tilesEnabledFlag()) {
            assertEquals(t.get("num_tile_columns_minus1") + 1, pps.numTileColumns());
            assertEquals(t.get("num_tile_rows_minus1") + 1, pps.numTileRows());
        }
        assertEquals(t.get("pps_loop_filter_across_slices_enabled_flag") == 1,
                pps.ppsLoopFilterAcrossSlicesEnabledFlag());
        assertEquals(t.get("deblocking_filter_control_present_flag") == 1, pps.deblockingFilterControlPresentFlag());
        if (pps.deblockingFilterControlPresentFlag()) {
            assertEquals(t.get("deblocking_filter_override_enabled_flag") == 1,
                    pps.deblockingFilterOverrideEnabledFlag());
            assertEquals(t.get("pps_deblocking_filter_disabled_flag") == 1, pps.ppsDeblockingFilterDisabledFlag());
        }
        assertEquals(t.get("lists_modification_present_flag") == 1, pps.listsModificationPresentFlag());
        assertEquals(t.get("log2_parallel_merge_level_minus2") + 2, pps.log2ParallelMergeLevel());
        assertEquals(t.get("slice_segment_header_extension_present_flag") == 1,
                pps.sliceSegmentHeaderExtensionPresentFlag());
        if (t.get("pps_extension_present_flag") == 1) {
            assertEquals(t.get("pps_range_extension_flag") == 1, pps.rangeExtensionFlag());
            if (pps.rangeExtensionFlag()) {
                assertEquals(t.get("chroma_qp_offset_list_enabled_flag") == 1, pps.chromaQpOffsetListEnabledFlag());
            }
        }
    }
}
