package io.packager4j.core.codec;

import io.packager4j.PackagingException;
import io.packager4j.core.media.Rational;

/**
 * H.265 vui_parameters() (E.2.1) and hrd_parameters() (E.2.2), read completely so that the SPS
 * extension flags after them are found, keeping only the sample aspect ratio and timing.
 */
record HevcVui(Rational sampleAspectRatio, HevcSps.TimingInfo timingInfo) {

    static HevcVui read(BitReader r, int maxSubLayersMinus1) throws PackagingException {
        Rational sar = VuiPrefix.read(r);
        r.readBits(3, "neutral_chroma_indication_flag, field_seq_flag, frame_field_info_present_flag");
        if (r.readFlag("default_display_window_flag")) {
            for (int i = 0; i < 4; i++) {
                r.readUE(); // def_disp_win offsets
            }
        }
        HevcSps.TimingInfo timing = null;
        if (r.readFlag("vui_timing_info_present_flag")) {
            long numUnitsInTick = r.readBitsLong(32);
            long timeScale = r.readBitsLong(32);
            boolean pocProportional = r.readFlag("vui_poc_proportional_to_timing_flag");
            long numTicksPocDiffOneMinus1 = pocProportional ? r.readUE() : 0;
            timing = new HevcSps.TimingInfo(numUnitsInTick, timeScale, pocProportional, numTicksPocDiffOneMinus1);
            if (r.readFlag("vui_hrd_parameters_present_flag")) {
                skipHrdParameters(r, true, maxSubLayersMinus1);
            }
        }
        if (r.readFlag("bitstream_restriction_flag")) {
            r.readBits(3, "tiles_fixed_structure_flag .. restricted_ref_pic_lists_flag");
            r.readUE(); // min_spatial_segmentation_idc
            r.readUE(); // max_bytes_per_pic_denom
            r.readUE(); // max_bits_per_min_cu_denom
            r.readUE(); // log2_max_mv_length_horizontal
            r.readUE(); // log2_max_mv_length_vertical
        }
        return new HevcVui(sar, timing);
    }

    /** hrd_parameters(commonInfPresentFlag, maxNumSubLayersMinus1), E.2.2. */
    static void skipHrdParameters(BitReader r, boolean commonInfPresent, int maxSubLayersMinus1)
            throws PackagingException {
        boolean nalHrd = false;
        boolean vclHrd = false;
        boolean subPicHrdParams = false;
        if (commonInfPresent) {
            nalHrd = r.readFlag("nal_hrd_parameters_present_flag");
            vclHrd = r.readFlag("vcl_hrd_parameters_present_flag");
            if (nalHrd || vclHrd) {
                subPicHrdParams = r.readFlag("sub_pic_hrd_params_present_flag");
                if (subPicHrdParams) {
                    r.readBits(19, "tick_divisor_minus2 .. dpb_output_delay_du_length_minus1");
                }
                r.readBits(8, "bit_rate_scale, cpb_size_scale");
                if (subPicHrdParams) {
                    r.readBits(4, "cpb_size_du_scale");
                }
                r.readBits(15, "HRD delay lengths");
            }
        }
        for (int i = 0; i <= maxSubLayersMinus1; i++) {
            boolean fixedPicRateGeneral = r.readFlag("fixed_pic_rate_general_flag");
            // Inferred to be 1 when the general flag is set.
            boolean fixedPicRateWithinCvs = fixedPicRateGeneral || r.readFlag("fixed_pic_rate_within_cvs_flag");
            boolean lowDelayHrd = false;
            if (fixedPicRateWithinCvs) {
                r.readUE(); // elemental_duration_in_tc_minus1
            } else {
                lowDelayHrd = r.readFlag("low_delay_hrd_flag");
            }
            int cpbCnt = 1;
            if (!lowDelayHrd) {
                cpbCnt = r.readUE("cpb_cnt_minus1", 31) + 1;
            }
            if (nalHrd) {
                skipSubLayerHrdParameters(r, cpbCnt, subPicHrdParams);
            }
            if (vclHrd) {
                skipSubLayerHrdParameters(r, cpbCnt, subPicHrdParams);
            }
        }
    }

    private static void skipSubLayerHrdParameters(BitReader r, int cpbCnt, boolean subPicHrdParams)
            throws PackagingException {
        for (int i = 0; i < cpbCnt; i++) {
            r.readUE(); // bit_rate_value_minus1
            r.readUE(); // cpb_size_value_minus1
            if (subPicHrdParams) {
                r.readUE(); // cpb_size_du_value_minus1
                r.readUE(); // bit_rate_du_value_minus1
            }
            r.readFlag("cbr_flag");
        }
    }
}
