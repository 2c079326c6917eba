package io.packager4j.core.codec;

import io.packager4j.PackagingException;

import java.util.ArrayList;
import java.util.List;

/**
 * The HEVCDecoderConfigurationRecord of an {@code hvcC} box (ISO/IEC 14496-15, 8.3.3.1): the
 * general profile, tier and level fields, the size of the NAL unit length prefix, and the arrays
 * of parameter set and SEI NAL units, each kept as stored (two-byte NAL header included,
 * emulation-prevention bytes not removed).
 */
public final class HevcDecoderConfig {

    /** NAL unit type of a video parameter set. */
    public static final int NAL_VPS = 32;
    /** NAL unit type of a sequence parameter set. */
    public static final int NAL_SPS = 33;
    /** NAL unit type of a picture parameter set. */
    public static final int NAL_PPS = 34;
    /** NAL unit type of a prefix SEI message. */
    public static final int NAL_PREFIX_SEI = 39;
    /** NAL unit type of a suffix SEI message. */
    public static final int NAL_SUFFIX_SEI = 40;

    /** One array of the record: NAL units of one type. */
    public record NalArray(boolean arrayCompleteness, int nalUnitType, List<byte[]> nalUnits) {
        public NalArray {
            nalUnits = List.copyOf(nalUnits);
        }
    }

    private final int configurationVersion;
    private final int generalProfileSpace;
    private final boolean generalTierFlag;
    private final int generalProfileIdc;
    private final int generalProfileCompatibilityFlags;
    private final byte[] generalConstraintIndicatorFlags;
    private final int generalLevelIdc;
    private final int minSpatialSegmentationIdc;
    private final int parallelismType;
    private final int chromaFormatIdc;
    private final int bitDepthLuma;
    private final int bitDepthChroma;
    private final int avgFrameRate;
    private final int constantFrameRate;
    private final int numTemporalLayers;
    private final boolean temporalIdNested;
    private final int nalLengthSize;
    private final List<NalArray> arrays;

    private HevcDecoderConfig(ByteCursor c) throws PackagingException {
        configurationVersion = c.u8("configurationVersion");
        if (configurationVersion != 1) {
            throw c.error("unsupported configurationVersion " + configurationVersion + " (expected 1)");
        }
        int b = c.u8("general_profile_idc");
        generalProfileSpace = b >>> 6;
        generalTierFlag = (b & 0x20) != 0;
        generalProfileIdc = b & 0x1F;
        generalProfileCompatibilityFlags = (int) c.u32("general_profile_compatibility_flags");
        generalConstraintIndicatorFlags = c.bytes(6, "general_constraint_indicator_flags");
        generalLevelIdc = c.u8("general_level_idc");
        minSpatialSegmentationIdc = c.u16("min_spatial_segmentation_idc") & 0x0FFF;
        parallelismType = c.u8("parallelismType") & 0x03;
        chromaFormatIdc = c.u8("chromaFormat") & 0x03;
        bitDepthLuma = (c.u8("bitDepthLumaMinus8") & 0x07) + 8;
        bitDepthChroma = (c.u8("bitDepthChromaMinus8") & 0x07) + 8;
        avgFrameRate = c.u16("avgFrameRate");
        int flags = c.u8("lengthSizeMinusOne");
        constantFrameRate = flags >>> 6;
        numTemporalLayers = (flags >>> 3) & 0x07;
        temporalIdNested = (flags & 0x04) != 0;
        nalLengthSize = (flags & 0x03) + 1;
        if (nalLengthSize == 3) {
            throw c.error("lengthSizeMinusOne 2 (3-byte NAL unit lengths) is not allowed; expected 0, 1 or 3");
        }
        int numArrays = c.u8("numOfArrays");
        List<NalArray> list = new ArrayList<>();
        for (int i = 0; i < numArrays; i++) {
            list.add(readArray(c, i));
        }
        arrays = List.copyOf(list);
    }

