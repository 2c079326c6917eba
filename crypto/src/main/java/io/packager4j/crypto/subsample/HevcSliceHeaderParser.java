package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;
import io.packager4j.core.codec.HevcDecoderConfig;
import io.packager4j.core.codec.HevcPps;
import io.packager4j.core.codec.HevcShortTermRefPicSet;
import io.packager4j.core.codec.HevcSps;

import java.util.List;

/**
 * Measures H.265 slice segment headers (ITU-T H.265, 7.3.6.1) through byte_alignment(), so that
 * {@code cbcs} can leave them clear.
 *
 * <p>Every element is read, including an explicit st_ref_pic_set() and the long-term pictures,
 * whose "used by the current picture" counts give NumPicTotalCurr, the size of the list_entry
 * elements of ref_pic_lists_modification(). Dependent slice segments carry only the address, the
 * entry points and the extension. Only the base layer (nuh_layer_id 0) is read, and streams using
 * the screen content coding extensions (which add slice header elements) are refused.
 *
 * <p>Without screen content coding a reference picture never has the POC of the current picture,
 * so pred_weight_table() always codes luma_weight_lX_flag and chroma_weight_lX_flag (7.3.6.3).
 *
 * <p>Parameter sets come from the {@code hvcC} and from SPS/PPS NAL units met in samples, by id.
 * VPS NAL units are not kept: nothing in a slice segment header depends on them.
 */
final class HevcSliceHeaderParser implements SliceHeaderParser {

    private static final String WHAT = "H.265 slice segment header";

    private static final int B = 0;
    private static final int P = 1;
    private static final int I = 2;

    private static final int BLA_W_LP = 16;
    private static final int IDR_W_RADL = 19;
    private static final int IDR_N_LP = 20;
    private static final int RSV_IRAP_VCL23 = 23;

    /** MaxDpbSize: no reference picture set or list of long-term pictures can be larger. */
    private static final int MAX_DPB = 16;

    private final ParameterSets<HevcSps> spsById = new ParameterSets<>("SPS", 15, HevcSps::parse, HevcSps::spsId);
    private final ParameterSets<HevcPps> ppsById = new ParameterSets<>("PPS", 63, HevcPps::parse, HevcPps::ppsId);

    /** A parser knowing the parameter sets of an {@code hvcC} payload (there may be none, for {@code hev1}). */
    static HevcSliceHeaderParser fromDecoderConfig(byte[] hvcC) throws PackagingException {
        HevcDecoderConfig config = HevcDecoderConfig.parse(hvcC);
        HevcSliceHeaderParser parser = new HevcSliceHeaderParser();
        addAll(parser, config.sps(), HevcDecoderConfig.NAL_SPS, "SPS");
        addAll(parser, config.pps(), HevcDecoderConfig.NAL_PPS, "PPS");
        return parser;
    }

