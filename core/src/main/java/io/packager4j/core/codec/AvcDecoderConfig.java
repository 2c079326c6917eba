package io.packager4j.core.codec;

import io.packager4j.PackagingException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The AVCDecoderConfigurationRecord of an {@code avcC} box (ISO/IEC 14496-15, 5.3.3.1): profile,
 * level, the size of the NAL unit length prefix in samples, and the parameter sets.
 *
 * <p>The parameter sets are kept as stored, with their one-byte NAL header and emulation-prevention
 * bytes, ready for {@link AvcSps#parse(byte[])} and {@link AvcPps#parse(byte[])}.
 */
public final class AvcDecoderConfig {

    /**
     * The chroma format and bit depths that the record repeats for the High profiles, with any
     * SPS extension NAL units. Many files omit this part, or end it early, even for High profile
     * streams, which is why it is optional.
     */
    public record HighProfileExtension(int chromaFormatIdc, int bitDepthLuma, int bitDepthChroma,
                                       List<byte[]> spsExt) {
        public HighProfileExtension {
            spsExt = List.copyOf(spsExt);
        }
    }

    private final int configurationVersion;
    private final int profile;
    private final int profileCompatibility;
    private final int level;
    private final int nalLengthSize;
    private final List<byte[]> sps;
    private final List<byte[]> pps;
    private final HighProfileExtension extension;

    private AvcDecoderConfig(int configurationVersion, int profile, int profileCompatibility, int level,
                             int nalLengthSize, List<byte[]> sps, List<byte[]> pps, HighProfileExtension extension) {
        this.configurationVersion = configurationVersion;
        this.profile = profile;
        this.profileCompatibility = profileCompatibility;
        this.level = level;
        this.nalLengthSize = nalLengthSize;
        this.sps = List.copyOf(sps);
        this.pps = List.copyOf(pps);
        this.extension = extension;
    }

    /** Parses the payload of an {@code avcC} box (the bytes after its 8-byte header). */
    public static AvcDecoderConfig parse(byte[] payload) throws PackagingException {
        return parse(payload, 0, payload.length);
    }

    /** Parses {@code len} bytes of an {@code avcC} payload starting at {@code off}. */
    public static AvcDecoderConfig parse(byte[] data, int off, int len) throws PackagingException {
        ByteCursor c = new ByteCursor(data, off, len, "avcC");
        int version = c.u8("configurationVersion");
        if (version != 1) {
            throw c.error("unsupported configurationVersion " + version + " (expected 1)");
        }
        int profile = c.u8("AVCProfileIndication");
        int compat = c.u8("profile_compatibility");
        int level = c.u8("AVCLevelIndication");
        int nalLengthSize = (c.u8("lengthSizeMinusOne") & 0x03) + 1;
        if (nalLengthSize == 3) {
            throw c.error("lengthSizeMinusOne 2 (3-byte NAL unit lengths) is not allowed; expected 0, 1 or 3");
        }
        int numSps = c.u8("numOfSequenceParameterSets") & 0x1F;
        List<byte[]> sps = readNalUnits(c, numSps, "SPS");
        int numPps = c.u8("numOfPictureParameterSets");
        List<byte[]> pps = readNalUnits(c, numPps, "PPS");
        HighProfileExtension ext = readExtension(c, profile);
        return new AvcDecoderConfig(version, profile, compat, level, nalLengthSize, sps, pps, ext);
    }

    private static List<byte[]> readNalUnits(ByteCursor c, int count, String kind) throws PackagingException {
        // Not pre-sized from the count: each entry is checked against the bytes left as it is read.
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = c.offset();
            int n = c.u16(kind + " " + i + " length");
            if (n > c.remaining()) {
                throw c.error(kind + " length " + n + " at offset " + at + " exceeds the " + c.remaining()
                        + " byte(s) left in the record");
            }
            if (n == 0) {
                throw c.error(kind + " " + i + " at offset " + at + " is empty");
            }
            out.add(c.bytes(n, kind + " " + i));
        }
        return out;
    }

    /**
     * The High profile tail. ISO/IEC 14496-15 lists profiles 100, 110, 122 and 144, but muxers
     * (ffmpeg among them) also write it for 244 and the other profiles whose SPS has chroma
     * fields, so it is read for all of those. It is taken as absent when fewer than its 4 fixed
     * bytes remain or their reserved bits are not all ones, and a truncated list of SPS extensions
     * keeps the complete entries: real files are known to end the record early or to carry garbage
     * there, and nothing downstream needs this part.
     */
    private static HighProfileExtension readExtension(ByteCursor c, int profile) throws PackagingException {
        if (!AvcSps.hasChromaInfo(profile) || c.remaining() < 4) {
            return null;
        }
        int chromaByte = c.u8("chroma_format");
        int lumaByte = c.u8("bit_depth_luma_minus8");
        int chromaDepthByte = c.u8("bit_depth_chroma_minus8");
        if ((chromaByte & 0xFC) != 0xFC || (lumaByte & 0xF8) != 0xF8 || (chromaDepthByte & 0xF8) != 0xF8) {
            return null;
        }
        int numExt = c.u8("numOfSequenceParameterSetExt");
        List<byte[]> ext = new ArrayList<>();
        for (int i = 0; i < numExt && c.remaining() >= 2; i++) {
            int n = c.u16("SPS extension length");
            if (n > c.remaining()) {
                break;
            }
            ext.add(c.bytes(n, "SPS extension"));
        }
        return new HighProfileExtension(chromaByte & 0x03, (lumaByte & 0x07) + 8, (chromaDepthByte & 0x07) + 8, ext);
    }

    /** configurationVersion, always 1. */
    public int configurationVersion() {
        return configurationVersion;
    }

    /** AVCProfileIndication: the profile_idc of the SPS, for example 100 for High. */
    public int profile() {
        return profile;
    }

    /** profile_compatibility: the byte of constraint_set flags between profile_idc and level_idc in the SPS. */
    public int profileCompatibility() {
        return profileCompatibility;
    }

    /** AVCLevelIndication: level_idc, ten times the level number (31 for level 3.1). */
    public int level() {
        return level;
    }

    /** Size in bytes of the length prefix of each NAL unit in the samples: 1, 2 or 4. */
    public int nalLengthSize() {
        return nalLengthSize;
    }

    /** The sequence parameter set NAL units, each a fresh copy (may be empty for {@code avc3}). */
    public List<byte[]> sps() {
        return copies(sps);
    }

    /** The picture parameter set NAL units, each a fresh copy (may be empty for {@code avc3}). */
    public List<byte[]> pps() {
        return copies(pps);
    }

    /** The High profile chroma format and bit depths, when the record carries them. */
    public Optional<HighProfileExtension> highProfileExtension() {
        return Optional.ofNullable(extension);
    }

    static List<byte[]> copies(List<byte[]> arrays) {
        List<byte[]> out = new ArrayList<>(arrays.size());
        for (byte[] a : arrays) {
            out.add(a.clone());
        }
        return List.copyOf(out);
    }
}