    private static NalArray readArray(ByteCursor c, int index) throws PackagingException {
        int typeByte = c.u8("array " + index + " NAL_unit_type");
        int type = typeByte & 0x3F;
        int numNalus = c.u16("array " + index + " numNalus");
        List<byte[]> nalUnits = new ArrayList<>();
        for (int j = 0; j < numNalus; j++) {
            int at = c.offset();
            int n = c.u16("array " + index + " NAL unit " + j + " length");
            if (n > c.remaining()) {
                throw c.error("NAL unit length " + n + " at offset " + at + " (array " + index + ", type " + type
                        + ") exceeds the " + c.remaining() + " byte(s) left in the record");
            }
            if (n < 2) {
                throw c.error("NAL unit at offset " + at + " (array " + index + ", type " + type + ") has length " + n
                        + ", shorter than its 2-byte header");
            }
            nalUnits.add(c.bytes(n, "NAL unit"));
        }
        return new NalArray((typeByte & 0x80) != 0, type, nalUnits);
    }

    /** Parses the payload of an {@code hvcC} box (the bytes after its 8-byte header). */
    public static HevcDecoderConfig parse(byte[] payload) throws PackagingException {
        return parse(payload, 0, payload.length);
    }

    /** Parses {@code len} bytes of an {@code hvcC} payload starting at {@code off}. */
    public static HevcDecoderConfig parse(byte[] data, int off, int len) throws PackagingException {
        return new HevcDecoderConfig(new ByteCursor(data, off, len, "hvcC"));
    }

    /** configurationVersion, always 1. */
    public int configurationVersion() {
        return configurationVersion;
    }

    /** general_profile_space (0 to 3; 0 in all current profiles). */
    public int generalProfileSpace() {
        return generalProfileSpace;
    }

    /** general_tier_flag: false for Main tier, true for High tier. */
    public boolean generalTierFlag() {
        return generalTierFlag;
    }

    /** general_profile_idc, for example 1 for Main, 2 for Main 10. */
    public int generalProfileIdc() {
        return generalProfileIdc;
    }

    /** The 32 general_profile_compatibility_flag bits; flag j is bit {@code 31 - j}. */
    public int generalProfileCompatibilityFlags() {
        return generalProfileCompatibilityFlags;
    }

    /** The 48 bits from general_progressive_source_flag on, as 6 bytes (a fresh copy). */
    public byte[] generalConstraintIndicatorFlags() {
        return generalConstraintIndicatorFlags.clone();
    }

    /** general_level_idc, thirty times the level number (93 for level 3.1). */
    public int generalLevelIdc() {
        return generalLevelIdc;
    }

    /** min_spatial_segmentation_idc. */
    public int minSpatialSegmentationIdc() {
        return minSpatialSegmentationIdc;
    }

    /** parallelismType (0 unknown, 1 slices, 2 tiles, 3 wavefront). */
    public int parallelismType() {
        return parallelismType;
    }

    /** chroma_format_idc (1 for 4:2:0). */
    public int chromaFormatIdc() {
        return chromaFormatIdc;
    }

    /** Luma bit depth (8 to 15). */
    public int bitDepthLuma() {
        return bitDepthLuma;
    }

    /** Chroma bit depth (8 to 15). */
    public int bitDepthChroma() {
        return bitDepthChroma;
    }

    /** avgFrameRate in frames per 256 seconds, 0 if unspecified. */
    public int avgFrameRate() {
        return avgFrameRate;
    }

    /** constantFrameRate (0 to 2). */
    public int constantFrameRate() {
        return constantFrameRate;
    }

    /** numTemporalLayers (0 means unknown). */
    public int numTemporalLayers() {
        return numTemporalLayers;
    }

    /** temporalIdNested. */
    public boolean temporalIdNested() {
        return temporalIdNested;
    }

    /** Size in bytes of the length prefix of each NAL unit in the samples: 1, 2 or 4. */
    public int nalLengthSize() {
        return nalLengthSize;
    }

    /** The NAL unit arrays in record order. */
    public List<NalArray> arrays() {
        return arrays;
    }

    /** Fresh copies of all NAL units of the given type, across arrays, in record order. */
    public List<byte[]> nalUnits(int nalUnitType) {
        List<byte[]> out = new ArrayList<>();
        for (NalArray a : arrays) {
            if (a.nalUnitType() == nalUnitType) {
                out.addAll(a.nalUnits());
            }
        }
        return AvcDecoderConfig.copies(out);
    }

    /** The video parameter sets. */
    public List<byte[]> vps() {
        return nalUnits(NAL_VPS);
    }

    /** The sequence parameter sets. */
    public List<byte[]> sps() {
        return nalUnits(NAL_SPS);
    }

    /** The picture parameter sets. */
    public List<byte[]> pps() {
        return nalUnits(NAL_PPS);
    }
}
