package io.packager4j.core.codec;

import io.packager4j.PackagingException;

/**
 * An H.265 picture parameter set (ITU-T H.265, 7.3.2.3.1): the fields that decide which syntax
 * elements a slice segment header contains, up to and including the range extension. The
 * multilayer, 3D and screen content coding extensions are only detected.
 */
public final class HevcPps {

    private final int ppsId;
    private final int spsId;
    private final boolean dependentSliceSegmentsEnabledFlag;
    private final boolean outputFlagPresentFlag;
    private final int numExtraSliceHeaderBits;
    private final boolean signDataHidingEnabledFlag;
    private final boolean cabacInitPresentFlag;
    private final int numRefIdxL0DefaultActiveMinus1;
    private final int numRefIdxL1DefaultActiveMinus1;
    private final int initQpMinus26;
    private final boolean constrainedIntraPredFlag;
    private final boolean transformSkipEnabledFlag;
    private final boolean cuQpDeltaEnabledFlag;
    private final int ppsCbQpOffset;
    private final int ppsCrQpOffset;
    private final boolean ppsSliceChromaQpOffsetsPresentFlag;
    private final boolean weightedPredFlag;
    private final boolean weightedBipredFlag;
    private final boolean transquantBypassEnabledFlag;
    private final boolean tilesEnabledFlag;
    private final boolean entropyCodingSyncEnabledFlag;
    private final int numTileColumns;
    private final int numTileRows;
    private final boolean ppsLoopFilterAcrossSlicesEnabledFlag;
    private final boolean deblockingFilterControlPresentFlag;
    private final boolean deblockingFilterOverrideEnabledFlag;
    private final boolean ppsDeblockingFilterDisabledFlag;
    private final boolean listsModificationPresentFlag;
    private final int log2ParallelMergeLevel;
    private final boolean sliceSegmentHeaderExtensionPresentFlag;
    private final boolean rangeExtensionFlag;
    private final boolean chromaQpOffsetListEnabledFlag;
    private final boolean multilayerExtensionFlag;
    private final boolean extension3dFlag;
    private final boolean sccExtensionFlag;

    private HevcPps(BitReader r) throws PackagingException {
        ppsId = r.readUE("pps_pic_parameter_set_id", 63);
        spsId = r.readUE("pps_seq_parameter_set_id", 15);
        dependentSliceSegmentsEnabledFlag = r.readFlag("dependent_slice_segments_enabled_flag");
        outputFlagPresentFlag = r.readFlag("output_flag_present_flag");
        numExtraSliceHeaderBits = r.readBits(3, "num_extra_slice_header_bits");
        signDataHidingEnabledFlag = r.readFlag("sign_data_hiding_enabled_flag");
        cabacInitPresentFlag = r.readFlag("cabac_init_present_flag");
        numRefIdxL0DefaultActiveMinus1 = r.readUE("num_ref_idx_l0_default_active_minus1", 14);
        numRefIdxL1DefaultActiveMinus1 = r.readUE("num_ref_idx_l1_default_active_minus1", 14);
        // -(26 + QpBdOffsetY) .. +25, with QpBdOffsetY at most 48 for 16-bit video.
        initQpMinus26 = r.readSE("init_qp_minus26", -74, 25);
        constrainedIntraPredFlag = r.readFlag("constrained_intra_pred_flag");
        transformSkipEnabledFlag = r.readFlag("transform_skip_enabled_flag");
        cuQpDeltaEnabledFlag = r.readFlag("cu_qp_delta_enabled_flag");
        if (cuQpDeltaEnabledFlag) {
            r.readUE("diff_cu_qp_delta_depth", 3);
        }
        ppsCbQpOffset = r.readSE("pps_cb_qp_offset", -12, 12);
        ppsCrQpOffset = r.readSE("pps_cr_qp_offset", -12, 12);
        ppsSliceChromaQpOffsetsPresentFlag = r.readFlag("pps_slice_chroma_qp_offsets_present_flag");
        weightedPredFlag = r.readFlag("weighted_pred_flag");
        weightedBipredFlag = r.readFlag("weighted_bipred_flag");
        transquantBypassEnabledFlag = r.readFlag("transquant_bypass_enabled_flag");
        tilesEnabledFlag = r.readFlag("tiles_enabled_flag");
        entropyCodingSyncEnabledFlag = r.readFlag("entropy_coding_sync_enabled_flag");
        if (tilesEnabledFlag) {
            // Bounded by the 64x64 CTBs of a 16K picture, well above the level limits (20 x 22).
            numTileColumns = r.readUE("num_tile_columns_minus1", 1023) + 1;
            numTileRows = r.readUE("num_tile_rows_minus1", 1023) + 1;
            if (!r.readFlag("uniform_spacing_flag")) {
                for (int i = 0; i < numTileColumns - 1; i++) {
                    r.readUE(); // column_width_minus1
                }
                for (int i = 0; i < numTileRows - 1; i++) {
                    r.readUE(); // row_height_minus1
                }
            }
            r.readFlag("loop_filter_across_tiles_enabled_flag");
        } else {
            numTileColumns = 1;
            numTileRows = 1;
        }
        ppsLoopFilterAcrossSlicesEnabledFlag = r.readFlag("pps_loop_filter_across_slices_enabled_flag");
        deblockingFilterControlPresentFlag = r.readFlag("deblocking_filter_control_present_flag");
        if (deblockingFilterControlPresentFlag) {
            deblockingFilterOverrideEnabledFlag = r.readFlag("deblocking_filter_override_enabled_flag");
            ppsDeblockingFilterDisabledFlag = r.readFlag("pps_deblocking_filter_disabled_flag");
            if (!ppsDeblockingFilterDisabledFlag) {
                r.readSE("pps_beta_offset_div2", -6, 6);
                r.readSE("pps_tc_offset_div2", -6, 6);
            }
        } else {
            deblockingFilterOverrideEnabledFlag = false;
            ppsDeblockingFilterDisabledFlag = false;
        }
        if (r.readFlag("pps_scaling_list_data_present_flag")) {
            HevcSps.skipScalingListData(r);
        }
        listsModificationPresentFlag = r.readFlag("lists_modification_present_flag");
        log2ParallelMergeLevel = r.readUE("log2_parallel_merge_level_minus2", 4) + 2;
        sliceSegmentHeaderExtensionPresentFlag = r.readFlag("slice_segment_header_extension_present_flag");

        boolean range = false;
        boolean chromaQpOffsetList = false;
        boolean multilayer = false;
        boolean ext3d = false;
        boolean scc = false;
        if (r.readFlag("pps_extension_present_flag")) {
            range = r.readFlag("pps_range_extension_flag");
            multilayer = r.readFlag("pps_multilayer_extension_flag");
            ext3d = r.readFlag("pps_3d_extension_flag");
            scc = r.readFlag("pps_scc_extension_flag");
            r.readBits(4, "pps_extension_4bits");
            if (range) {
                chromaQpOffsetList = readRangeExtension(r);
            }
        }
        rangeExtensionFlag = range;
        chromaQpOffsetListEnabledFlag = chromaQpOffsetList;
        multilayerExtensionFlag = multilayer;
        extension3dFlag = ext3d;
        sccExtensionFlag = scc;
    }

