package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;
import io.packager4j.core.codec.AvcDecoderConfig;
import io.packager4j.core.codec.AvcPps;
import io.packager4j.core.codec.AvcSps;

import java.util.List;

/**
 * Measures H.264 slice headers (ITU-T H.264, 7.3.3) so that {@code cbcs} can leave them clear.
 *
 * <p>Every syntax element of slice_header() is read, because its length decides where slice data
 * starts: ref_pic_list_modification(), pred_weight_table() when the PPS asks for weighted
 * prediction, dec_ref_pic_marking() for reference pictures, and so on. MVC and SVC slices (NAL unit
 * types 20 and 21) are not VCL NAL units here and never reach this class; data partitions (types 2
 * to 4, Extended profile only) are refused.
 *
 * <p>Parameter sets come from the {@code avcC} and from SPS/PPS NAL units met in samples, by id; a
 * slice uses the PPS and SPS in force when it is read, as a decoder activates them.
 */
final class AvcSliceHeaderParser implements SliceHeaderParser {

    private static final String WHAT = "H.264 slice header";

    private static final int P = 0;
    private static final int B = 1;
    private static final int I = 2;
    private static final int SP = 3;
    private static final int SI = 4;

    /** Largest MaxPicNum (2 * MaxFrameNum with 16-bit frame_num), which bounds picture number syntax elements. */
    private static final int MAX_PIC_NUM = 1 << 17;
    /** Largest index of a long-term frame: max_num_ref_frames is bounded by 32 in {@link AvcSps}. */
    private static final int MAX_LONG_TERM_IDX = 32;

    private final ParameterSets<AvcSps> spsById =
            new ParameterSets<>("SPS", 31, AvcSps::parse, AvcSps::seqParameterSetId);
    private final ParameterSets<AvcPps> ppsById =
            new ParameterSets<>("PPS", 255, AvcPps::parse, AvcPps::picParameterSetId);

    /** A parser knowing the parameter sets of an {@code avcC} payload (there may be none, for {@code avc3}). */
    static AvcSliceHeaderParser fromDecoderConfig(byte[] avcC) throws PackagingException {
        AvcDecoderConfig config = AvcDecoderConfig.parse(avcC);
        AvcSliceHeaderParser parser = new AvcSliceHeaderParser();
        addAll(config.sps(), parser.spsById, "SPS");
        addAll(config.pps(), parser.ppsById, "PPS");
        return parser;
    }

