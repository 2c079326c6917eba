package io.packager4j.core.codec;

import io.packager4j.PackagingException;

/**
 * An H.264 picture parameter set (ITU-T H.264, 7.3.2.2): the fields that decide which syntax
 * elements a slice header contains and how long they are.
 *
 * <p>Parsing stops after pic_scaling_matrix_present_flag: the scaling lists that may follow are
 * counted from the chroma format of the SPS, and nothing after them affects slice headers.
 */
public final class AvcPps {

    /** NAL unit type of a picture parameter set. */
    public static final int NAL_TYPE = 8;

    private final int picParameterSetId;
    private final int seqParameterSetId;
    private final boolean entropyCodingModeFlag;
    private final boolean bottomFieldPicOrderInFramePresentFlag;
    private final int numSliceGroups;
    private final int sliceGroupMapType;
    private final int sliceGroupChangeRate;
    private final int picSizeInMapUnits;
    private final int numRefIdxL0DefaultActiveMinus1;
    private final int numRefIdxL1DefaultActiveMinus1;
    private final boolean weightedPredFlag;
    private final int weightedBipredIdc;
    private final int picInitQpMinus26;
    private final int picInitQsMinus26;
    private final int chromaQpIndexOffset;
    private final boolean deblockingFilterControlPresentFlag;
    private final boolean constrainedIntraPredFlag;
    private final boolean redundantPicCntPresentFlag;
    private final boolean transform8x8ModeFlag;
    private final boolean picScalingMatrixPresentFlag;

    private AvcPps(BitReader r) throws PackagingException {
        picParameterSetId = r.readUE("pic_parameter_set_id", 255);
        seqParameterSetId = r.readUE("seq_parameter_set_id", 31);
        entropyCodingModeFlag = r.readFlag("entropy_coding_mode_flag");
        bottomFieldPicOrderInFramePresentFlag = r.readFlag("bottom_field_pic_order_in_frame_present_flag");
        numSliceGroups = r.readUE("num_slice_groups_minus1", 7) + 1;
        int mapType = 0;
        int changeRate = 0;
        int sizeInMapUnits = 0;
        if (numSliceGroups > 1) {
            mapType = r.readUE("slice_group_map_type", 6);
            switch (mapType) {
                case 0 -> {
                    for (int g = 0; g < numSliceGroups; g++) {
                        r.readUE(); // run_length_minus1
                    }
                }
                case 2 -> {
                    for (int g = 0; g < numSliceGroups - 1; g++) {
                        r.readUE(); // top_left
                        r.readUE(); // bottom_right
                    }
                }
                case 3, 4, 5 -> {
                    r.readFlag("slice_group_change_direction_flag");
                    // The slice header codes slice_group_change_cycle with a length derived from this rate.
                    changeRate = (int) Math.min(r.readUE() + 1, Integer.MAX_VALUE);
                }
                case 6 -> {
                    sizeInMapUnits = r.readUE("pic_size_in_map_units_minus1", 8192 * 8192) + 1;
                    int bits = ceilLog2(numSliceGroups);
                    r.skipBits((long) sizeInMapUnits * bits);
                }
                default -> {
                    // Type 1 (dispersed) has no parameters.
                }
            }
        }
        sliceGroupMapType = mapType;
        sliceGroupChangeRate = changeRate;
        picSizeInMapUnits = sizeInMapUnits;
        numRefIdxL0DefaultActiveMinus1 = r.readUE("num_ref_idx_l0_default_active_minus1", 31);
        numRefIdxL1DefaultActiveMinus1 = r.readUE("num_ref_idx_l1_default_active_minus1", 31);
        weightedPredFlag = r.readFlag("weighted_pred_flag");
        weightedBipredIdc = r.readBits(2, "weighted_bipred_idc");
        if (weightedBipredIdc == 3) {
            throw r.error("weighted_bipred_idc 3 is reserved");
        }
        // -(26 + QpBdOffsetY) .. +25, with QpBdOffsetY at most 36 for 14-bit video.
        picInitQpMinus26 = r.readSE("pic_init_qp_minus26", -62, 25);
        picInitQsMinus26 = r.readSE("pic_init_qs_minus26", -26, 25);
        chromaQpIndexOffset = r.readSE("chroma_qp_index_offset", -12, 12);
        deblockingFilterControlPresentFlag = r.readFlag("deblocking_filter_control_present_flag");
        constrainedIntraPredFlag = r.readFlag("constrained_intra_pred_flag");
        redundantPicCntPresentFlag = r.readFlag("redundant_pic_cnt_present_flag");
        if (r.moreRbspData()) {
            transform8x8ModeFlag = r.readFlag("transform_8x8_mode_flag");
            picScalingMatrixPresentFlag = r.readFlag("pic_scaling_matrix_present_flag");
        } else {
            transform8x8ModeFlag = false;
            picScalingMatrixPresentFlag = false;
        }
    }

