package io.packager4j.core.codec;

import io.packager4j.PackagingException;
import io.packager4j.core.media.Rational;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An H.265 sequence parameter set (ITU-T H.265, 7.3.2.2.1 and E.2.1) of the base layer: picture
 * size with the conformance window, chroma format and bit depths, the coding block sizes, the
 * short- and long-term reference picture parameters, and from the VUI the sample aspect ratio and
 * timing.
 *
 * <p>The sample aspect ratio comes last in the sense that reaching the VUI requires parsing every
 * field before it, including the short-term reference picture sets; those, and the other fields a
 * slice segment header parser needs, are kept. SPS extensions are only detected, not parsed
 * (nothing in them changes the slice header except the screen content coding extension, which
 * {@link #sccExtensionFlag()} reports).
 */
public final class HevcSps {

    /** The VUI timing fields. */
    public record TimingInfo(long numUnitsInTick, long timeScale, boolean pocProportionalToTimingFlag,
                             long numTicksPocDiffOneMinus1) {
    }

    private final int vpsId;
    private final int maxSubLayersMinus1;
    private final boolean temporalIdNestingFlag;
    private final HevcProfileTierLevel profileTierLevel;
    private final int spsId;
    private final int chromaFormatIdc;
    private final boolean separateColourPlaneFlag;
    private final int picWidthInLumaSamples;
    private final int picHeightInLumaSamples;
    private final int confWinLeftOffset;
    private final int confWinRightOffset;
    private final int confWinTopOffset;
    private final int confWinBottomOffset;
    private final int bitDepthLuma;
    private final int bitDepthChroma;
    private final int log2MaxPicOrderCntLsb;
    private final int[] maxDecPicBufferingMinus1;
    private final int[] maxNumReorderPics;
    private final int log2MinLumaCodingBlockSize;
    private final int log2DiffMaxMinLumaCodingBlockSize;
    private final int log2MinLumaTransformBlockSize;
    private final int log2DiffMaxMinLumaTransformBlockSize;
    private final boolean scalingListEnabledFlag;
    private final boolean ampEnabledFlag;
    private final boolean sampleAdaptiveOffsetEnabledFlag;
    private final boolean pcmEnabledFlag;
    private final List<HevcShortTermRefPicSet> shortTermRefPicSets;
    private final boolean longTermRefPicsPresentFlag;
    private final boolean[] usedByCurrPicLtSpsFlags;
    private final boolean spsTemporalMvpEnabledFlag;
    private final boolean strongIntraSmoothingEnabledFlag;
    private final boolean vuiParametersPresentFlag;
    private final Rational sampleAspectRatio;
    private final TimingInfo timingInfo;
    private final boolean rangeExtensionFlag;
    private final boolean multilayerExtensionFlag;
    private final boolean extension3dFlag;
    private final boolean sccExtensionFlag;

    private HevcSps(BitReader r) throws PackagingException {
        vpsId = r.readBits(4, "sps_video_parameter_set_id");
        maxSubLayersMinus1 = r.readBits(3, "sps_max_sub_layers_minus1");
        if (maxSubLayersMinus1 > 6) {
            throw r.error("sps_max_sub_layers_minus1 = 7 is not allowed (at most 6)");
        }
        temporalIdNestingFlag = r.readFlag("sps_temporal_id_nesting_flag");
        profileTierLevel = HevcProfileTierLevel.read(r, maxSubLayersMinus1);
        spsId = r.readUE("sps_seq_parameter_set_id", 15);
        chromaFormatIdc = r.readUE("chroma_format_idc", 3);
        separateColourPlaneFlag = chromaFormatIdc == 3 && r.readFlag("separate_colour_plane_flag");
        picWidthInLumaSamples = r.readUE("pic_width_in_luma_samples", 65536);
        picHeightInLumaSamples = r.readUE("pic_height_in_luma_samples", 65536);
        if (picWidthInLumaSamples == 0 || picHeightInLumaSamples == 0) {
            throw r.error("picture size " + picWidthInLumaSamples + "x" + picHeightInLumaSamples + " is empty");
        }
        if (r.readFlag("conformance_window_flag")) {
            confWinLeftOffset = r.readUE("conf_win_left_offset", 65536);
            confWinRightOffset = r.readUE("conf_win_right_offset", 65536);
            confWinTopOffset = r.readUE("conf_win_top_offset", 65536);
            confWinBottomOffset = r.readUE("conf_win_bottom_offset", 65536);
        } else {
            confWinLeftOffset = 0;
            confWinRightOffset = 0;
            confWinTopOffset = 0;
            confWinBottomOffset = 0;
        }
        if (width() <= 0 || height() <= 0) {
            throw r.error("conformance window (left " + confWinLeftOffset + ", right " + confWinRightOffset
                    + ", top " + confWinTopOffset + ", bottom " + confWinBottomOffset + ") leaves no picture of the coded "
                    + picWidthInLumaSamples + "x" + picHeightInLumaSamples);
        }
        bitDepthLuma = r.readUE("bit_depth_luma_minus8", 8) + 8;
        bitDepthChroma = r.readUE("bit_depth_chroma_minus8", 8) + 8;
        log2MaxPicOrderCntLsb = r.readUE("log2_max_pic_order_cnt_lsb_minus4", 12) + 4;

        int layers = maxSubLayersMinus1 + 1;
        maxDecPicBufferingMinus1 = new int[layers];
        maxNumReorderPics = new int[layers];
        boolean orderingInfoForAll = r.readFlag("sps_sub_layer_ordering_info_present_flag");
        for (int i = orderingInfoForAll ? 0 : maxSubLayersMinus1; i < layers; i++) {
            maxDecPicBufferingMinus1[i] = r.readUE("sps_max_dec_pic_buffering_minus1", 15);
            maxNumReorderPics[i] = r.readUE("sps_max_num_reorder_pics", 15);
            r.readUE(); // sps_max_latency_increase_plus1: any 32-bit value is allowed
        }
        if (!orderingInfoForAll) {
            // Only the highest sub-layer is coded; the lower ones are inferred equal to it.
            for (int i = 0; i < maxSubLayersMinus1; i++) {
                maxDecPicBufferingMinus1[i] = maxDecPicBufferingMinus1[maxSubLayersMinus1];
                maxNumReorderPics[i] = maxNumReorderPics[maxSubLayersMinus1];
            }
        }

        log2MinLumaCodingBlockSize = r.readUE("log2_min_luma_coding_block_size_minus3", 3) + 3;
        log2DiffMaxMinLumaCodingBlockSize = r.readUE("log2_diff_max_min_luma_coding_block_size", 3);
        if (ctbLog2SizeY() > 6) {
            throw r.error("coding tree block size 2^" + ctbLog2SizeY() + " exceeds the maximum 64");
        }
        log2MinLumaTransformBlockSize = r.readUE("log2_min_luma_transform_block_size_minus2", 3) + 2;
        log2DiffMaxMinLumaTransformBlockSize = r.readUE("log2_diff_max_min_luma_transform_block_size", 3);
        r.readUE("max_transform_hierarchy_depth_inter", 4);
        r.readUE("max_transform_hierarchy_depth_intra", 4);
        scalingListEnabledFlag = r.readFlag("scaling_list_enabled_flag");
        if (scalingListEnabledFlag && r.readFlag("sps_scaling_list_data_present_flag")) {
            skipScalingListData(r);
        }
        ampEnabledFlag = r.readFlag("amp_enabled_flag");
        sampleAdaptiveOffsetEnabledFlag = r.readFlag("sample_adaptive_offset_enabled_flag");
        pcmEnabledFlag = r.readFlag("pcm_enabled_flag");
        if (pcmEnabledFlag) {
            r.readBits(8, "pcm_sample_bit_depth_luma_minus1, pcm_sample_bit_depth_chroma_minus1");
            r.readUE("log2_min_pcm_luma_coding_block_size_minus3", 2);
            r.readUE("log2_diff_max_min_pcm_luma_coding_block_size", 2);
            r.readFlag("pcm_loop_filter_disabled_flag");
        }

        int numSets = r.readUE("num_short_term_ref_pic_sets", 64);
        List<HevcShortTermRefPicSet> sets = new ArrayList<>(numSets);
        for (int i = 0; i < numSets; i++) {
            sets.add(HevcShortTermRefPicSet.parseInSps(r, sets));
        }
        shortTermRefPicSets = List.copyOf(sets);

        longTermRefPicsPresentFlag = r.readFlag("long_term_ref_pics_present_flag");
        if (longTermRefPicsPresentFlag) {
            int numLt = r.readUE("num_long_term_ref_pics_sps", 32);
            usedByCurrPicLtSpsFlags = new boolean[numLt];
            for (int i = 0; i < numLt; i++) {
                r.readBits(log2MaxPicOrderCntLsb, "lt_ref_pic_poc_lsb_sps");
                usedByCurrPicLtSpsFlags[i] = r.readFlag("used_by_curr_pic_lt_sps_flag");
            }
        } else {
            usedByCurrPicLtSpsFlags = new boolean[0];
        }
        spsTemporalMvpEnabledFlag = r.readFlag("sps_temporal_mvp_enabled_flag");
        strongIntraSmoothingEnabledFlag = r.readFlag("strong_intra_smoothing_enabled_flag");

        vuiParametersPresentFlag = r.readFlag("vui_parameters_present_flag");
        if (vuiParametersPresentFlag) {
            HevcVui vui = HevcVui.read(r, maxSubLayersMinus1);
            sampleAspectRatio = vui.sampleAspectRatio();
            timingInfo = vui.timingInfo();
        } else {
            sampleAspectRatio = null;
            timingInfo = null;
        }

        if (r.readFlag("sps_extension_present_flag")) {
            rangeExtensionFlag = r.readFlag("sps_range_extension_flag");
            multilayerExtensionFlag = r.readFlag("sps_multilayer_extension_flag");
            extension3dFlag = r.readFlag("sps_3d_extension_flag");
            sccExtensionFlag = r.readFlag("sps_scc_extension_flag");
        } else {
            rangeExtensionFlag = false;
            multilayerExtensionFlag = false;
            extension3dFlag = false;
            sccExtensionFlag = false;
        }
    }

    /** Parses an SPS NAL unit as stored in an {@code hvcC} or a sample: 2-byte header first, still escaped. */
    public static HevcSps parse(byte[] nal) throws PackagingException {
        return parse(nal, 0, nal.length);
    }

    /** Parses {@code len} bytes of {@code data} from {@code off} as an escaped SPS NAL unit with its header. */
    public static HevcSps parse(byte[] data, int off, int len) throws PackagingException {
        BitReader r = new BitReader(Rbsp.unescape(data, off, len), "H.265 SPS");
        int header = r.readBits(16, "NAL unit header");
        int type = (header >>> 9) & 0x3F;
        int layerId = (header >>> 3) & 0x3F;
        if (type != HevcDecoderConfig.NAL_SPS) {
            throw r.error("NAL unit type " + type + " is not a sequence parameter set (33)");
        }
        if (layerId != 0) {
            // Layers above the base may use a different SPS syntax (F.7.3.2.2.1); only the base layer is packaged.
            throw r.error("SPS of layer " + layerId + " is not supported (only the base layer, nuh_layer_id 0)");
        }
        return new HevcSps(r);
    }

    /**
     * Reads past scaling_list_data() (7.3.4), which the SPS and the PPS share. Only the lengths
     * matter here, so prediction from other lists is not resolved.
     */
    static void skipScalingListData(BitReader r) throws PackagingException {
        for (int sizeId = 0; sizeId < 4; sizeId++) {
            for (int matrixId = 0; matrixId < 6; matrixId += sizeId == 3 ? 3 : 1) {
                if (!r.readFlag("scaling_list_pred_mode_flag")) {
                    // For 32x32 the standard allows at most matrixId / 3, but x265 3.5 writes the
                    // distance in matrices (3); the value is not needed here, so both are accepted.
                    r.readUE("scaling_list_pred_matrix_id_delta", matrixId);
                } else {
                    int coefNum = Math.min(64, 1 << (4 + (sizeId << 1)));
                    if (sizeId > 1) {
                        r.readSE("scaling_list_dc_coef_minus8", -7, 247);
                    }
                    for (int i = 0; i < coefNum; i++) {
                        r.readSE("scaling_list_delta_coef", -128, 127);
                    }
                }
            }
        }
    }

    /** sps_video_parameter_set_id. */
    public int vpsId() {
        return vpsId;
    }

    /** sps_max_sub_layers_minus1 + 1 (1 to 7). */
    public int maxSubLayers() {
        return maxSubLayersMinus1 + 1;
    }

    /** sps_temporal_id_nesting_flag. */
    public boolean temporalIdNestingFlag() {
        return temporalIdNestingFlag;
    }

    /** The general profile, tier and level. */
    public HevcProfileTierLevel profileTierLevel() {
        return profileTierLevel;
    }

    /** sps_seq_parameter_set_id (0 to 15). */
    public int spsId() {
        return spsId;
    }

    /** chroma_format_idc: 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4. */
    public int chromaFormatIdc() {
        return chromaFormatIdc;
    }

    /** separate_colour_plane_flag (adds colour_plane_id to slice segment headers). */
    public boolean separateColourPlaneFlag() {
        return separateColourPlaneFlag;
    }

    /** ChromaArrayType: 0 with separate colour planes, otherwise chroma_format_idc. */
    public int chromaArrayType() {
        return separateColourPlaneFlag ? 0 : chromaFormatIdc;
    }

    /** pic_width_in_luma_samples: the coded width. */
    public int picWidthInLumaSamples() {
        return picWidthInLumaSamples;
    }

    /** pic_height_in_luma_samples: the coded height. */
    public int picHeightInLumaSamples() {
        return picHeightInLumaSamples;
    }

    /** conf_win_left_offset, in chroma sample units. */
    public int confWinLeftOffset() {
        return confWinLeftOffset;
    }

    /** conf_win_right_offset, in chroma sample units. */
    public int confWinRightOffset() {
        return confWinRightOffset;
    }

    /** conf_win_top_offset, in chroma sample units. */
    public int confWinTopOffset() {
        return confWinTopOffset;
    }

    /** conf_win_bottom_offset, in chroma sample units. */
    public int confWinBottomOffset() {
        return confWinBottomOffset;
    }

    /** Display width: the coded width less the conformance window. */
    public int width() {
        return picWidthInLumaSamples - AvcSps.subWidthC(chromaFormatIdc) * (confWinLeftOffset + confWinRightOffset);
    }

    /** Display height: the coded height less the conformance window. */
    public int height() {
        return picHeightInLumaSamples - AvcSps.subHeightC(chromaFormatIdc) * (confWinTopOffset + confWinBottomOffset);
    }

    /** BitDepthY, 8 to 16. */
    public int bitDepthLuma() {
        return bitDepthLuma;
    }

    /** BitDepthC, 8 to 16. */
    public int bitDepthChroma() {
        return bitDepthChroma;
    }

    /** log2_max_pic_order_cnt_lsb_minus4 + 4: the length in bits of slice_pic_order_cnt_lsb. */
    public int log2MaxPicOrderCntLsb() {
        return log2MaxPicOrderCntLsb;
    }

    /** sps_max_dec_pic_buffering_minus1 of the highest sub-layer. */
    public int maxDecPicBufferingMinus1() {
        return maxDecPicBufferingMinus1[maxSubLayersMinus1];
    }

    /** sps_max_num_reorder_pics of the highest sub-layer. */
    public int maxNumReorderPics() {
        return maxNumReorderPics[maxSubLayersMinus1];
    }

    /** MinCbLog2SizeY = log2_min_luma_coding_block_size_minus3 + 3. */
    public int log2MinLumaCodingBlockSize() {
        return log2MinLumaCodingBlockSize;
    }

    /** log2_diff_max_min_luma_coding_block_size. */
    public int log2DiffMaxMinLumaCodingBlockSize() {
        return log2DiffMaxMinLumaCodingBlockSize;
    }

    /** MinTbLog2SizeY = log2_min_luma_transform_block_size_minus2 + 2. */
    public int log2MinLumaTransformBlockSize() {
        return log2MinLumaTransformBlockSize;
    }

    /** log2_diff_max_min_luma_transform_block_size. */
    public int log2DiffMaxMinLumaTransformBlockSize() {
        return log2DiffMaxMinLumaTransformBlockSize;
    }

    /** CtbLog2SizeY: log2 of the coding tree block size. */
    public int ctbLog2SizeY() {
        return log2MinLumaCodingBlockSize + log2DiffMaxMinLumaCodingBlockSize;
    }

    /** PicWidthInCtbsY. */
    public int picWidthInCtbsY() {
        return ceilDiv(picWidthInLumaSamples, 1 << ctbLog2SizeY());
    }

    /** PicHeightInCtbsY. */
    public int picHeightInCtbsY() {
        return ceilDiv(picHeightInLumaSamples, 1 << ctbLog2SizeY());
    }

    /** PicSizeInCtbsY, which sizes slice_segment_address in slice segment headers. */
    public int picSizeInCtbsY() {
        return picWidthInCtbsY() * picHeightInCtbsY();
    }

    /** scaling_list_enabled_flag. */
    public boolean scalingListEnabledFlag() {
        return scalingListEnabledFlag;
    }

    /** amp_enabled_flag. */
    public boolean ampEnabledFlag() {
        return ampEnabledFlag;
    }

    /** sample_adaptive_offset_enabled_flag (adds the slice_sao flags to slice segment headers). */
    public boolean sampleAdaptiveOffsetEnabledFlag() {
        return sampleAdaptiveOffsetEnabledFlag;
    }

    /** pcm_enabled_flag. */
    public boolean pcmEnabledFlag() {
        return pcmEnabledFlag;
    }

    /** num_short_term_ref_pic_sets (0 to 64). */
    public int numShortTermRefPicSets() {
        return shortTermRefPicSets.size();
    }

    /** The short-term reference picture sets, in SPS order. */
    public List<HevcShortTermRefPicSet> shortTermRefPicSets() {
        return shortTermRefPicSets;
    }

    /** long_term_ref_pics_present_flag. */
    public boolean longTermRefPicsPresentFlag() {
        return longTermRefPicsPresentFlag;
    }

    /** num_long_term_ref_pics_sps (0 to 32). */
    public int numLongTermRefPicsSps() {
        return usedByCurrPicLtSpsFlags.length;
    }

    /** used_by_curr_pic_lt_sps_flag[i], needed for NumPicTotalCurr when a slice uses lt_idx_sps. */
    public boolean usedByCurrPicLtSpsFlag(int i) {
        return usedByCurrPicLtSpsFlags[i];
    }

    /** sps_temporal_mvp_enabled_flag (adds slice_temporal_mvp_enabled_flag to slice segment headers). */
    public boolean spsTemporalMvpEnabledFlag() {
        return spsTemporalMvpEnabledFlag;
    }

    /** strong_intra_smoothing_enabled_flag. */
    public boolean strongIntraSmoothingEnabledFlag() {
        return strongIntraSmoothingEnabledFlag;
    }

    /** vui_parameters_present_flag. */
    public boolean vuiParametersPresentFlag() {
        return vuiParametersPresentFlag;
    }

    /** The sample aspect ratio from the VUI, reduced; empty when absent or unspecified. */
    public Optional<Rational> sampleAspectRatio() {
        return Optional.ofNullable(sampleAspectRatio);
    }

    /** The VUI timing fields, when present. */
    public Optional<TimingInfo> timingInfo() {
        return Optional.ofNullable(timingInfo);
    }

    /** sps_range_extension_flag (the extension itself is not parsed). */
    public boolean rangeExtensionFlag() {
        return rangeExtensionFlag;
    }

    /** sps_multilayer_extension_flag (not parsed). */
    public boolean multilayerExtensionFlag() {
        return multilayerExtensionFlag;
    }

    /** sps_3d_extension_flag (not parsed). */
    public boolean extension3dFlag() {
        return extension3dFlag;
    }

    /**
     * sps_scc_extension_flag (not parsed). Screen content coding can add use_integer_mv_flag to
     * slice segment headers, so a slice header parser must refuse such streams.
     */
    public boolean sccExtensionFlag() {
        return sccExtensionFlag;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