    private static void addAll(List<byte[]> nals, ParameterSets<?> sets, String kind) throws PackagingException {
        for (int i = 0; i < nals.size(); i++) {
            byte[] nal = nals.get(i);
            try {
                sets.update(nal, 0, nal.length);
            } catch (PackagingException e) {
                throw new PackagingException("avcC " + kind + " " + i + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String headerName() {
        return WHAT;
    }

    @Override
    public void parameterSet(byte[] data, int off, int len, int nalType) throws PackagingException {
        if (nalType == AvcSps.NAL_TYPE) {
            spsById.update(data, off, len);
        } else if (nalType == AvcPps.NAL_TYPE) {
            ppsById.update(data, off, len);
        }
    }

    @Override
    public long headerBits(RbspBitReader r) throws PackagingException {
        int header = r.readInt(8, "NAL unit header");
        int nalRefIdc = (header >>> 5) & 3;
        int nalType = header & 0x1F;
        if (nalType < 1 || nalType > 5) {
            throw new IllegalArgumentException("NAL unit type " + nalType + " is not a coded slice");
        }
        if (nalType != 1 && nalType != 5) {
            throw r.error("slice data partitioning (NAL unit type " + nalType
                    + ", Extended profile) is not supported with cbcs");
        }
        boolean idr = nalType == 5;
        int firstMb = r.readUE("first_mb_in_slice", 1 << 26);
        int sliceType = r.readUE("slice_type", 9) % 5;
        AvcPps pps = ppsById.get(r.readUE("pic_parameter_set_id", 255), r);
        AvcSps sps = spsById.get(pps.seqParameterSetId(), r);
        long mapUnits = (long) sps.picWidthInMbs() * sps.picHeightInMapUnits();
        if (firstMb >= mapUnits * (sps.frameMbsOnlyFlag() ? 1 : 2)) {
            throw r.error("first_mb_in_slice = " + firstMb + " is beyond the picture of the SPS ("
                    + sps.picWidthInMbs() + " macroblocks wide)");
        }
        if (sps.separateColourPlaneFlag()) {
            r.readBits(2, "colour_plane_id");
        }
        r.readBits(sps.log2MaxFrameNum(), "frame_num");
        boolean fieldPic = false;
        if (!sps.frameMbsOnlyFlag()) {
            fieldPic = r.readFlag("field_pic_flag");
            if (fieldPic) {
                r.readFlag("bottom_field_flag");
            }
        }
        if (idr) {
            r.readUE("idr_pic_id", 65535);
        }
        readPictureOrderCount(r, sps, pps, fieldPic);
        if (pps.redundantPicCntPresentFlag()) {
            r.readUE("redundant_pic_cnt", 127);
        }
        if (sliceType == B) {
            r.readFlag("direct_spatial_mv_pred_flag");
        }
        int refIdxL0 = pps.numRefIdxL0DefaultActiveMinus1();
        int refIdxL1 = pps.numRefIdxL1DefaultActiveMinus1();
        if ((sliceType == P || sliceType == SP || sliceType == B) && r.readFlag("num_ref_idx_active_override_flag")) {
            refIdxL0 = r.readUE("num_ref_idx_l0_active_minus1", 31);
            if (sliceType == B) {
                refIdxL1 = r.readUE("num_ref_idx_l1_active_minus1", 31);
            }
        }
        if (sliceType != I && sliceType != SI) {
            readRefPicListModification(r, "ref_pic_list_modification_flag_l0", refIdxL0);
            if (sliceType == B) {
                readRefPicListModification(r, "ref_pic_list_modification_flag_l1", refIdxL1);
            }
        }
        if ((pps.weightedPredFlag() && (sliceType == P || sliceType == SP))
                || (pps.weightedBipredIdc() == 1 && sliceType == B)) {
            readPredWeightTable(r, sps.chromaArrayType(), refIdxL0, sliceType == B ? refIdxL1 : -1);
        }
        if (nalRefIdc != 0) {
            readDecRefPicMarking(r, idr);
        }
        if (pps.entropyCodingModeFlag() && sliceType != I && sliceType != SI) {
            r.readUE("cabac_init_idc", 2);
        }
        // SliceQPY = 26 + pic_init_qp_minus26 + slice_qp_delta must lie in [-QpBdOffsetY, 51].
        int qpBdOffset = 6 * (sps.bitDepthLuma() - 8);
        r.readSE("slice_qp_delta", -qpBdOffset - 26 - pps.picInitQpMinus26(), 25 - pps.picInitQpMinus26());
        if (sliceType == SP || sliceType == SI) {
            if (sliceType == SP) {
                r.readFlag("sp_for_switch_flag");
            }
            r.readSE("slice_qs_delta", -51, 51);
        }
        if (pps.deblockingFilterControlPresentFlag()) {
            int disable = r.readUE("disable_deblocking_filter_idc", 2);
            if (disable != 1) {
                r.readSE("slice_alpha_c0_offset_div2", -6, 6);
                r.readSE("slice_beta_offset_div2", -6, 6);
            }
        }
        int mapType = pps.sliceGroupMapType();
        if (pps.numSliceGroups() > 1 && mapType >= 3 && mapType <= 5) {
            r.readBits(sliceGroupChangeCycleBits(mapUnits, pps.sliceGroupChangeRate()), "slice_group_change_cycle");
        }
        long bits = r.position();
        if (pps.entropyCodingModeFlag()) {
            checkCabacAlignment(r);
        }
        return bits;
    }

    private static void readPictureOrderCount(RbspBitReader r, AvcSps sps, AvcPps pps, boolean fieldPic)
            throws PackagingException {
        boolean bottomPresent = pps.bottomFieldPicOrderInFramePresentFlag() && !fieldPic;
        if (sps.picOrderCntType() == 0) {
            r.readBits(sps.log2MaxPicOrderCntLsb(), "pic_order_cnt_lsb");
            if (bottomPresent) {
                r.readSE("delta_pic_order_cnt_bottom", -Integer.MAX_VALUE, Integer.MAX_VALUE);
            }
        } else if (sps.picOrderCntType() == 1 && !sps.deltaPicOrderAlwaysZeroFlag()) {
            r.readSE("delta_pic_order_cnt[0]", -Integer.MAX_VALUE, Integer.MAX_VALUE);
            if (bottomPresent) {
                r.readSE("delta_pic_order_cnt[1]", -Integer.MAX_VALUE, Integer.MAX_VALUE);
            }
        }
    }

    /** ref_pic_list_modification() for one list (7.3.3.1). */
    private static void readRefPicListModification(RbspBitReader r, String flagName, int refIdxMinus1)
            throws PackagingException {
        if (!r.readFlag(flagName)) {
            return;
        }
        // The standard allows at most num_ref_idx_active_minus1 + 1 operations before the end (3).
        for (int n = 0; ; n++) {
            int idc = r.readUE("modification_of_pic_nums_idc", 3);
            if (idc == 3) {
                return;
            }
            if (n > refIdxMinus1) {
                throw r.error(flagName + " is followed by more than "
                        + (refIdxMinus1 + 1) + " operations");
            }
            if (idc == 2) {
                r.readUE("long_term_pic_num", MAX_PIC_NUM);
            } else {
                r.readUE("abs_diff_pic_num_minus1", MAX_PIC_NUM);
            }
        }
    }

    /** pred_weight_table() (7.3.3.2); {@code refIdxL1} is -1 for P and SP slices. */
    private static void readPredWeightTable(RbspBitReader r, int chromaArrayType, int refIdxL0, int refIdxL1)
            throws PackagingException {
        r.readUE("luma_log2_weight_denom", 7);
        if (chromaArrayType != 0) {
            r.readUE("chroma_log2_weight_denom", 7);
        }
        readWeights(r, chromaArrayType, refIdxL0);
        if (refIdxL1 >= 0) {
            readWeights(r, chromaArrayType, refIdxL1);
        }
    }

    private static void readWeights(RbspBitReader r, int chromaArrayType, int refIdxMinus1) throws PackagingException {
        for (int i = 0; i <= refIdxMinus1; i++) {
            if (r.readFlag("luma_weight_flag")) {
                r.readSE("luma_weight", -128, 127);
                r.readSE("luma_offset", -128, 127);
            }
            if (chromaArrayType != 0 && r.readFlag("chroma_weight_flag")) {
                for (int j = 0; j < 2; j++) {
                    r.readSE("chroma_weight", -128, 127);
                    r.readSE("chroma_offset", -128, 127);
                }
            }
        }
    }

    /** dec_ref_pic_marking() (7.3.3.3). Each operation reads at least one bit, so the loop ends with the data. */
    private static void readDecRefPicMarking(RbspBitReader r, boolean idr) throws PackagingException {
        if (idr) {
            r.readFlag("no_output_of_prior_pics_flag");
            r.readFlag("long_term_reference_flag");
            return;
        }
        if (!r.readFlag("adaptive_ref_pic_marking_mode_flag")) {
            return;
        }
        while (true) {
            int op = r.readUE("memory_management_control_operation", 6);
            switch (op) {
                case 0 -> {
                    return;
                }
                case 1 -> r.readUE("difference_of_pic_nums_minus1", MAX_PIC_NUM);
                case 2 -> r.readUE("long_term_pic_num", MAX_PIC_NUM);
                case 3 -> {
                    r.readUE("difference_of_pic_nums_minus1", MAX_PIC_NUM);
                    r.readUE("long_term_frame_idx", MAX_LONG_TERM_IDX);
                }
                case 4 -> r.readUE("max_long_term_frame_idx_plus1", MAX_LONG_TERM_IDX);
                case 6 -> r.readUE("long_term_frame_idx", MAX_LONG_TERM_IDX);
                default -> {
                    // 5: no operands.
                }
            }
        }
    }

    /** The length of slice_group_change_cycle: Ceil(Log2(PicSizeInMapUnits &divide; SliceGroupChangeRate + 1)), exact division. */
    static int sliceGroupChangeCycleBits(long picSizeInMapUnits, long changeRate) {
        // Smallest v with 2^v >= size / rate + 1, i.e. rate * 2^v >= size + rate.
        int v = 0;
        while (changeRate << v < picSizeInMapUnits + changeRate) {
            v++;
        }
        return v;
    }

    /**
     * With CABAC, slice_data() starts with cabac_alignment_one_bit up to the next byte: all ones.
     * Anything else means the header was misread (or is corrupt), and a wrong clear length must not
     * be used.
     */
    private static void checkCabacAlignment(RbspBitReader r) throws PackagingException {
        while ((r.position() & 7) != 0) {
            if (!r.readFlag("cabac_alignment_one_bit")) {
                throw r.error("cabac_alignment_one_bit at bit " + (r.position() - 1)
                        + " is 0: the slice header is corrupt or was misread");
            }
        }
    }
}
