package io.packager4j.crypto.subsample;

import io.packager4j.core.media.Codec;
import io.packager4j.core.media.Rational;
import io.packager4j.core.media.TrackFormat;

import java.io.ByteArrayOutputStream;

/**
 * Hand-made H.264 parameter sets for slice header tests, with every option that changes the
 * slice header syntax settable. Pictures are 320x240 (20 x 15 macroblocks, 300 map units when
 * progressive).
 */
final class SyntheticAvc {

    int spsId = 0;
    int profileIdc = 100;
    int chromaFormatIdc = 1;
    boolean separateColourPlane;
    int log2MaxFrameNum = 4;
    int pocType = 0;
    int log2MaxPocLsb = 6;
    boolean deltaPicOrderAlwaysZero;
    boolean frameMbsOnly = true;

    int ppsId = 0;
    boolean cabac = true;
    boolean bottomFieldPicOrderInFramePresent;
    int numSliceGroups = 1;
    int sliceGroupMapType = 4;
    int sliceGroupChangeRate = 7;
    int numRefIdxL0DefaultMinus1 = 0;
    int numRefIdxL1DefaultMinus1 = 0;
    boolean weightedPred;
    int weightedBipredIdc;
    boolean deblockingFilterControlPresent = true;
    boolean redundantPicCntPresent;

    byte[] sps() {
        BitWriter w = new BitWriter().bits(0x67, 8).bits(profileIdc, 8).bits(0, 8).bits(30, 8).ue(spsId);
        if (profileIdc == 100 || profileIdc == 244) {
            w.ue(chromaFormatIdc);
            if (chromaFormatIdc == 3) {
                w.flag(separateColourPlane);
            }
            w.ue(0).ue(0).flag(false).flag(false);
        }
        w.ue(log2MaxFrameNum - 4).ue(pocType);
        if (pocType == 0) {
            w.ue(log2MaxPocLsb - 4);
        } else if (pocType == 1) {
            w.flag(deltaPicOrderAlwaysZero).se(0).se(0).ue(1).se(2);
        }
        w.ue(4).flag(false).ue(19).ue(frameMbsOnly ? 14 : 7).flag(frameMbsOnly);
        if (!frameMbsOnly) {
            w.flag(false); // mb_adaptive_frame_field_flag
        }
        return w.flag(true).flag(false).flag(false).trailingBits().nal();
    }

    byte[] pps() {
        BitWriter w = new BitWriter().bits(0x68, 8).ue(ppsId).ue(spsId).flag(cabac)
                .flag(bottomFieldPicOrderInFramePresent).ue(numSliceGroups - 1);
        if (numSliceGroups > 1) {
            w.ue(sliceGroupMapType);
            if (sliceGroupMapType < 3 || sliceGroupMapType > 5) {
                throw new IllegalArgumentException("only slice group map types 3 to 5 are written");
            }
            w.flag(false).ue(sliceGroupChangeRate - 1);
        }
        return w.ue(numRefIdxL0DefaultMinus1).ue(numRefIdxL1DefaultMinus1).flag(weightedPred)
                .bits(weightedBipredIdc, 2).se(0).se(0).se(0).flag(deblockingFilterControlPresent)
                .flag(false).flag(redundantPicCntPresent).trailingBits().nal();
    }

    /** An avcC payload holding this SPS and PPS. */
    byte[] avcC(int lengthSize) {
        byte[] sps = sps();
        byte[] pps = pps();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(1);
        o.write(profileIdc);
        o.write(0);
        o.write(30);
        o.write(0xFC | (lengthSize - 1));
        o.write(0xE1);
        o.write(sps.length >>> 8);
        o.write(sps.length);
        o.writeBytes(sps);
        o.write(1);
        o.write(pps.length >>> 8);
        o.write(pps.length);
        o.writeBytes(pps);
        return o.toByteArray();
    }

    TrackFormat format(int lengthSize) {
        return format(lengthSize, avcC(lengthSize));
    }

    static TrackFormat format(int lengthSize, byte[] avcC) {
        return new TrackFormat(Codec.AVC, "avc1", new byte[0], "avc1.64001e", 320, 240, Rational.of(1, 1), 0, 0,
                lengthSize, avcC);
    }

    /** An avcC without parameter sets (avc3: all of them in band). */
    static byte[] emptyAvcC(int lengthSize) {
        return new byte[] {1, 100, 0, 30, (byte) (0xFC | (lengthSize - 1)), (byte) 0xE0, 0};
    }
}