    /** Parses a PPS NAL unit as stored in an {@code avcC} or a sample: header byte first, still escaped. */
    public static AvcPps parse(byte[] nal) throws PackagingException {
        return parse(nal, 0, nal.length);
    }

    /** Parses {@code len} bytes of {@code data} from {@code off} as an escaped PPS NAL unit with its header byte. */
    public static AvcPps parse(byte[] data, int off, int len) throws PackagingException {
        BitReader r = new BitReader(Rbsp.unescape(data, off, len), "H.264 PPS");
        int header = r.readBits(8, "NAL unit header");
        if ((header & 0x1F) != NAL_TYPE) {
            throw r.error("NAL unit type " + (header & 0x1F) + " is not a picture parameter set (8)");
        }
        return new AvcPps(r);
    }

    /** Ceil(Log2(n)) for n &ge; 1. */
    static int ceilLog2(long n) {
        return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
    }

    /** pic_parameter_set_id (0 to 255). */
    public int picParameterSetId() {
        return picParameterSetId;
    }

    /** seq_parameter_set_id of the SPS this PPS refers to (0 to 31). */
    public int seqParameterSetId() {
        return seqParameterSetId;
    }

    /** entropy_coding_mode_flag: true for CABAC (slice data then starts byte-aligned after cabac_alignment_one_bit). */
    public boolean entropyCodingModeFlag() {
        return entropyCodingModeFlag;
    }

    /** bottom_field_pic_order_in_frame_present_flag (adds delta_pic_order_cnt_bottom / delta_pic_order_cnt[1]). */
    public boolean bottomFieldPicOrderInFramePresentFlag() {
        return bottomFieldPicOrderInFramePresentFlag;
    }

    /** num_slice_groups_minus1 + 1 (more than 1 only in Baseline/Extended streams using FMO). */
    public int numSliceGroups() {
        return numSliceGroups;
    }

    /** slice_group_map_type (meaningful only with more than one slice group). */
    public int sliceGroupMapType() {
        return sliceGroupMapType;
    }

    /** slice_group_change_rate_minus1 + 1 for map types 3 to 5, otherwise 0. */
    public int sliceGroupChangeRate() {
        return sliceGroupChangeRate;
    }

    /** pic_size_in_map_units_minus1 + 1 for map type 6, otherwise 0. */
    public int picSizeInMapUnits() {
        return picSizeInMapUnits;
    }

    /** num_ref_idx_l0_default_active_minus1 (0 to 31). */
    public int numRefIdxL0DefaultActiveMinus1() {
        return numRefIdxL0DefaultActiveMinus1;
    }

    /** num_ref_idx_l1_default_active_minus1 (0 to 31). */
    public int numRefIdxL1DefaultActiveMinus1() {
        return numRefIdxL1DefaultActiveMinus1;
    }

    /** weighted_pred_flag: P and SP slices carry a pred_weight_table. */
    public boolean weightedPredFlag() {
        return weightedPredFlag;
    }

    /** weighted_bipred_idc: 1 means B slices carry a pred_weight_table. */
    public int weightedBipredIdc() {
        return weightedBipredIdc;
    }

    /** pic_init_qp_minus26. */
    public int picInitQpMinus26() {
        return picInitQpMinus26;
    }

    /** pic_init_qs_minus26. */
    public int picInitQsMinus26() {
        return picInitQsMinus26;
    }

    /** chroma_qp_index_offset. */
    public int chromaQpIndexOffset() {
        return chromaQpIndexOffset;
    }

    /** deblocking_filter_control_present_flag (adds disable_deblocking_filter_idc and offsets to slice headers). */
    public boolean deblockingFilterControlPresentFlag() {
        return deblockingFilterControlPresentFlag;
    }

    /** constrained_intra_pred_flag. */
    public boolean constrainedIntraPredFlag() {
        return constrainedIntraPredFlag;
    }

    /** redundant_pic_cnt_present_flag (adds redundant_pic_cnt to slice headers). */
    public boolean redundantPicCntPresentFlag() {
        return redundantPicCntPresentFlag;
    }

    /** transform_8x8_mode_flag (false when the PPS has no High profile tail). */
    public boolean transform8x8ModeFlag() {
        return transform8x8ModeFlag;
    }

    /** pic_scaling_matrix_present_flag (false when the PPS has no High profile tail). */
    public boolean picScalingMatrixPresentFlag() {
        return picScalingMatrixPresentFlag;
    }
}
