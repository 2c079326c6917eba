package io.packager4j.core.codec;

import io.packager4j.PackagingException;

/**
 * The general part of an H.265 profile_tier_level() (ITU-T H.265, 7.3.3), as read from an SPS;
 * the sub-layer parts are read past.
 *
 * @param generalProfileSpace              general_profile_space (0 to 3)
 * @param generalTierFlag                  general_tier_flag: false Main tier, true High tier
 * @param generalProfileIdc                general_profile_idc
 * @param generalProfileCompatibilityFlags the 32 compatibility flags; flag j is bit {@code 31 - j}
 * @param generalConstraintIndicatorFlags  the 48 bits from general_progressive_source_flag on, in the
 *                                         low 48 bits, first bit most significant
 * @param generalLevelIdc                  general_level_idc, thirty times the level number
 */
public record HevcProfileTierLevel(int generalProfileSpace, boolean generalTierFlag, int generalProfileIdc,
                                   int generalProfileCompatibilityFlags, long generalConstraintIndicatorFlags,
                                   int generalLevelIdc) {

    /** Reads profile_tier_level(1, maxSubLayersMinus1). */
    public static HevcProfileTierLevel read(BitReader r, int maxSubLayersMinus1) throws PackagingException {
        if (maxSubLayersMinus1 < 0 || maxSubLayersMinus1 > 7) {
            throw new IllegalArgumentException("maxSubLayersMinus1 must be 0 to 7, not " + maxSubLayersMinus1);
        }
        int profileSpace = r.readBits(2, "general_profile_space");
        boolean tier = r.readFlag("general_tier_flag");
        int profileIdc = r.readBits(5, "general_profile_idc");
        int compat = r.readBits(32, "general_profile_compatibility_flags");
        long constraints = (r.readBitsLong(32) << 16) | r.readBits(16, "general constraint flags");
        int level = r.readBits(8, "general_level_idc");

        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = r.readFlag("sub_layer_profile_present_flag");
            levelPresent[i] = r.readFlag("sub_layer_level_present_flag");
        }
        if (maxSubLayersMinus1 > 0) {
            // reserved_zero_2bits pad the flags above to 16 bits.
            r.skipBits(2L * (8 - maxSubLayersMinus1));
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            if (profilePresent[i]) {
                // profile space, tier, idc, 32 compatibility flags and 48 constraint bits
                r.skipBits(88);
            }
            if (levelPresent[i]) {
                r.skipBits(8);
            }
        }
        return new HevcProfileTierLevel(profileSpace, tier, profileIdc, compat, constraints, level);
    }
}
