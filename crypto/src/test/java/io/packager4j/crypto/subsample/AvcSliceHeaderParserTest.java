package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;
import io.packager4j.core.codec.Rbsp;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * H.264 slice header syntax that the encoders at hand (x264) never write: field pictures, picture
 * order count type 1, colour planes, redundant pictures, SP and SI slices, slice groups, explicit
 * weighted bi-prediction, every memory management operation; and emulation prevention inside a
 * header. Each header is written by the test from the syntax table of H.264 7.3.3 and must be
 * measured to the bit.
 */
class AvcSliceHeaderParserTest {

    private static final int P = 0;
    private static final int B = 1;
    private static final int I = 2;

    @Test
    void idrHeaderWithEmulationPreventionBytes() throws PackagingException {
        SyntheticAvc s = new SyntheticAvc();
        s.log2MaxFrameNum = 16;
        s.log2MaxPocLsb = 16;
        s.cabac = false;
        long[] bits = new long[1];
        byte[] nal = SliceHeaders.slice(w -> w.bits(0x65, 8).ue(0).ue(I + 5).ue(0)
                .bits(0, 16)        // frame_num
                .ue(65535)          // idr_pic_id: 16 more zero bits
                .bits(0, 16)        // pic_order_cnt_lsb
                .flag(false).flag(false) // no_output_of_prior_pics_flag, long_term_reference_flag
                .se(0)              // slice_qp_delta
                .ue(0).se(0).se(0), false, bits);
        assertEquals(88, bits[0]);
        // Runs of zero bits: the stored header holds emulation-prevention bytes, which stay clear.
        assertTrue(Rbsp.escapedLength(nal, 0, nal.length, 11) > 11, "the header should contain 0x03 bytes");
        SliceHeaders.mapAndCheck(s.format(4), false, bits, nal);
    }

    @Test
    void fieldPicturesAndBottomFieldPictureOrder() throws PackagingException {
        SyntheticAvc s = new SyntheticAvc();
        s.frameMbsOnly = false;
        s.bottomFieldPicOrderInFramePresent = true;
        long[] field = new long[1];
        // A bottom field: field_pic_flag 1, so no delta_pic_order_cnt_bottom.
        byte[] bottomField = SliceHeaders.slice(w -> w.bits(0x41, 8).ue(0).ue(P).ue(0).bits(3, 4)
                .flag(true).flag(true)          // field_pic_flag, bottom_field_flag
                .bits(5, 6)                      // pic_order_cnt_lsb
                .flag(false)                     // num_ref_idx_active_override_flag
                .flag(false)                     // ref_pic_list_modification_flag_l0
                .flag(false)                     // adaptive_ref_pic_marking_mode_flag
                .ue(1)                           // cabac_init_idc
                .se(-3).ue(1), true, field);
        long[] frame = new long[1];
        // A frame of the same stream: field_pic_flag 0, so delta_pic_order_cnt_bottom follows the POC.
        byte[] framePic = SliceHeaders.slice(w -> w.bits(0x01, 8).ue(0).ue(B).ue(0).bits(4, 4)
                .flag(false)                     // field_pic_flag
                .bits(6, 6).se(-1)               // pic_order_cnt_lsb, delta_pic_order_cnt_bottom
                .flag(true)                      // direct_spatial_mv_pred_flag
                .flag(true).ue(2).ue(1)          // override: l0 3 entries, l1 2 entries
                .flag(false).flag(false)         // no list modifications
                .ue(2).se(4).ue(0).se(2).se(-2), true, frame);
        SliceHeaders.mapAndCheck(s.format(4), false, new long[] {field[0], frame[0]}, bottomField, framePic);
    }

    @Test
    void pictureOrderCountType1WithBothDeltas() throws PackagingException {
        SyntheticAvc s = new SyntheticAvc();
        s.pocType = 1;
        s.frameMbsOnly = false;
        s.bottomFieldPicOrderInFramePresent = true;
        long[] bits = new long[1];
        byte[] nal = SliceHeaders.slice(w -> w.bits(0x21, 8).ue(0).ue(P + 5).ue(0).bits(1, 4)
                .flag(false)                     // field_pic_flag
                .se(7).se(-9)                    // delta_pic_order_cnt[0], [1]
                .flag(false).flag(false).flag(false).ue(0).se(0).ue(1), true, bits);
        SliceHeaders.mapAndCheck(s.format(4), false, bits, nal);

        s.deltaPicOrderAlwaysZero = true;
        byte[] zero = SliceHeaders.slice(w -> w.bits(0x21, 8).ue(0).ue(P + 5).ue(0).bits(1, 4)
                .flag(false)                     // no deltas at all
                .flag(false).flag(false).flag(false).ue(0).se(0).ue(1), true, bits);
        SliceHeaders.mapAndCheck(s.format(4), false, bits, zero);
    }

    @Test
    void separateColourPlanesRedundantPicturesAndCavlc() throws PackagingException {
        SyntheticAvc s = new SyntheticAvc();
        s.profileIdc = 244;
        s.chromaFormatIdc = 3;
        s.separateColourPlane = true;
        s.redundantPicCntPresent = true;
        s.cabac = false;
        long[] bits = new long[1];
        byte[] nal = SliceHeaders.slice(w -> w.bits(0x65, 8).ue(17).ue(I).ue(0)
                .bits(2, 2)                      // colour_plane_id
                .bits(0, 4).ue(3).bits(9, 6)     // frame_num, idr_pic_id, pic_order_cnt_lsb
                .ue(1)                           // redundant_pic_cnt
                .flag(false).flag(true)          // dec_ref_pic_marking, long-term IDR
                .se(5).ue(1), false, bits);       // deblocking disabled: no offsets
        SliceHeaders.mapAndCheck(s.format(2), false, bits, nal);
    }

