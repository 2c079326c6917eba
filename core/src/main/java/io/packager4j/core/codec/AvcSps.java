package io.packager4j.core.codec;

import io.packager4j.PackagingException;
import io.packager4j.core.media.Rational;

import java.util.Optional;

/**
 * An H.264 sequence parameter set (ITU-T H.264, 7.3.2.1.1 and E.1.1): picture size with cropping,
 * chroma format, frame numbering and picture order count parameters, and from the VUI the sample
 * aspect ratio and timing.
 *
 * <p>It keeps every field a slice header parser needs (frame_num and pic_order_cnt_lsb lengths,
 * pic_order_cnt_type, frame_mbs_only_flag, separate_colour_plane_flag, ...), since the size of
 * the slice header decides where cbcs encryption may start.
 */
public final class AvcSps {

    /** NAL unit type of a sequence parameter set. */
    public static final int NAL_TYPE = 7;

    /** The VUI timing_info fields. */
    public record TimingInfo(long numUnitsInTick, long timeScale, boolean fixedFrameRateFlag) {
    }

    private final int profileIdc;
    private final int constraintFlags;
    private final int levelIdc;
    private final int seqParameterSetId;
    private final int chromaFormatIdc;
    private final boolean separateColourPlaneFlag;
    private final int bitDepthLuma;
    private final int bitDepthChroma;
    private final boolean qpprimeYZeroTransformBypassFlag;
    private final boolean seqScalingMatrixPresentFlag;
    private final int log2MaxFrameNum;
    private final int picOrderCntType;
    private final int log2MaxPicOrderCntLsb;
    private final boolean deltaPicOrderAlwaysZeroFlag;
    private final int offsetForNonRefPic;
    private final int offsetForTopToBottomField;
    private final int numRefFramesInPicOrderCntCycle;
    private final int maxNumRefFrames;
    private final boolean gapsInFrameNumValueAllowedFlag;
    private final int picWidthInMbs;
    private final int picHeightInMapUnits;
    private final boolean frameMbsOnlyFlag;
    private final boolean mbAdaptiveFrameFieldFlag;
    private final boolean direct8x8InferenceFlag;
    private final int frameCropLeft;
    private final int frameCropRight;
    private final int frameCropTop;
    private final int frameCropBottom;
    private final int width;
    private final int height;
    private final boolean vuiParametersPresentFlag;
    private final Rational sampleAspectRatio;
    private final TimingInfo timingInfo;

