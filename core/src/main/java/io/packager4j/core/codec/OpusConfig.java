package io.packager4j.core.codec;

import io.packager4j.PackagingException;

/**
 * The OpusSpecificBox ({@code dOps}) of an {@code Opus} sample entry ("Encapsulation of Opus in
 * ISO Base Media File Format", 4.3.2): the fields of the Ogg OpusHead, big-endian.
 */
public final class OpusConfig {

    private final int version;
    private final int outputChannelCount;
    private final int preSkip;
    private final long inputSampleRate;
    private final int outputGain;
    private final int channelMappingFamily;
    private final int streamCount;
    private final int coupledCount;
    private final byte[] channelMapping;

    private OpusConfig(ByteCursor c) throws PackagingException {
        version = c.u8("Version");
        if (version != 0) {
            throw c.error("unsupported Version " + version + " (expected 0)");
        }
        outputChannelCount = c.u8("OutputChannelCount");
        if (outputChannelCount == 0) {
            throw c.error("OutputChannelCount is 0");
        }
        preSkip = c.u16("PreSkip");
        inputSampleRate = c.u32("InputSampleRate");
        outputGain = (short) c.u16("OutputGain");
        channelMappingFamily = c.u8("ChannelMappingFamily");
        if (channelMappingFamily != 0) {
            streamCount = c.u8("StreamCount");
            coupledCount = c.u8("CoupledCount");
            if (streamCount == 0 || coupledCount > streamCount) {
                throw c.error("StreamCount " + streamCount + " with CoupledCount " + coupledCount + " is invalid");
            }
            channelMapping = c.bytes(outputChannelCount, "ChannelMapping");
        } else {
            // Family 0 is mono or stereo in one stream, with the implied mapping.
            if (outputChannelCount > 2) {
                throw c.error("ChannelMappingFamily 0 allows 1 or 2 channels, not " + outputChannelCount);
            }
            streamCount = 1;
            coupledCount = outputChannelCount - 1;
            channelMapping = new byte[0];
        }
    }

    /** Parses the payload of a {@code dOps} box (the bytes after its 8-byte header). */
    public static OpusConfig parse(byte[] payload) throws PackagingException {
        return parse(payload, 0, payload.length);
    }

    /** Parses {@code len} bytes of a {@code dOps} payload starting at {@code off}. */
    public static OpusConfig parse(byte[] data, int off, int len) throws PackagingException {
        return new OpusConfig(new ByteCursor(data, off, len, "dOps"));
    }

    /** Version, always 0. */
    public int version() {
        return version;
    }

    /** OutputChannelCount. */
    public int outputChannelCount() {
        return outputChannelCount;
    }

    /** PreSkip: samples at 48 kHz to discard from the start of the decoded stream. */
    public int preSkip() {
        return preSkip;
    }

    /** InputSampleRate in Hz: informational only, Opus always decodes at 48 kHz. */
    public long inputSampleRate() {
        return inputSampleRate;
    }

    /** OutputGain in Q7.8 dB. */
    public int outputGain() {
        return outputGain;
    }

    /** ChannelMappingFamily: 0 mono/stereo, 1 Vorbis order surround, 255 unspecified. */
    public int channelMappingFamily() {
        return channelMappingFamily;
    }

    /** StreamCount (1 for family 0). */
    public int streamCount() {
        return streamCount;
    }

    /** CoupledCount (OutputChannelCount &minus; 1 for family 0). */
    public int coupledCount() {
        return coupledCount;
    }

    /** ChannelMapping (a fresh copy; empty for family 0). */
    public byte[] channelMapping() {
        return channelMapping.clone();
    }
}
