package io.packager4j.core.codec;

import io.packager4j.PackagingException;
import io.packager4j.core.media.Rational;

/**
 * The start of the VUI, identical in H.264 (E.1.1) and H.265 (E.2.1): aspect ratio, overscan,
 * video signal type and chroma location. Each codec's VUI parser continues from where this stops.
 */
final class VuiPrefix {

    private VuiPrefix() {
    }

    /** Reads the common fields; returns the sample aspect ratio, or null when not signalled. */
    static Rational read(BitReader r) throws PackagingException {
        Rational sar = null;
        if (r.readFlag("aspect_ratio_info_present_flag")) {
            sar = AspectRatio.read(r);
        }
        if (r.readFlag("overscan_info_present_flag")) {
            r.readFlag("overscan_appropriate_flag");
        }
        if (r.readFlag("video_signal_type_present_flag")) {
            r.readBits(4, "video_format, video_full_range_flag");
            if (r.readFlag("colour_description_present_flag")) {
                r.readBits(24, "colour_primaries, transfer_characteristics, matrix_coefficients");
            }
        }
        if (r.readFlag("chroma_loc_info_present_flag")) {
            r.readUE(); // chroma_sample_loc_type_top_field
            r.readUE(); // chroma_sample_loc_type_bottom_field
        }
        return sar;
    }
}