    @Test
    void switchingSlices() throws PackagingException {
        SyntheticAvc s = new SyntheticAvc();
        s.cabac = false;
        long[] sp = new long[1];
        byte[] spSlice = SliceHeaders.slice(w -> w.bits(0x21, 8).ue(0).ue(3).ue(0).bits(2, 4).bits(4, 6)
                .flag(true).ue(1)                // num_ref_idx override: 2 entries
                .flag(true).ue(0).ue(4).ue(2).ue(9).ue(3) // modification: pic nums, long-term, end
                .flag(false)                     // adaptive_ref_pic_marking_mode_flag
                .se(1)                           // slice_qp_delta
                .flag(true).se(-2)               // sp_for_switch_flag, slice_qs_delta
                .ue(0).se(1).se(-1), false, sp);
        long[] si = new long[1];
        byte[] siSlice = SliceHeaders.slice(w -> w.bits(0x01, 8).ue(0).ue(4 + 5).ue(0).bits(3, 4).bits(6, 6)
                .se(0).se(3)                     // slice_qp_delta, slice_qs_delta (no sp_for_switch_flag)
                .ue(2).se(0).se(6), false, si);   // deblocking idc 2 has the offsets too
        SliceHeaders.mapAndCheck(s.format(4), false, new long[] {sp[0], si[0]}, spSlice, siSlice);
    }

    @Test
    void sliceGroupChangeCycle() throws PackagingException {
        SyntheticAvc s = new SyntheticAvc();
        s.profileIdc = 66;
        s.cabac = false;
        s.numSliceGroups = 2;
        s.sliceGroupMapType = 4;
        s.sliceGroupChangeRate = 7;
        // Ceil(Log2(300 / 7 + 1)) = Ceil(Log2(43.86)) = 6 bits.
        long[] bits = new long[1];
        byte[] nal = SliceHeaders.slice(w -> w.bits(0x65, 8).ue(0).ue(I + 5).ue(0).bits(0, 4).ue(0).bits(0, 6)
                .flag(false).flag(false).se(0).ue(1)
                .bits(0b101010, 6), false, bits);
        SliceHeaders.mapAndCheck(s.format(4), false, bits, nal);
        assertEquals(6, AvcSliceHeaderParser.sliceGroupChangeCycleBits(300, 7));
        assertEquals(9, AvcSliceHeaderParser.sliceGroupChangeCycleBits(300, 1)); // Log2(301) = 8.23
        assertEquals(1, AvcSliceHeaderParser.sliceGroupChangeCycleBits(300, 300)); // Log2(2) = 1
    }

    @Test
    void explicitWeightedBiPredictionAndEveryMemoryManagementOperation() throws PackagingException {
        SyntheticAvc s = new SyntheticAvc();
        s.weightedPred = true;
        s.weightedBipredIdc = 1;
        s.numRefIdxL0DefaultMinus1 = 1;
        long[] bits = new long[1];
        byte[] nal = SliceHeaders.slice(w -> {
            w.bits(0x41, 8).ue(5).ue(B).ue(0).bits(7, 4).bits(12, 6)
                    .flag(false)                 // direct_spatial_mv_pred_flag
                    .flag(false)                 // defaults: l0 2 entries, l1 1 entry
                    .flag(false).flag(true).ue(1).ue(0).ue(3) // modification of l1 only
                    .ue(3).ue(2);                // luma and chroma log2 weight denominators
            // l0: entry 0 luma and chroma weights, entry 1 none; l1: entry 0 luma only.
            w.flag(true).se(-5).se(7).flag(true).se(1).se(-1).se(2).se(-2);
            w.flag(false).flag(false);
            w.flag(true).se(127).se(-128).flag(false);
            // dec_ref_pic_marking with operations 1, 2, 3, 4, 5, 6, then 0.
            w.flag(true).ue(1).ue(3).ue(2).ue(1).ue(3).ue(0).ue(2).ue(4).ue(3).ue(5).ue(6).ue(1).ue(0);
            w.ue(0).se(-4).ue(0).se(0).se(0);
        }, true, bits);
        SliceHeaders.mapAndCheck(s.format(4), false, bits, nal);
    }

    @Test
    void nonReferenceSliceHasNoMarking() throws PackagingException {
        SyntheticAvc s = new SyntheticAvc();
        long[] bits = new long[1];
        byte[] nal = SliceHeaders.slice(w -> w.bits(0x01, 8).ue(0).ue(B).ue(0).bits(2, 4).bits(2, 6)
                .flag(true).flag(false).flag(false).flag(false)
                .ue(0).se(0).ue(0).se(0).se(0), true, bits);
        SliceHeaders.mapAndCheck(s.format(1), false, bits, nal);
    }

    @Test
    void cabacAlignmentBitsMustBeOnes() {
        SyntheticAvc s = new SyntheticAvc();
        long[] bits = new long[1];
        // An I slice of a CABAC stream followed by a zero where cabac_alignment_one_bit must be.
        byte[] nal = SliceHeaders.slice(w -> w.bits(0x65, 8).ue(0).ue(I).ue(0).bits(0, 4).ue(0).bits(0, 6)
                .flag(false).flag(false).se(0).ue(1).bit(0), true, bits);
        PackagingException e = assertThrows(PackagingException.class,
                () -> SliceHeaders.mapAndCheck(s.format(4), false, new long[] {bits[0] - 1}, nal));
        assertTrue(e.getMessage().contains("cabac_alignment_one_bit"), e.getMessage());
    }
}
