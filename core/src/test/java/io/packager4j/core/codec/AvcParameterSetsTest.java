package io.packager4j.core.codec;

import io.packager4j.PackagingException;
import io.packager4j.core.codec.CodecTestSupport.TraceSection;
import io.packager4j.core.media.Rational;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * {@link AvcSps}, {@link AvcPps} and {@link AvcDecoderConfig} against streams that libx264 writes
 * with known properties, checked against ffprobe and, field by field, against ffmpeg's own
 * parameter set parser (the {@code trace_headers} bitstream filter).
 */
class AvcParameterSetsTest {

    @TempDir
    static Path dir;

    /** An x264 encoding recipe and the sample aspect ratio it asks for (null: none). */
    record Variant(String name, String size, String pixFmt, String profile, Rational sar, List<String> extra) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Variant> variants() {
        return Stream.of(
                // 426x240: neither dimension a multiple of 16, so both are cropped.
                new Variant("high-426x240-sar4:3", "426x240", "yuv420p", "high", Rational.of(4, 3), List.of()),
                // Baseline: no chroma/bit depth fields, pic_order_cnt_type 2 (no B-frames), CAVLC.
                new Variant("baseline-320x180", "320x180", "yuv420p", "baseline", null, List.of()),
                // Interlaced: frame_mbs_only_flag 0 doubles the crop unit and the map unit height.
                new Variant("interlaced-426x240", "426x240", "yuv420p", "high", null,
                        List.of("-flags", "+ildct+ilme", "-x264-params", "tff=1")),
                // 4:4:4 with JVT scaling matrices (12 lists) and an Extended_SAR aspect ratio.
                new Variant("high444-cqm-sar5:7", "352x200", "yuv444p", "high444", Rational.of(5, 7),
                        List.of("-x264-params", "cqm=jvt")),
                // 4:2:2 10-bit: crop unit 2x1, bit depths 10.
                new Variant("high422-10bit-200x120", "200x120", "yuv422p10le", "high422", Rational.of(16, 11),
                        List.of()));
    }

