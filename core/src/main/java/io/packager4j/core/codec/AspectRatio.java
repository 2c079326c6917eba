package io.packager4j.core.codec;

import io.packager4j.PackagingException;
import io.packager4j.core.media.Rational;

/**
 * The aspect_ratio_idc part of the VUI, which H.264 (Table E-1) and H.265 (Table E-1) share.
 */
final class AspectRatio {

    /** aspect_ratio_idc that is followed by explicit 16-bit sar_width and sar_height. */
    static final int EXTENDED_SAR = 255;

    /** Sample aspect ratios for aspect_ratio_idc 1 to 16, as {width, height}. */
    private static final int[][] TABLE_E1 = {
            {1, 1}, {12, 11}, {10, 11}, {16, 11}, {40, 33}, {24, 11}, {20, 11}, {32, 11},
            {80, 33}, {18, 11}, {15, 11}, {64, 33}, {160, 99}, {4, 3}, {3, 2}, {2, 1},
    };

    private AspectRatio() {
    }

    /**
     * Reads aspect_ratio_idc and, for Extended_SAR, sar_width and sar_height, and returns the sample
     * aspect ratio, or null when it is unspecified (idc 0, a reserved idc, or a zero width or height,
     * which the standards define as unspecified).
     */
    static Rational read(BitReader r) throws PackagingException {
        int idc = r.readBits(8, "aspect_ratio_idc");
        if (idc == EXTENDED_SAR) {
            int w = r.readBits(16, "sar_width");
            int h = r.readBits(16, "sar_height");
            return w == 0 || h == 0 ? null : Rational.of(w, h);
        }
        if (idc >= 1 && idc <= TABLE_E1.length) {
            return Rational.of(TABLE_E1[idc - 1][0], TABLE_E1[idc - 1][1]);
        }
        return null;
    }
}