    private static void addAll(HevcSliceHeaderParser parser, List<byte[]> nals, int type, String kind)
            throws PackagingException {
        for (int i = 0; i < nals.size(); i++) {
            byte[] nal = nals.get(i);
            try {
                parser.parameterSet(nal, 0, nal.length, type);
            } catch (PackagingException e) {
                throw new PackagingException("hvcC " + kind + " " + i + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String headerName() {
        return WHAT;
    }

    @Override
    public void parameterSet(byte[] data, int off, int len, int nalType) throws PackagingException {
        if (len < 2 || ((data[off] & 0x01) << 5 | (data[off + 1] & 0xF8) >>> 3) != 0) {
            // Parameter sets of other layers (nuh_layer_id > 0) only serve slices this class refuses.
            return;
        }
        if (nalType == HevcDecoderConfig.NAL_SPS) {
            spsById.update(data, off, len);
        } else if (nalType == HevcDecoderConfig.NAL_PPS) {
            ppsById.update(data, off, len);
        }
    }

    @Override
    public long headerBits(RbspBitReader r) throws PackagingException {
        int header = r.readInt(16, "NAL unit header");
        int nalType = (header >>> 9) & 0x3F;
        int layerId = (header >>> 3) & 0x3F;
        if (nalType > 31) {
            throw new IllegalArgumentException("NAL unit type " + nalType + " is not a coded slice segment");
        }
        if (layerId != 0) {
            throw r.error("slice segment of layer " + layerId + " is not supported (only the base layer, nuh_layer_id 0)");
        }
        if ((nalType >= 10 && nalType <= 15) || nalType >= 22) {
            throw r.error("NAL unit type " + nalType + " is a reserved VCL type; its header cannot be read");
        }
        boolean firstInPic = r.readFlag("first_slice_segment_in_pic_flag");
        if (nalType >= BLA_W_LP && nalType <= RSV_IRAP_VCL23) {
            r.readFlag("no_output_of_prior_pics_flag");
        }
        HevcPps pps = ppsById.get(r.readUE("slice_pic_parameter_set_id", 63), r);
        HevcSps sps = spsById.get(pps.spsId(), r);
        if (pps.sccExtensionFlag() || sps.sccExtensionFlag()) {
            throw r.error("the screen content coding extension is not supported");
        }
        boolean dependent = false;
        if (!firstInPic) {
            if (pps.dependentSliceSegmentsEnabledFlag()) {
                dependent = r.readFlag("dependent_slice_segment_flag");
            }
            int ctbs = sps.picSizeInCtbsY();
            long address = r.readBits(ceilLog2(ctbs), "slice_segment_address");
            if (address >= ctbs) {
                throw r.error("slice_segment_address = " + address + " is beyond the " + ctbs + " CTBs of the picture");
            }
        }
        if (!dependent) {
            readSliceFields(r, nalType, sps, pps);
        }
        readEntryPoints(r, sps, pps);
        if (pps.sliceSegmentHeaderExtensionPresentFlag()) {
            int length = r.readUE("slice_segment_header_extension_length", 256);
            r.skipBits(8L * length, "slice_segment_header_extension_data_byte");
        }
        readByteAlignment(r);
        return r.position();
    }

    /** The part of the header that dependent slice segments inherit instead of coding. */
    private static void readSliceFields(RbspBitReader r, int nalType, HevcSps sps, HevcPps pps)
            throws PackagingException {
        r.skipBits(pps.numExtraSliceHeaderBits(), "slice_reserved_flag");
        int sliceType = r.readUE("slice_type", 2);
        if (pps.outputFlagPresentFlag()) {
            r.readFlag("pic_output_flag");
        }
        if (sps.separateColourPlaneFlag()) {
            r.readBits(2, "colour_plane_id");
        }
        boolean temporalMvp = false;
        int numPicTotalCurr = 0;
        if (nalType != IDR_W_RADL && nalType != IDR_N_LP) {
            r.readBits(sps.log2MaxPicOrderCntLsb(), "slice_pic_order_cnt_lsb");
            numPicTotalCurr = readShortTermRefs(r, sps);
            if (sps.longTermRefPicsPresentFlag()) {
                numPicTotalCurr += readLongTermRefs(r, sps);
            }
            if (sps.spsTemporalMvpEnabledFlag()) {
                temporalMvp = r.readFlag("slice_temporal_mvp_enabled_flag");
            }
        }
        boolean saoLuma = false;
        boolean saoChroma = false;
        if (sps.sampleAdaptiveOffsetEnabledFlag()) {
            saoLuma = r.readFlag("slice_sao_luma_flag");
            if (sps.chromaArrayType() != 0) {
                saoChroma = r.readFlag("slice_sao_chroma_flag");
            }
        }
        if (sliceType != I) {
            readInterFields(r, sliceType, sps, pps, temporalMvp, numPicTotalCurr);
        }
        // SliceQpY = 26 + init_qp_minus26 + slice_qp_delta must lie in [-QpBdOffsetY, 51].
        int qpBdOffset = 6 * (sps.bitDepthLuma() - 8);
        r.readSE("slice_qp_delta", -qpBdOffset - 26 - pps.initQpMinus26(), 25 - pps.initQpMinus26());
        if (pps.ppsSliceChromaQpOffsetsPresentFlag()) {
            r.readSE("slice_cb_qp_offset", -12, 12);
            r.readSE("slice_cr_qp_offset", -12, 12);
        }
        if (pps.chromaQpOffsetListEnabledFlag()) {
            r.readFlag("cu_chroma_qp_offset_enabled_flag");
        }
        boolean deblockingOverride = pps.deblockingFilterOverrideEnabledFlag()
                && r.readFlag("deblocking_filter_override_flag");
        boolean deblockingDisabled = pps.ppsDeblockingFilterDisabledFlag();
        if (deblockingOverride) {
            deblockingDisabled = r.readFlag("slice_deblocking_filter_disabled_flag");
            if (!deblockingDisabled) {
                r.readSE("slice_beta_offset_div2", -6, 6);
                r.readSE("slice_tc_offset_div2", -6, 6);
            }
        }
        if (pps.ppsLoopFilterAcrossSlicesEnabledFlag() && (saoLuma || saoChroma || !deblockingDisabled)) {
            r.readFlag("slice_loop_filter_across_slices_enabled_flag");
        }
    }

    /** The elements of P and B slices, from num_ref_idx_active_override_flag to five_minus_max_num_merge_cand. */
    private static void readInterFields(RbspBitReader r, int sliceType, HevcSps sps, HevcPps pps, boolean temporalMvp,
                                        int numPicTotalCurr) throws PackagingException {
        int refIdxL0 = pps.numRefIdxL0DefaultActiveMinus1();
        int refIdxL1 = pps.numRefIdxL1DefaultActiveMinus1();
        if (r.readFlag("num_ref_idx_active_override_flag")) {
            refIdxL0 = r.readUE("num_ref_idx_l0_active_minus1", 14);
            if (sliceType == B) {
                refIdxL1 = r.readUE("num_ref_idx_l1_active_minus1", 14);
            }
        }
        if (pps.listsModificationPresentFlag() && numPicTotalCurr > 1) {
            // ref_pic_lists_modification() (7.3.6.2): list_entry_lX[i] are Ceil(Log2(NumPicTotalCurr)) bits.
            int entryBits = ceilLog2(numPicTotalCurr);
            if (r.readFlag("ref_pic_list_modification_flag_l0")) {
                r.skipBits((long) (refIdxL0 + 1) * entryBits, "list_entry_l0");
            }
            if (sliceType == B && r.readFlag("ref_pic_list_modification_flag_l1")) {
                r.skipBits((long) (refIdxL1 + 1) * entryBits, "list_entry_l1");
            }
        }
        if (sliceType == B) {
            r.readFlag("mvd_l1_zero_flag");
        }
        if (pps.cabacInitPresentFlag()) {
            r.readFlag("cabac_init_flag");
        }
        if (temporalMvp) {
            boolean collocatedFromL0 = sliceType != B || r.readFlag("collocated_from_l0_flag");
            int refIdx = collocatedFromL0 ? refIdxL0 : refIdxL1;
            if (refIdx > 0) {
                r.readUE("collocated_ref_idx", refIdx);
            }
        }
        if ((pps.weightedPredFlag() && sliceType == P) || (pps.weightedBipredFlag() && sliceType == B)) {
            readPredWeightTable(r, sps.chromaArrayType(), refIdxL0, sliceType == B ? refIdxL1 : -1);
        }
        r.readUE("five_minus_max_num_merge_cand", 4);
    }

    /**
     * short_term_ref_pic_set_sps_flag and what follows it; returns how many of the short-term
     * reference pictures the current picture uses.
     */
    private static int readShortTermRefs(RbspBitReader r, HevcSps sps) throws PackagingException {
        int numSets = sps.numShortTermRefPicSets();
        if (!r.readFlag("short_term_ref_pic_set_sps_flag")) {
            return readSliceRefPicSet(r, sps.shortTermRefPicSets());
        }
        if (numSets == 0) {
            throw r.error("short_term_ref_pic_set_sps_flag is 1 but the SPS has no short-term reference picture sets");
        }
        int idx = 0;
        if (numSets > 1) {
            idx = r.readInt(ceilLog2(numSets), "short_term_ref_pic_set_idx");
            if (idx >= numSets) {
                throw r.error("short_term_ref_pic_set_idx = " + idx + " but the SPS has " + numSets + " sets");
            }
        }
        return sps.shortTermRefPicSets().get(idx).numUsedByCurrPic();
    }

    /**
     * The st_ref_pic_set(num_short_term_ref_pic_sets) a slice codes itself (7.3.7); returns how
     * many of its pictures the current picture uses.
     *
     * <p>{@link HevcShortTermRefPicSet#parseInSliceHeader} derives the same set, but it builds the
     * lists; this method only counts, so that mapping a sample allocates nothing. For a set
     * predicted from an SPS set (7-61, 7-62), entry j keeps the reference set's picture j (or, for
     * the last entry, the reference picture itself) when it is flagged and its POC delta is not 0.
     */
    static int readSliceRefPicSet(RbspBitReader r, List<HevcShortTermRefPicSet> spsSets) throws PackagingException {
        int numSets = spsSets.size();
        int used = 0;
        if (numSets != 0 && r.readFlag("inter_ref_pic_set_prediction_flag")) {
            int deltaIdx = r.readUE("delta_idx_minus1", numSets - 1) + 1;
            HevcShortTermRefPicSet ref = spsSets.get(numSets - deltaIdx);
            boolean negative = r.readFlag("delta_rps_sign");
            int absDeltaRps = r.readUE("abs_delta_rps_minus1", 32767) + 1;
            int deltaRps = negative ? -absDeltaRps : absDeltaRps;
            int refNegative = ref.numNegativePics();
            int refCount = ref.numDeltaPocs();
            int kept = 0;
            for (int j = 0; j <= refCount; j++) {
                boolean usedByCurrPic = r.readFlag("used_by_curr_pic_flag");
                boolean useDelta = usedByCurrPic || r.readFlag("use_delta_flag");
                int deltaPoc = deltaRps;
                if (j < refNegative) {
                    deltaPoc += ref.deltaPocS0(j);
                } else if (j < refCount) {
                    deltaPoc += ref.deltaPocS1(j - refNegative);
                }
                if (useDelta && deltaPoc != 0) {
                    kept++;
                    used += usedByCurrPic ? 1 : 0;
                }
            }
            if (kept > MAX_DPB) {
                throw r.error("the slice's short-term reference picture set predicts " + kept
                        + " pictures, more than the " + MAX_DPB + " a DPB can hold");
            }
            return used;
        }
        int numNegative = r.readUE("num_negative_pics", MAX_DPB);
        int numPositive = r.readUE("num_positive_pics", MAX_DPB - numNegative);
        for (int i = 0; i < numNegative; i++) {
            r.readUE("delta_poc_s0_minus1", 32767);
            used += r.readFlag("used_by_curr_pic_s0_flag") ? 1 : 0;
        }
        for (int i = 0; i < numPositive; i++) {
            r.readUE("delta_poc_s1_minus1", 32767);
            used += r.readFlag("used_by_curr_pic_s1_flag") ? 1 : 0;
        }
        return used;
    }

    /** The long-term reference pictures of the slice; returns how many the current picture uses. */
    private static int readLongTermRefs(RbspBitReader r, HevcSps sps) throws PackagingException {
        int candidates = sps.numLongTermRefPicsSps();
        int numFromSps = candidates > 0 ? r.readUE("num_long_term_sps", candidates) : 0;
        int numInSlice = r.readUE("num_long_term_pics", MAX_DPB);
        int idxBits = ceilLog2(candidates);
        int used = 0;
        for (int i = 0; i < numFromSps + numInSlice; i++) {
            if (i < numFromSps) {
                int idx = candidates > 1 ? r.readInt(idxBits, "lt_idx_sps") : 0;
                if (idx >= candidates) {
                    throw r.error("lt_idx_sps = " + idx + " but the SPS has " + candidates + " long-term pictures");
                }
                used += sps.usedByCurrPicLtSpsFlag(idx) ? 1 : 0;
            } else {
                r.readBits(sps.log2MaxPicOrderCntLsb(), "poc_lsb_lt");
                used += r.readFlag("used_by_curr_pic_lt_flag") ? 1 : 0;
            }
            if (r.readFlag("delta_poc_msb_present_flag")) {
                r.readUE("delta_poc_msb_cycle_lt", Integer.MAX_VALUE);
            }
        }
        return used;
    }

    /** pred_weight_table() (7.3.6.3); {@code refIdxL1} is -1 for P slices. */
    private static void readPredWeightTable(RbspBitReader r, int chromaArrayType, int refIdxL0, int refIdxL1)
            throws PackagingException {
        int lumaDenom = r.readUE("luma_log2_weight_denom", 7);
        if (chromaArrayType != 0) {
            r.readSE("delta_chroma_log2_weight_denom", -lumaDenom, 7 - lumaDenom);
        }
        readWeights(r, chromaArrayType, refIdxL0);
        if (refIdxL1 >= 0) {
            readWeights(r, chromaArrayType, refIdxL1);
        }
    }

    private static void readWeights(RbspBitReader r, int chromaArrayType, int refIdxMinus1) throws PackagingException {
        // All luma flags come first, then all chroma flags, then the values: keep the flags as bits
        // (at most 15 entries) rather than in arrays.
        int lumaFlags = 0;
        int chromaFlags = 0;
        for (int i = 0; i <= refIdxMinus1; i++) {
            lumaFlags |= r.readFlag("luma_weight_flag") ? 1 << i : 0;
        }
        if (chromaArrayType != 0) {
            for (int i = 0; i <= refIdxMinus1; i++) {
                chromaFlags |= r.readFlag("chroma_weight_flag") ? 1 << i : 0;
            }
        }
        for (int i = 0; i <= refIdxMinus1; i++) {
            if ((lumaFlags & 1 << i) != 0) {
                r.readSE("delta_luma_weight", -128, 127);
                // WpOffsetHalfRangeY is at most 2^15 (high_precision_offsets_enabled_flag, 16-bit video).
                r.readSE("luma_offset", -(1 << 15), (1 << 15) - 1);
            }
            if ((chromaFlags & 1 << i) != 0) {
                for (int j = 0; j < 2; j++) {
                    r.readSE("delta_chroma_weight", -128, 127);
                    r.readSE("delta_chroma_offset", -(1 << 17), (1 << 17) - 1);
                }
            }
        }
    }

    /** num_entry_point_offsets and the offsets, present with tiles or wavefront parallel processing. */
    private static void readEntryPoints(RbspBitReader r, HevcSps sps, HevcPps pps) throws PackagingException {
        boolean tiles = pps.tilesEnabledFlag();
        boolean wavefronts = pps.entropyCodingSyncEnabledFlag();
        if (!tiles && !wavefronts) {
            return;
        }
        // The bounds of 7.4.7.1: one entry point per CTB row, per tile, or per CTB row of each tile column.
        long max;
        if (tiles && wavefronts) {
            max = (long) pps.numTileColumns() * sps.picHeightInCtbsY() - 1;
        } else if (tiles) {
            max = (long) pps.numTileColumns() * pps.numTileRows() - 1;
        } else {
            max = sps.picHeightInCtbsY() - 1L;
        }
        int count = r.readUE("num_entry_point_offsets", (int) Math.min(max, Integer.MAX_VALUE));
        if (count > 0) {
            int offsetBits = r.readUE("offset_len_minus1", 31) + 1;
            r.skipBits((long) count * offsetBits, "entry_point_offset_minus1");
        }
    }

    /** byte_alignment(): a 1 then 0s up to the byte boundary; anything else means a misread header. */
    private static void readByteAlignment(RbspBitReader r) throws PackagingException {
        if (!r.readFlag("alignment_bit_equal_to_one")) {
            throw r.error("alignment_bit_equal_to_one at bit " + (r.position() - 1)
                    + " is 0: the slice segment header is corrupt or was misread");
        }
        while ((r.position() & 7) != 0) {
            if (r.readFlag("alignment_bit_equal_to_zero")) {
                throw r.error("alignment_bit_equal_to_zero at bit " + (r.position() - 1)
                        + " is 1: the slice segment header is corrupt or was misread");
            }
        }
    }

    /** Ceil(Log2(n)) for n &ge; 1, 0 for n &le; 1. */
    static int ceilLog2(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }
}
