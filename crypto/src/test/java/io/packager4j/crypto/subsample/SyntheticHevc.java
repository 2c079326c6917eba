package io.packager4j.crypto.subsample;

import io.packager4j.core.media.Codec;
import io.packager4j.core.media.Rational;
import io.packager4j.core.media.TrackFormat;

import java.io.ByteArrayOutputStream;

/**
 * Hand-made H.265 parameter sets for slice segment header tests. Pictures are 320x240 with 64x64
 * CTBs: 5 x 4 = 20 CTBs, so slice_segment_address has 5 bits. The SPS has two short-term
 * reference picture sets and two long-term candidates:
 * <ul>
 *   <li>set 0: S0 = {-1 used};</li>
 *   <li>set 1: S0 = {-1 used, -3 used}, S1 = {+2 not used};</li>
 *   <li>lt_ref_pic_poc_lsb_sps: 0 (not used by the current picture), 16 (used).</li>
 * </ul>
 */
final class SyntheticHevc {

    int log2MaxPocLsb = 8;
    boolean longTermRefsPresent = true;
    boolean temporalMvp = true;
    boolean sao = true;
    int chromaFormatIdc = 1;

    boolean dependentSliceSegmentsEnabled = true;
    boolean outputFlagPresent = true;
    int numExtraSliceHeaderBits = 2;
    boolean cabacInitPresent = true;
    int numRefIdxL0DefaultMinus1 = 1;
    int numRefIdxL1DefaultMinus1 = 0;
    boolean sliceChromaQpOffsetsPresent = true;
    boolean weightedPred = true;
    boolean weightedBipred = true;
    boolean tiles = true;
    boolean wavefronts;
    boolean loopFilterAcrossSlices = true;
    boolean deblockingOverrideEnabled = true;
    boolean listsModificationPresent = true;
    boolean headerExtensionPresent = true;

    byte[] sps() {
        BitWriter w = new BitWriter().bits(33 << 9 | 1, 16)
                .bits(0, 4).bits(0, 3).flag(true)           // vps id, max_sub_layers_minus1, nesting
                .bits(1, 8).bits(0x60000000L, 32).bits(0x9000, 16).bits(0, 32).bits(60, 8) // profile_tier_level
                .ue(0).ue(chromaFormatIdc);
        if (chromaFormatIdc == 3) {
            w.flag(false);
        }
        w.ue(320).ue(240).flag(false)                           // size, no conformance window
                .ue(0).ue(0).ue(log2MaxPocLsb - 4)
                .flag(true).ue(4).ue(2).ue(0)                   // ordering info
                .ue(0).ue(3).ue(0).ue(3).ue(0).ue(0)            // 8..64 CBs, 4..32 TBs, depths
                .flag(false).flag(false).flag(sao).flag(false)  // scaling, amp, sao, pcm
                .ue(2)
                .ue(1).ue(0).ue(0).flag(true)                   // set 0: S0 {-1 used}
                .flag(false).ue(2).ue(1).ue(0).flag(true).ue(1).flag(true).ue(1).flag(false) // set 1
                .flag(longTermRefsPresent);
        if (longTermRefsPresent) {
            w.ue(2).bits(0, log2MaxPocLsb).flag(false).bits(16, log2MaxPocLsb).flag(true);
        }
        return w.flag(temporalMvp).flag(false).flag(false).flag(false).trailingBits().nal();
    }

    byte[] pps() {
        BitWriter w = new BitWriter().bits(34 << 9 | 1, 16).ue(0).ue(0)
                .flag(dependentSliceSegmentsEnabled).flag(outputFlagPresent).bits(numExtraSliceHeaderBits, 3)
                .flag(false).flag(cabacInitPresent).ue(numRefIdxL0DefaultMinus1).ue(numRefIdxL1DefaultMinus1)
                .se(0).flag(false).flag(false).flag(false)      // init_qp, constrained intra, tskip, cu_qp_delta
                .se(0).se(0).flag(sliceChromaQpOffsetsPresent).flag(weightedPred).flag(weightedBipred)
                .flag(false).flag(tiles).flag(wavefronts);
        if (tiles) {
            w.ue(1).ue(1).flag(true).flag(true);                // 2 x 2 uniform tiles
        }
        w.flag(loopFilterAcrossSlices).flag(true).flag(deblockingOverrideEnabled).flag(false).se(0).se(0)
                .flag(false).flag(listsModificationPresent).ue(0).flag(headerExtensionPresent).flag(false);
        return w.trailingBits().nal();
    }

    byte[] hvcC(int lengthSize) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {1, 1, 0x60, 0, 0, 0, (byte) 0x90, 0, 0, 0, 0, 0, 60, (byte) 0xF0, 0, (byte) 0xFC,
                (byte) (0xFC | chromaFormatIdc), (byte) 0xF8, (byte) 0xF8, 0, 0, (byte) (0x0C | (lengthSize - 1)), 2});
        for (byte[] nal : new byte[][] {sps(), pps()}) {
            o.write(0x80 | ((nal[0] >> 1) & 0x3F));
            o.write(0);
            o.write(1);
            o.write(nal.length >>> 8);
            o.write(nal.length);
            o.writeBytes(nal);
        }
        return o.toByteArray();
    }

    TrackFormat format(int lengthSize) {
        return new TrackFormat(Codec.HEVC, "hvc1", new byte[0], "hvc1.1.6.L60.90", 320, 240, Rational.of(1, 1), 0, 0,
                lengthSize, hvcC(lengthSize));
    }
}