    /** pps_range_extension() (7.3.2.3.2); returns chroma_qp_offset_list_enabled_flag. */
    private boolean readRangeExtension(BitReader r) throws PackagingException {
        if (transformSkipEnabledFlag) {
            r.readUE("log2_max_transform_skip_block_size_minus2", 3);
        }
        r.readFlag("cross_component_prediction_enabled_flag");
        boolean list = r.readFlag("chroma_qp_offset_list_enabled_flag");
        if (list) {
            r.readUE("diff_cu_chroma_qp_offset_depth", 3);
            int len = r.readUE("chroma_qp_offset_list_len_minus1", 5) + 1;
            for (int i = 0; i < len; i++) {
                r.readSE("cb_qp_offset_list", -12, 12);
                r.readSE("cr_qp_offset_list", -12, 12);
            }
        }
        r.readUE("log2_sao_offset_scale_luma", 6);
        r.readUE("log2_sao_offset_scale_chroma", 6);
        return list;
    }

    /** Parses a PPS NAL unit as stored in an {@code hvcC} or a sample: 2-byte header first, still escaped. */
    public static HevcPps parse(byte[] nal) throws PackagingException {
        return parse(nal, 0, nal.length);
    }

    /** Parses {@code len} bytes of {@code data} from {@code off} as an escaped PPS NAL unit with its header. */
    public static HevcPps parse(byte[] data, int off, int len) throws PackagingException {
        BitReader r = new BitReader(Rbsp.unescape(data, off, len), "H.265 PPS");
        int header = r.readBits(16, "NAL unit header");
        int type = (header >>> 9) & 0x3F;
        if (type != HevcDecoderConfig.NAL_PPS) {
            throw r.error("NAL unit type " + type + " is not a picture parameter set (34)");
        }
        return new HevcPps(r);
    }

    /** pps_pic_parameter_set_id (0 to 63). */
    public int ppsId() {
        return ppsId;
    }

    /** pps_seq_parameter_set_id (0 to 15). */
    public int spsId() {
        return spsId;
    }

    /** dependent_slice_segments_enabled_flag (adds dependent_slice_segment_flag to slice segment headers). */
    public boolean dependentSliceSegmentsEnabledFlag() {
        return dependentSliceSegmentsEnabledFlag;
    }

    /** output_flag_present_flag (adds pic_output_flag). */
    public boolean outputFlagPresentFlag() {
        return outputFlagPresentFlag;
    }

    /** num_extra_slice_header_bits (0 to 7). */
    public int numExtraSliceHeaderBits() {
        return numExtraSliceHeaderBits;
    }

    /** sign_data_hiding_enabled_flag. */
    public boolean signDataHidingEnabledFlag() {
        return signDataHidingEnabledFlag;
    }

    /** cabac_init_present_flag (adds cabac_init_flag). */
    public boolean cabacInitPresentFlag() {
        return cabacInitPresentFlag;
    }

