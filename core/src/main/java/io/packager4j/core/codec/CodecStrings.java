package io.packager4j.core.codec;

import java.util.Locale;

/**
 * The RFC 6381 {@code codecs} parameter for each supported codec, as written in MPD
 * {@code @codecs} and HLS {@code CODECS} attributes.
 *
 * <p>AVC follows RFC 6381 3.3 ({@code avc1.PPCCLL} in lowercase hex, as most packagers write it);
 * HEVC follows ISO/IEC 14496-15 Annex E.3; AAC follows RFC 6381 3.3 with the object type of the
 * AudioSpecificConfig; AC-3, E-AC-3 and Opus use their fixed strings from ETSI TS 102 366 Annex F
 * and the Opus-in-ISOBMFF specification.
 */
public final class CodecStrings {

    private CodecStrings() {
    }

    /**
     * {@code avc1.64001f}: the sample entry type, then profile_idc, the constraint flags byte and
     * level_idc as two lowercase hex digits each.
     */
    public static String avc(String sampleEntryType, AvcDecoderConfig config) {
        return String.format(Locale.ROOT, "%s.%02x%02x%02x", sampleEntryType, config.profile(),
                config.profileCompatibility(), config.level());
    }

    /**
     * {@code hvc1.1.6.L93.B0}: the sample entry type; the profile space as A, B or C (nothing for 0)
     * followed by general_profile_idc in decimal; the 32 compatibility flags in reverse bit order in
     * hex without leading zeros; L or H for the tier followed by general_level_idc in decimal; then
     * each of the six constraint bytes in hex, separated by dots, with trailing zero bytes omitted.
     * Hex digits are uppercase as in the examples of Annex E.
     */
    public static String hevc(String sampleEntryType, HevcDecoderConfig config) {
        StringBuilder sb = new StringBuilder(sampleEntryType).append('.');
        if (config.generalProfileSpace() > 0) {
            sb.append((char) ('A' + config.generalProfileSpace() - 1));
        }
        sb.append(config.generalProfileIdc()).append('.');
        // Flag j is stored as bit 31 - j; the string wants flag j as bit j.
        sb.append(hex(Integer.reverse(config.generalProfileCompatibilityFlags())));
        sb.append('.').append(config.generalTierFlag() ? 'H' : 'L').append(config.generalLevelIdc());
        byte[] constraints = config.generalConstraintIndicatorFlags();
        int last = constraints.length;
        while (last > 0 && constraints[last - 1] == 0) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            sb.append('.').append(hex(constraints[i] & 0xFF));
        }
        return sb.toString();
    }

    private static String hex(int value) {
        return Integer.toHexString(value).toUpperCase(Locale.ROOT);
    }

    /**
     * {@code mp4a.40.2} (AAC LC), {@code mp4a.40.5} (HE-AAC), {@code mp4a.40.29} (HE-AAC v2), ...
     * for MPEG-4 Audio; {@code mp4a.40} if it has no AudioSpecificConfig; {@code mp4a.} and the
     * objectTypeIndication in lowercase hex for other object types (for example {@code mp4a.6b} for
     * MP3, {@code mp4a.67} for MPEG-2 AAC LC).
     */
    public static String aac(EsDescriptor esds) {
        int oti = esds.objectTypeIndication();
        if (oti == EsDescriptor.OTI_MPEG4_AUDIO) {
            return esds.audioSpecificConfig().map(CodecStrings::aac).orElse("mp4a.40");
        }
        return String.format(Locale.ROOT, "mp4a.%02x", oti);
    }

    /** {@code mp4a.40.N} with N the {@link AudioSpecificConfig#codecObjectType()}. */
    public static String aac(AudioSpecificConfig config) {
        return "mp4a.40." + config.codecObjectType();
    }

    /** {@code ac-3}. */
    public static String ac3() {
        return "ac-3";
    }

    /** {@code ec-3} (also for Dolby Atmos in E-AC-3, which is signalled elsewhere in the MPD). */
    public static String eac3() {
        return "ec-3";
    }

    /** {@code opus}: the codecs parameter is lowercase although the sample entry type is {@code Opus}. */
    public static String opus() {
        return "opus";
    }
}