    private AvcSps(BitReader r) throws PackagingException {
        profileIdc = r.readBits(8, "profile_idc");
        constraintFlags = r.readBits(8, "constraint_set flags");
        levelIdc = r.readBits(8, "level_idc");
        seqParameterSetId = r.readUE("seq_parameter_set_id", 31);

        if (hasChromaInfo(profileIdc)) {
            chromaFormatIdc = r.readUE("chroma_format_idc", 3);
            separateColourPlaneFlag = chromaFormatIdc == 3 && r.readFlag("separate_colour_plane_flag");
            bitDepthLuma = r.readUE("bit_depth_luma_minus8", 6) + 8;
            bitDepthChroma = r.readUE("bit_depth_chroma_minus8", 6) + 8;
            qpprimeYZeroTransformBypassFlag = r.readFlag("qpprime_y_zero_transform_bypass_flag");
            seqScalingMatrixPresentFlag = r.readFlag("seq_scaling_matrix_present_flag");
            if (seqScalingMatrixPresentFlag) {
                skipScalingLists(r, chromaFormatIdc != 3 ? 8 : 12);
            }
        } else {
            // Inferred values for the profiles without these fields (Baseline, Main, Extended).
            chromaFormatIdc = 1;
            separateColourPlaneFlag = false;
            bitDepthLuma = 8;
            bitDepthChroma = 8;
            qpprimeYZeroTransformBypassFlag = false;
            seqScalingMatrixPresentFlag = false;
        }

        log2MaxFrameNum = r.readUE("log2_max_frame_num_minus4", 12) + 4;
        picOrderCntType = r.readUE("pic_order_cnt_type", 2);
        if (picOrderCntType == 0) {
            log2MaxPicOrderCntLsb = r.readUE("log2_max_pic_order_cnt_lsb_minus4", 12) + 4;
            deltaPicOrderAlwaysZeroFlag = false;
            offsetForNonRefPic = 0;
            offsetForTopToBottomField = 0;
            numRefFramesInPicOrderCntCycle = 0;
        } else if (picOrderCntType == 1) {
            log2MaxPicOrderCntLsb = 0;
            deltaPicOrderAlwaysZeroFlag = r.readFlag("delta_pic_order_always_zero_flag");
            offsetForNonRefPic = r.readSE("offset_for_non_ref_pic", Integer.MIN_VALUE + 1, Integer.MAX_VALUE);
            offsetForTopToBottomField = r.readSE("offset_for_top_to_bottom_field",
                    Integer.MIN_VALUE + 1, Integer.MAX_VALUE);
            numRefFramesInPicOrderCntCycle = r.readUE("num_ref_frames_in_pic_order_cnt_cycle", 255);
            for (int i = 0; i < numRefFramesInPicOrderCntCycle; i++) {
                r.readSE("offset_for_ref_frame[" + i + "]", Integer.MIN_VALUE + 1, Integer.MAX_VALUE);
            }
        } else {
            log2MaxPicOrderCntLsb = 0;
            deltaPicOrderAlwaysZeroFlag = false;
            offsetForNonRefPic = 0;
            offsetForTopToBottomField = 0;
            numRefFramesInPicOrderCntCycle = 0;
        }

        // MaxDpbFrames is at most 16; streams are known to exceed it slightly, so allow some slack.
        maxNumRefFrames = r.readUE("max_num_ref_frames", 32);
        gapsInFrameNumValueAllowedFlag = r.readFlag("gaps_in_frame_num_value_allowed_flag");
        // 8192 macroblocks = 131072 samples: far beyond any level, and small enough for int arithmetic.
        picWidthInMbs = r.readUE("pic_width_in_mbs_minus1", 8191) + 1;
        picHeightInMapUnits = r.readUE("pic_height_in_map_units_minus1", 8191) + 1;
        frameMbsOnlyFlag = r.readFlag("frame_mbs_only_flag");
        mbAdaptiveFrameFieldFlag = !frameMbsOnlyFlag && r.readFlag("mb_adaptive_frame_field_flag");
        direct8x8InferenceFlag = r.readFlag("direct_8x8_inference_flag");
        if (r.readFlag("frame_cropping_flag")) {
            frameCropLeft = r.readUE("frame_crop_left_offset", 65535);
            frameCropRight = r.readUE("frame_crop_right_offset", 65535);
            frameCropTop = r.readUE("frame_crop_top_offset", 65535);
            frameCropBottom = r.readUE("frame_crop_bottom_offset", 65535);
        } else {
            frameCropLeft = 0;
            frameCropRight = 0;
            frameCropTop = 0;
            frameCropBottom = 0;
        }

        int codedWidth = picWidthInMbs * 16;
        int codedHeight = (frameMbsOnlyFlag ? 1 : 2) * picHeightInMapUnits * 16;
        int chromaArrayType = chromaArrayType();
        int cropUnitX = chromaArrayType == 0 ? 1 : subWidthC(chromaFormatIdc);
        int cropUnitY = (chromaArrayType == 0 ? 1 : subHeightC(chromaFormatIdc)) * (frameMbsOnlyFlag ? 1 : 2);
        long cropX = (long) cropUnitX * (frameCropLeft + frameCropRight);
        long cropY = (long) cropUnitY * (frameCropTop + frameCropBottom);
        if (cropX >= codedWidth || cropY >= codedHeight) {
            throw r.error("frame cropping (left " + frameCropLeft + ", right " + frameCropRight + ", top "
                    + frameCropTop + ", bottom " + frameCropBottom + ") leaves no picture of the coded "
                    + codedWidth + "x" + codedHeight);
        }
        width = (int) (codedWidth - cropX);
        height = (int) (codedHeight - cropY);

        vuiParametersPresentFlag = r.readFlag("vui_parameters_present_flag");
        if (vuiParametersPresentFlag) {
            Vui vui = readVui(r);
            sampleAspectRatio = vui.sar;
            timingInfo = vui.timing;
        } else {
            sampleAspectRatio = null;
            timingInfo = null;
        }
    }

    /** Parses an SPS NAL unit as stored in an {@code avcC} or a sample: header byte first, still escaped. */
    public static AvcSps parse(byte[] nal) throws PackagingException {
        return parse(nal, 0, nal.length);
    }

    /** Parses {@code len} bytes of {@code data} from {@code off} as an escaped SPS NAL unit with its header byte. */
    public static AvcSps parse(byte[] data, int off, int len) throws PackagingException {
        BitReader r = new BitReader(Rbsp.unescape(data, off, len), "H.264 SPS");
        int header = r.readBits(8, "NAL unit header");
        if ((header & 0x1F) != NAL_TYPE) {
            throw r.error("NAL unit type " + (header & 0x1F) + " is not a sequence parameter set (7)");
        }
        return new AvcSps(r);
    }