    private static Path encode(Variant v) {
        Path mp4 = dir.resolve(v.name().replace(':', '_') + ".mp4");
        if (Files.exists(mp4)) {
            return mp4;
        }
        String vf = (v.sar() == null ? "" : "setsar=" + v.sar().numerator() + "/" + v.sar().denominator() + ",")
                + "format=" + v.pixFmt();
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc=size=" + v.size() + ":rate=25",
                "-frames:v", "1", "-vf", vf, "-c:v", "libx264", "-profile:v", v.profile()));
        args.addAll(v.extra());
        args.add(mp4.toString());
        ffmpeg(args.toArray(String[]::new));
        return mp4;
    }

    private static final Map<Path, List<byte[]>> ANNEX_B = new ConcurrentHashMap<>();

    /** The NAL units of the stream remuxed to Annex B by ffmpeg (cached: each variant is used by several tests). */
    private static List<byte[]> annexBOf(Path mp4) {
        return ANNEX_B.computeIfAbsent(mp4, m -> {
            Path out = dir.resolve(m.getFileName() + ".h264");
            ffmpeg("-i", m.toString(), "-c", "copy", "-bsf:v", "h264_mp4toannexb", "-f", "h264", out.toString());
            return annexBNalUnits(read(out));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void spsFromAnnexBMatchesFfprobe(Variant v) throws PackagingException {
        Path mp4 = encode(v);
        List<byte[]> nals = annexBOf(mp4);
        AvcSps sps = AvcSps.parse(firstNal(nals, false, AvcSps.NAL_TYPE));
        Map<String, String> probe = ffprobeStream(mp4, "v");

        assertEquals(Integer.parseInt(probe.get("width")), sps.width(), "width");
        assertEquals(Integer.parseInt(probe.get("height")), sps.height(), "height");
        assertEquals(Integer.parseInt(probe.get("level")), sps.levelIdc(), "level");
        assertEquals(profileIdc(probe.get("profile")), sps.profileIdc(), "profile " + probe.get("profile"));
        String probedSar = probe.get("sample_aspect_ratio");
        if (v.sar() != null) {
            assertEquals(v.sar(), sps.sampleAspectRatio().orElseThrow());
            assertEquals(probedSar, sps.sampleAspectRatio().orElseThrow().toRatioString());
        } else {
            assertTrue(sps.sampleAspectRatio().isEmpty() || sps.sampleAspectRatio().get().equals(Rational.of(1, 1)),
                    "no SAR was asked for: " + sps.sampleAspectRatio());
            assertTrue(Set.of("N/A", "0:1", "1:1").contains(probedSar), probedSar);
        }
        int bitDepth = v.pixFmt().contains("10") ? 10 : 8;
        assertEquals(bitDepth, sps.bitDepthLuma());
        assertEquals(bitDepth, sps.bitDepthChroma());
        int chroma = v.pixFmt().startsWith("yuv444") ? 3 : v.pixFmt().startsWith("yuv422") ? 2 : 1;
        assertEquals(chroma, sps.chromaFormatIdc());
        // x264 writes 2 * fps time units per second
        assertEquals(50, sps.timingInfo().orElseThrow().timeScale() / sps.timingInfo().orElseThrow().numUnitsInTick());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void spsAndPpsMatchFfmpegsParser(Variant v) throws PackagingException {
        Path mp4 = encode(v);
        AvcDecoderConfig avcC = AvcDecoderConfig.parse(configBox(read(mp4), "avcC").payload());
        AvcSps sps = AvcSps.parse(avcC.sps().get(0));
        AvcPps pps = AvcPps.parse(avcC.pps().get(0));
        List<TraceSection> trace = traceHeaders(mp4);
        assertSpsMatchesTrace(section(trace, "Sequence Parameter Set"), sps);
        assertPpsMatchesTrace(section(trace, "Picture Parameter Set"), pps);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void avcCAgreesWithItsSpsAndTheAnnexBStream(Variant v) throws PackagingException {
        Path mp4 = encode(v);
        AvcDecoderConfig avcC = AvcDecoderConfig.parse(configBox(read(mp4), "avcC").payload());
        List<byte[]> nals = annexBOf(mp4);
        assertArrayEquals(firstNal(nals, false, AvcSps.NAL_TYPE), avcC.sps().get(0));
        assertArrayEquals(firstNal(nals, false, AvcPps.NAL_TYPE), avcC.pps().get(0));
        AvcSps sps = AvcSps.parse(avcC.sps().get(0));
        assertEquals(1, avcC.configurationVersion());
        assertEquals(sps.profileIdc(), avcC.profile());
        assertEquals(sps.constraintFlags(), avcC.profileCompatibility());
        assertEquals(sps.levelIdc(), avcC.level());
        assertEquals(4, avcC.nalLengthSize());
        if (sps.profileIdc() >= 100) {
            AvcDecoderConfig.HighProfileExtension ext = avcC.highProfileExtension().orElseThrow();
            assertEquals(sps.chromaFormatIdc(), ext.chromaFormatIdc());
            assertEquals(sps.bitDepthLuma(), ext.bitDepthLuma());
            assertEquals(sps.bitDepthChroma(), ext.bitDepthChroma());
        }
        assertEquals(String.format("avc1.%02x%02x%02x", sps.profileIdc(), sps.constraintFlags(), sps.levelIdc()),
                CodecStrings.avc("avc1", avcC));
    }

    @Test
    void interlacedStreamHasFieldCoding() throws PackagingException {
        Variant v = variants().filter(x -> x.name().startsWith("interlaced")).findFirst().orElseThrow();
        AvcSps sps = AvcSps.parse(AvcDecoderConfig.parse(configBox(read(encode(v)), "avcC").payload()).sps().get(0));
        assertFalse(sps.frameMbsOnlyFlag());
        assertTrue(sps.mbAdaptiveFrameFieldFlag());
        assertEquals(432, sps.codedWidth());
        assertEquals(256, sps.codedHeight());
        assertEquals(426, sps.width());
        assertEquals(240, sps.height());
    }

    /**
     * A hand-made SPS with the syntax x264 never writes: pic_order_cnt_type 1 with a cycle of
     * offsets, NAL and VCL HRD parameters, and a PPS with slice groups. ffmpeg's parser confirms
     * that the bytes mean what the test says, then the parsers must agree with it.
     */
    @Test
    void craftedSpsAndPpsWithRareSyntaxMatchFfmpeg() throws PackagingException {
        BitWriter s = new BitWriter()
                .bits(0x67, 8).bits(77, 8).bits(0x40, 8).bits(30, 8) // Main, constraint_set1, level 3
                .ue(3) // seq_parameter_set_id
                .ue(2) // log2_max_frame_num_minus4
                .ue(1) // pic_order_cnt_type
                .flag(false).se(-2).se(5).ue(3).se(2).se(-1).se(7) // offsets and the cycle
                .ue(4) // max_num_ref_frames
                .flag(true) // gaps_in_frame_num_value_allowed_flag
                .ue(21).ue(17) // 352 x 288
                .flag(true).flag(true) // frame_mbs_only, direct_8x8
                .flag(true).ue(1).ue(2).ue(3).ue(4) // cropping: 352-2*3=346, 288-2*7=274
                .flag(true) // vui
                .flag(true).bits(255, 8).bits(10, 16).bits(11, 16) // Extended_SAR 10:11
                .flag(true).flag(false) // overscan
                .flag(true).bits(5, 3).flag(false).flag(true).bits(1, 8).bits(1, 8).bits(1, 8)
                .flag(true).ue(1).ue(1) // chroma loc
                .flag(true).bits(1001, 32).bits(60000, 32).flag(true) // timing
                .flag(true); // nal hrd
        writeAvcHrd(s);
        s.flag(true); // vcl hrd
        writeAvcHrd(s);
        s.flag(false) // low_delay_hrd_flag
                .flag(true) // pic_struct_present_flag
                .flag(true).flag(true).ue(2).ue(1).ue(16).ue(16).ue(2).ue(4) // bitstream restriction
                .trailingBits();
        byte[] spsNal = BitWriter.escape(s.toBytes());

        BitWriter p = new BitWriter()
                .bits(0x68, 8)
                .ue(7).ue(3) // pps id, sps id
                .flag(false).flag(true) // CAVLC, bottom_field_pic_order_in_frame_present
                .ue(2).ue(4).flag(true).ue(9) // 3 slice groups, box-out map type 4, change rate 10
                .ue(5).ue(2) // num_ref_idx defaults
                .flag(true).bits(1, 2) // weighted pred, explicit bipred
                .se(-4).se(3).se(-5)
                .flag(true).flag(true).flag(true)
                .trailingBits();
        byte[] ppsNal = BitWriter.escape(p.toBytes());

        Path file = dir.resolve("crafted.h264");
        writeFile(file, annexB(spsNal, ppsNal));
        List<TraceSection> trace = traceHeaders(file, "-f", "h264");
        TraceSection spsTrace = section(trace, "Sequence Parameter Set");
        TraceSection ppsTrace = section(trace, "Picture Parameter Set");
        // The bytes are what the test meant, according to ffmpeg:
        assertEquals(List.of(2L, -1L, 7L), spsTrace.all("offset_for_ref_frame"));
        assertEquals(1L, spsTrace.get("pic_struct_present_flag"));
        assertEquals(9L, ppsTrace.get("slice_group_change_rate_minus1"));

        AvcSps sps = AvcSps.parse(spsNal);
        assertSpsMatchesTrace(spsTrace, sps);
        assertEquals(3, sps.numRefFramesInPicOrderCntCycle());
        assertEquals(-2, sps.offsetForNonRefPic());
        assertEquals(5, sps.offsetForTopToBottomField());
        assertEquals(346, sps.width());
        assertEquals(274, sps.height());
        assertEquals(Rational.of(10, 11), sps.sampleAspectRatio().orElseThrow());
        assertEquals(new AvcSps.TimingInfo(1001, 60000, true), sps.timingInfo().orElseThrow());
        assertTrue(sps.constraintSetFlag(1));
        assertFalse(sps.constraintSetFlag(0));

        AvcPps pps = AvcPps.parse(ppsNal);
        assertPpsMatchesTrace(ppsTrace, pps);
        assertEquals(3, pps.numSliceGroups());
        assertEquals(4, pps.sliceGroupMapType());
        assertEquals(10, pps.sliceGroupChangeRate());
        assertFalse(pps.transform8x8ModeFlag());
    }

    private static void writeAvcHrd(BitWriter s) {
        s.ue(1).bits(4, 4).bits(6, 4) // two CPBs, scales
                .ue(1000).ue(2000).flag(false)
                .ue(3000).ue(4000).flag(true)
                .bits(23, 5).bits(23, 5).bits(23, 5).bits(24, 5);
    }

    private static void writeFile(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void assertSpsMatchesTrace(TraceSection t, AvcSps sps) {
        assertEquals(t.get("profile_idc"), sps.profileIdc(), "profile_idc");
        assertEquals(t.get("level_idc"), sps.levelIdc(), "level_idc");
        assertEquals(t.get("seq_parameter_set_id"), sps.seqParameterSetId(), "seq_parameter_set_id");
        if (t.has("chroma_format_idc")) {
            assertEquals(t.get("chroma_format_idc"), sps.chromaFormatIdc(), "chroma_format_idc");
            assertEquals(t.get("bit_depth_luma_minus8") + 8, sps.bitDepthLuma(), "bit depth luma");
            assertEquals(t.get("bit_depth_chroma_minus8") + 8, sps.bitDepthChroma(), "bit depth chroma");
            assertEquals(t.get("seq_scaling_matrix_present_flag") == 1, sps.seqScalingMatrixPresentFlag());
        }
        assertEquals(t.get("log2_max_frame_num_minus4") + 4, sps.log2MaxFrameNum(), "log2_max_frame_num");
        assertEquals(t.get("pic_order_cnt_type"), sps.picOrderCntType(), "pic_order_cnt_type");
        if (sps.picOrderCntType() == 0) {
            assertEquals(t.get("log2_max_pic_order_cnt_lsb_minus4") + 4, sps.log2MaxPicOrderCntLsb());
        } else if (sps.picOrderCntType() == 1) {
            assertEquals(t.get("delta_pic_order_always_zero_flag") == 1, sps.deltaPicOrderAlwaysZeroFlag());
            assertEquals(t.get("num_ref_frames_in_pic_order_cnt_cycle"), sps.numRefFramesInPicOrderCntCycle());
        }
        assertEquals(t.get("max_num_ref_frames"), sps.maxNumRefFrames(), "max_num_ref_frames");
        assertEquals(t.get("gaps_in_frame_num_allowed_flag") == 1, sps.gapsInFrameNumValueAllowedFlag());
        assertEquals(t.get("pic_width_in_mbs_minus1") + 1, sps.picWidthInMbs(), "pic_width_in_mbs");
        assertEquals(t.get("pic_height_in_map_units_minus1") + 1, sps.picHeightInMapUnits(), "map units");
        assertEquals(t.get("frame_mbs_only_flag") == 1, sps.frameMbsOnlyFlag(), "frame_mbs_only_flag");
        if (!sps.frameMbsOnlyFlag()) {
            assertEquals(t.get("mb_adaptive_frame_field_flag") == 1, sps.mbAdaptiveFrameFieldFlag());
        }
        assertEquals(t.get("direct_8x8_inference_flag") == 1, sps.direct8x8InferenceFlag());
        if (t.get("frame_cropping_flag") == 1) {
            assertEquals(t.get("frame_crop_left_offset"), sps.frameCropLeftOffset(), "crop left");
            assertEquals(t.get("frame_crop_right_offset"), sps.frameCropRightOffset(), "crop right");
            assertEquals(t.get("frame_crop_top_offset"), sps.frameCropTopOffset(), "crop top");
            assertEquals(t.get("frame_crop_bottom_offset"), sps.frameCropBottomOffset(), "crop bottom");
        }
        assertEquals(t.get("vui_parameters_present_flag") == 1, sps.vuiParametersPresentFlag());
        if (t.has("timing_info_present_flag") && t.get("timing_info_present_flag") == 1) {
            AvcSps.TimingInfo timing = sps.timingInfo().orElseThrow();
            assertEquals(t.get("num_units_in_tick"), timing.numUnitsInTick(), "num_units_in_tick");
            assertEquals(t.get("time_scale"), timing.timeScale(), "time_scale");
            assertEquals(t.get("fixed_frame_rate_flag") == 1, timing.fixedFrameRateFlag());
        } else {
            assertTrue(sps.timingInfo().isEmpty());
        }
    }

    static void assertPpsMatchesTrace(TraceSection t, AvcPps pps) {
        assertEquals(t.get("pic_parameter_set_id"), pps.picParameterSetId(), "pic_parameter_set_id");
        assertEquals(t.get("seq_parameter_set_id"), pps.seqParameterSetId(), "seq_parameter_set_id");
        assertEquals(t.get("entropy_coding_mode_flag") == 1, pps.entropyCodingModeFlag());
        assertEquals(t.get("bottom_field_pic_order_in_frame_present_flag") == 1,
                pps.bottomFieldPicOrderInFramePresentFlag());
        assertEquals(t.get("num_slice_groups_minus1") + 1, pps.numSliceGroups());
        assertEquals(t.get("num_ref_idx_l0_default_active_minus1"), pps.numRefIdxL0DefaultActiveMinus1());
        assertEquals(t.get("num_ref_idx_l1_default_active_minus1"), pps.numRefIdxL1DefaultActiveMinus1());
        assertEquals(t.get("weighted_pred_flag") == 1, pps.weightedPredFlag());
        assertEquals(t.get("weighted_bipred_idc"), pps.weightedBipredIdc());
        assertEquals(t.get("pic_init_qp_minus26"), pps.picInitQpMinus26());
        assertEquals(t.get("pic_init_qs_minus26"), pps.picInitQsMinus26());
        assertEquals(t.get("chroma_qp_index_offset"), pps.chromaQpIndexOffset());
        assertEquals(t.get("deblocking_filter_control_present_flag") == 1, pps.deblockingFilterControlPresentFlag());
        assertEquals(t.get("constrained_intra_pred_flag") == 1, pps.constrainedIntraPredFlag());
        assertEquals(t.get("redundant_pic_cnt_present_flag") == 1, pps.redundantPicCntPresentFlag());
        if (t.has("transform_8x8_mode_flag")) {
            assertEquals(t.get("transform_8x8_mode_flag") == 1, pps.transform8x8ModeFlag());
            assertEquals(t.get("pic_scaling_matrix_present_flag") == 1, pps.picScalingMatrixPresentFlag());
        }
    }

    private static int profileIdc(String ffprobeProfile) {
        return switch (ffprobeProfile) {
            case "Baseline", "Constrained Baseline" -> 66;
            case "Main" -> 77;
            case "High" -> 100;
            case "High 10" -> 110;
            case "High 4:2:2" -> 122;
            case "High 4:4:4 Predictive" -> 244;
            default -> throw new AssertionError("unexpected ffprobe profile " + ffprobeProfile);
        };
    }
}