    /** num_ref_idx_l0_default_active_minus1 (0 to 14). */
    public int numRefIdxL0DefaultActiveMinus1() {
        return numRefIdxL0DefaultActiveMinus1;
    }

    /** num_ref_idx_l1_default_active_minus1 (0 to 14). */
    public int numRefIdxL1DefaultActiveMinus1() {
        return numRefIdxL1DefaultActiveMinus1;
    }

    /** init_qp_minus26. */
    public int initQpMinus26() {
        return initQpMinus26;
    }

    /** constrained_intra_pred_flag. */
    public boolean constrainedIntraPredFlag() {
        return constrainedIntraPredFlag;
    }

    /** transform_skip_enabled_flag. */
    public boolean transformSkipEnabledFlag() {
        return transformSkipEnabledFlag;
    }

    /** cu_qp_delta_enabled_flag. */
    public boolean cuQpDeltaEnabledFlag() {
        return cuQpDeltaEnabledFlag;
    }

    /** pps_cb_qp_offset. */
    public int ppsCbQpOffset() {
        return ppsCbQpOffset;
    }

    /** pps_cr_qp_offset. */
    public int ppsCrQpOffset() {
        return ppsCrQpOffset;
    }

    /** pps_slice_chroma_qp_offsets_present_flag (adds slice_cb_qp_offset and slice_cr_qp_offset). */
    public boolean ppsSliceChromaQpOffsetsPresentFlag() {
        return ppsSliceChromaQpOffsetsPresentFlag;
    }

    /** weighted_pred_flag (P slices carry a pred_weight_table). */
    public boolean weightedPredFlag() {
        return weightedPredFlag;
    }

    /** weighted_bipred_flag (B slices carry a pred_weight_table). */
    public boolean weightedBipredFlag() {
        return weightedBipredFlag;
    }

    /** transquant_bypass_enabled_flag. */
    public boolean transquantBypassEnabledFlag() {
        return transquantBypassEnabledFlag;
    }

    /** tiles_enabled_flag (with entropy_coding_sync_enabled_flag, adds entry point offsets). */
    public boolean tilesEnabledFlag() {
        return tilesEnabledFlag;
    }

    /** entropy_coding_sync_enabled_flag (wavefront parallel processing). */
    public boolean entropyCodingSyncEnabledFlag() {
        return entropyCodingSyncEnabledFlag;
    }

    /** num_tile_columns_minus1 + 1 (1 without tiles). */
    public int numTileColumns() {
        return numTileColumns;
    }

    /** num_tile_rows_minus1 + 1 (1 without tiles). */
    public int numTileRows() {
        return numTileRows;
    }

    /** pps_loop_filter_across_slices_enabled_flag (with SAO or deblocking, adds slice_loop_filter_across_slices_enabled_flag). */
    public boolean ppsLoopFilterAcrossSlicesEnabledFlag() {
        return ppsLoopFilterAcrossSlicesEnabledFlag;
    }

    /** deblocking_filter_control_present_flag. */
    public boolean deblockingFilterControlPresentFlag() {
        return deblockingFilterControlPresentFlag;
    }

    /** deblocking_filter_override_enabled_flag (adds deblocking_filter_override_flag). */
    public boolean deblockingFilterOverrideEnabledFlag() {
        return deblockingFilterOverrideEnabledFlag;
    }

    /** pps_deblocking_filter_disabled_flag. */
    public boolean ppsDeblockingFilterDisabledFlag() {
        return ppsDeblockingFilterDisabledFlag;
    }

    /** lists_modification_present_flag (adds ref_pic_lists_modification). */
    public boolean listsModificationPresentFlag() {
        return listsModificationPresentFlag;
    }

    /** Log2ParMrgLevel = log2_parallel_merge_level_minus2 + 2. */
    public int log2ParallelMergeLevel() {
        return log2ParallelMergeLevel;
    }

    /** slice_segment_header_extension_present_flag (adds slice_segment_header_extension_length and its bytes). */
    public boolean sliceSegmentHeaderExtensionPresentFlag() {
        return sliceSegmentHeaderExtensionPresentFlag;
    }

    /** pps_range_extension_flag. */
    public boolean rangeExtensionFlag() {
        return rangeExtensionFlag;
    }

    /** chroma_qp_offset_list_enabled_flag from the range extension (adds cu_chroma_qp_offset_enabled_flag). */
    public boolean chromaQpOffsetListEnabledFlag() {
        return chromaQpOffsetListEnabledFlag;
    }

    /** pps_multilayer_extension_flag (not parsed). */
    public boolean multilayerExtensionFlag() {
        return multilayerExtensionFlag;
    }

    /** pps_3d_extension_flag (not parsed). */
    public boolean extension3dFlag() {
        return extension3dFlag;
    }

    /**
     * pps_scc_extension_flag (not parsed). Screen content coding can add slice_act_y_qp_offset
     * and friends to slice segment headers, so a slice header parser must refuse such streams.
     */
    public boolean sccExtensionFlag() {
        return sccExtensionFlag;
    }
}