    /** Profiles whose SPS carries chroma_format_idc, bit depths and scaling matrices (7.3.2.1.1). */
    static boolean hasChromaInfo(int profileIdc) {
        switch (profileIdc) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135:
                return true;
            default:
                return false;
        }
    }

    /** Reads past {@code count} optional scaling lists: the first 6 are 4x4, the rest 8x8 (7.3.2.1.1.1). */
    static void skipScalingLists(BitReader r, int count) throws PackagingException {
        for (int i = 0; i < count; i++) {
            if (r.readFlag("scaling_list_present_flag[" + i + "]")) {
                int size = i < 6 ? 16 : 64;
                int lastScale = 8;
                int nextScale = 8;
                for (int j = 0; j < size && nextScale != 0; j++) {
                    int delta = r.readSE("delta_scale", -128, 127);
                    nextScale = (lastScale + delta + 256) % 256;
                    lastScale = nextScale == 0 ? lastScale : nextScale;
                }
            }
        }
    }

    private record Vui(Rational sar, TimingInfo timing) {
    }

    /** Reads the VUI (E.1.1) up to timing_info, then the rest so that a broken VUI is noticed. */
    private static Vui readVui(BitReader r) throws PackagingException {
        Rational sar = VuiPrefix.read(r);
        TimingInfo timing = null;
        if (r.readFlag("timing_info_present_flag")) {
            long numUnitsInTick = r.readBitsLong(32);
            long timeScale = r.readBitsLong(32);
            boolean fixed = r.readFlag("fixed_frame_rate_flag");
            timing = new TimingInfo(numUnitsInTick, timeScale, fixed);
        }
        boolean nalHrd = r.readFlag("nal_hrd_parameters_present_flag");
        if (nalHrd) {
            skipHrdParameters(r);
        }
        boolean vclHrd = r.readFlag("vcl_hrd_parameters_present_flag");
        if (vclHrd) {
            skipHrdParameters(r);
        }
        if (nalHrd || vclHrd) {
            r.readFlag("low_delay_hrd_flag");
        }
        r.readFlag("pic_struct_present_flag");
        if (r.readFlag("bitstream_restriction_flag")) {
            r.readFlag("motion_vectors_over_pic_boundaries_flag");
            r.readUE(); // max_bytes_per_pic_denom
            r.readUE(); // max_bits_per_mb_denom
            r.readUE(); // log2_max_mv_length_horizontal
            r.readUE(); // log2_max_mv_length_vertical
            r.readUE(); // max_num_reorder_frames
            r.readUE(); // max_dec_frame_buffering
        }
        return new Vui(sar, timing);
    }

    /** hrd_parameters() (E.1.2). */
    private static void skipHrdParameters(BitReader r) throws PackagingException {
        int cpbCnt = r.readUE("cpb_cnt_minus1", 31) + 1;
        r.readBits(8, "bit_rate_scale, cpb_size_scale");
        for (int i = 0; i < cpbCnt; i++) {
            r.readUE();
            r.readUE();
            r.readFlag("cbr_flag");
        }
        r.readBits(20, "HRD delay lengths and time_offset_length");
    }

    static int subWidthC(int chromaFormatIdc) {
        return chromaFormatIdc == 1 || chromaFormatIdc == 2 ? 2 : 1;
    }

    static int subHeightC(int chromaFormatIdc) {
        return chromaFormatIdc == 1 ? 2 : 1;
    }

    /** profile_idc, for example 66 Baseline, 77 Main, 100 High. */
    public int profileIdc() {
        return profileIdc;
    }

    /** constraint_set0_flag..constraint_set5_flag and reserved_zero_2bits, as the byte that holds them. */
    public int constraintFlags() {
        return constraintFlags;
    }

    /** constraint_set{@code i}_flag, i from 0 to 5. */
    public boolean constraintSetFlag(int i) {
        if (i < 0 || i > 5) {
            throw new IllegalArgumentException("constraint_set flags are numbered 0 to 5, not " + i);
        }
        return (constraintFlags & (0x80 >>> i)) != 0;
    }

    /** level_idc, ten times the level number (with 11 and constraint_set3_flag meaning level 1b). */
    public int levelIdc() {
        return levelIdc;
    }

    /** seq_parameter_set_id (0 to 31). */
    public int seqParameterSetId() {
        return seqParameterSetId;
    }

    /** chroma_format_idc: 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4 (1 when not coded). */
    public int chromaFormatIdc() {
        return chromaFormatIdc;
    }

    /** separate_colour_plane_flag (adds colour_plane_id to the slice header). */
    public boolean separateColourPlaneFlag() {
        return separateColourPlaneFlag;
    }

    /** ChromaArrayType: 0 with separate colour planes, otherwise chroma_format_idc. */
    public int chromaArrayType() {
        return separateColourPlaneFlag ? 0 : chromaFormatIdc;
    }

    /** BitDepthY, 8 to 14. */
    public int bitDepthLuma() {
        return bitDepthLuma;
    }

    /** BitDepthC, 8 to 14. */
    public int bitDepthChroma() {
        return bitDepthChroma;
    }

    /** qpprime_y_zero_transform_bypass_flag. */
    public boolean qpprimeYZeroTransformBypassFlag() {
        return qpprimeYZeroTransformBypassFlag;
    }

    /** seq_scaling_matrix_present_flag. */
    public boolean seqScalingMatrixPresentFlag() {
        return seqScalingMatrixPresentFlag;
    }

    /** log2_max_frame_num_minus4 + 4: the length in bits of frame_num in slice headers. */
    public int log2MaxFrameNum() {
        return log2MaxFrameNum;
    }

    /** pic_order_cnt_type (0 to 2). */
    public int picOrderCntType() {
        return picOrderCntType;
    }

    /**
     * log2_max_pic_order_cnt_lsb_minus4 + 4, the length in bits of pic_order_cnt_lsb in slice
     * headers; 0 unless pic_order_cnt_type is 0.
     */
    public int log2MaxPicOrderCntLsb() {
        return log2MaxPicOrderCntLsb;
    }

    /** delta_pic_order_always_zero_flag (pic_order_cnt_type 1 only). */
    public boolean deltaPicOrderAlwaysZeroFlag() {
        return deltaPicOrderAlwaysZeroFlag;
    }

    /** offset_for_non_ref_pic (pic_order_cnt_type 1 only). */
    public int offsetForNonRefPic() {
        return offsetForNonRefPic;
    }

    /** offset_for_top_to_bottom_field (pic_order_cnt_type 1 only). */
    public int offsetForTopToBottomField() {
        return offsetForTopToBottomField;
    }

    /** num_ref_frames_in_pic_order_cnt_cycle (pic_order_cnt_type 1 only; the offsets are skipped). */
    public int numRefFramesInPicOrderCntCycle() {
        return numRefFramesInPicOrderCntCycle;
    }

    /** max_num_ref_frames. */
    public int maxNumRefFrames() {
        return maxNumRefFrames;
    }

    /** gaps_in_frame_num_value_allowed_flag. */
    public boolean gapsInFrameNumValueAllowedFlag() {
        return gapsInFrameNumValueAllowedFlag;
    }

    /** pic_width_in_mbs_minus1 + 1. */
    public int picWidthInMbs() {
        return picWidthInMbs;
    }

    /** pic_height_in_map_units_minus1 + 1 (map units are field macroblock pairs when frame_mbs_only_flag is 0). */
    public int picHeightInMapUnits() {
        return picHeightInMapUnits;
    }

    /** frame_mbs_only_flag: false when the stream may contain field pictures (adds field_pic_flag to slice headers). */
    public boolean frameMbsOnlyFlag() {
        return frameMbsOnlyFlag;
    }

    /** mb_adaptive_frame_field_flag (false when frame_mbs_only_flag is set). */
    public boolean mbAdaptiveFrameFieldFlag() {
        return mbAdaptiveFrameFieldFlag;
    }

    /** direct_8x8_inference_flag. */
    public boolean direct8x8InferenceFlag() {
        return direct8x8InferenceFlag;
    }

    /** frame_crop_left_offset, in crop units. */
    public int frameCropLeftOffset() {
        return frameCropLeft;
    }

    /** frame_crop_right_offset, in crop units. */
    public int frameCropRightOffset() {
        return frameCropRight;
    }

    /** frame_crop_top_offset, in crop units. */
    public int frameCropTopOffset() {
        return frameCropTop;
    }

    /** frame_crop_bottom_offset, in crop units. */
    public int frameCropBottomOffset() {
        return frameCropBottom;
    }

    /** Width of the decoded frame before cropping: a multiple of 16. */
    public int codedWidth() {
        return picWidthInMbs * 16;
    }

    /** Height of the decoded frame before cropping. */
    public int codedHeight() {
        return (frameMbsOnlyFlag ? 1 : 2) * picHeightInMapUnits * 16;
    }

    /** Display width in luma samples: the coded width less the frame cropping. */
    public int width() {
        return width;
    }

    /** Display height in luma samples: the coded height less the frame cropping. */
    public int height() {
        return height;
    }

    /** vui_parameters_present_flag. */
    public boolean vuiParametersPresentFlag() {
        return vuiParametersPresentFlag;
    }

    /** The sample aspect ratio from the VUI, reduced; empty when absent or unspecified. */
    public Optional<Rational> sampleAspectRatio() {
        return Optional.ofNullable(sampleAspectRatio);
    }

    /** The VUI timing_info, when present. */
    public Optional<TimingInfo> timingInfo() {
        return Optional.ofNullable(timingInfo);
    }
}
