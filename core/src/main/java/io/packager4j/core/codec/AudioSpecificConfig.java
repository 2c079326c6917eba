package io.packager4j.core.codec;

import io.packager4j.PackagingException;

/**
 * An MPEG-4 AudioSpecificConfig (ISO/IEC 14496-3, 1.6.2.1), the DecoderSpecificInfo of AAC in
 * an {@code esds} box: object type, sampling frequency and channel configuration, and whether SBR
 * (HE-AAC) or PS (HE-AAC v2) is signalled.
 *
 * <p>Both explicit forms of SBR/PS signalling are recognised: hierarchical (the config starts with
 * object type 5 or 29 and then gives the underlying type, usually 2) and backward-compatible (a
 * plain AAC config followed by the 0x2B7 sync extension). With implicit signalling nothing in the
 * config reveals SBR, and it is reported as plain AAC, as every parser must.
 */
public final class AudioSpecificConfig {

    /** Audio object type of AAC LC. */
    public static final int AOT_AAC_LC = 2;
    /** Audio object type of SBR (HE-AAC). */
    public static final int AOT_SBR = 5;
    /** Audio object type of PS (HE-AAC v2). */
    public static final int AOT_PS = 29;

    private static final int[] SAMPLING_FREQUENCIES = {
            96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350,
    };

    /** Output channels of channelConfiguration 1 to 14 (ISO/IEC 14496-3 Table 1.19, ISO/IEC 23001-8). */
    private static final int[] CHANNELS_BY_CONFIGURATION = {0, 1, 2, 3, 4, 5, 6, 8, 0, 0, 0, 7, 8, 24, 8};

    private final int audioObjectType;
    private final int samplingFrequencyIndex;
    private final int samplingFrequency;
    private final int channelConfiguration;
    private final int extensionAudioObjectType;
    private final boolean sbrPresent;
    private final boolean psPresent;
    private final int extensionSamplingFrequency;
    private final int pceChannelCount;

    private AudioSpecificConfig(BitReader r) throws PackagingException {
        int aot = readAudioObjectType(r);
        int sfIndex = r.readBits(4, "samplingFrequencyIndex");
        int sf = readSamplingFrequency(r, sfIndex, "samplingFrequency");
        int channels = r.readBits(4, "channelConfiguration");

        boolean hierarchical = false;
        boolean sbr = false;
        boolean ps = false;
        int extSf = 0;
        if (aot == AOT_SBR || aot == AOT_PS) {
            // Hierarchical signalling: the object type names the extension, the real one follows.
            hierarchical = true;
            sbr = true;
            ps = aot == AOT_PS;
            int extIndex = r.readBits(4, "extensionSamplingFrequencyIndex");
            extSf = readSamplingFrequency(r, extIndex, "extensionSamplingFrequency");
            aot = readAudioObjectType(r);
            if (aot == 22) {
                r.readBits(4, "extensionChannelConfiguration");
            }
        }
        audioObjectType = aot;
        samplingFrequencyIndex = sfIndex;
        samplingFrequency = sf;
        channelConfiguration = channels;

        int pceChannels = 0;
        // The sync extension can only be found after a config whose length is known: GA, without
        // an ErrorProtectionSpecificConfig in between.
        boolean lengthKnown = isGeneralAudio(aot);
        if (lengthKnown) {
            pceChannels = readGaSpecificConfig(r, channels, aot);
            if (isErrorResilient(aot)) {
                int epConfig = r.readBits(2, "epConfig");
                lengthKnown = epConfig < 2;
            }
        }
        if (lengthKnown && !hierarchical && r.bitsLeft() >= 16) {
            SyncExtension ext = readSyncExtension(r);
            if (ext != null) {
                sbr = true;
                ps = ext.ps();
                extSf = ext.samplingFrequency();
            }
        }
        extensionAudioObjectType = sbr ? AOT_SBR : 0;
        sbrPresent = sbr;
        psPresent = ps;
        extensionSamplingFrequency = sbr ? extSf : 0;
        pceChannelCount = pceChannels;
    }

    private record SyncExtension(int samplingFrequency, boolean ps) {
    }

    /**
     * The backward-compatible SBR/PS signalling after the core config: syncExtensionType 0x2B7,
     * extensionAudioObjectType 5, sbrPresentFlag, extension frequency, then optionally 0x548 and
     * psPresentFlag. Returns null unless SBR is signalled present. The extension is optional
     * trailing data and some muxers pad the DecoderSpecificInfo with other bytes, so a tail that
     * does not parse means "no extension" rather than a broken config.
     */
    private static SyncExtension readSyncExtension(BitReader r) {
        try {
            // Other extension types (ER BSAC's 22) carry no SBR or PS signal and are ignored.
            if (r.readBits(11, "syncExtensionType") != 0x2B7 || readAudioObjectType(r) != AOT_SBR
                    || !r.readFlag("sbrPresentFlag")) {
                return null;
            }
            int extIndex = r.readBits(4, "extensionSamplingFrequencyIndex");
            int extSf = readSamplingFrequency(r, extIndex, "extensionSamplingFrequency");
            boolean ps = r.bitsLeft() >= 12 && r.readBits(11, "syncExtensionType") == 0x548
                    && r.readFlag("psPresentFlag");
            return new SyncExtension(extSf, ps);
        } catch (PackagingException e) {
            return null;
        }
    }

    /** Parses an AudioSpecificConfig. */
    public static AudioSpecificConfig parse(byte[] dsi) throws PackagingException {
        return parse(dsi, 0, dsi.length);
    }

    /** Parses {@code len} bytes of {@code data} from {@code off} as an AudioSpecificConfig. */
    public static AudioSpecificConfig parse(byte[] data, int off, int len) throws PackagingException {
        return new AudioSpecificConfig(new BitReader(data, off, len, "AudioSpecificConfig"));
    }

    /** GetAudioObjectType(): 5 bits, with 31 escaping to 32 + 6 more bits. */
    private static int readAudioObjectType(BitReader r) throws PackagingException {
        int aot = r.readBits(5, "audioObjectType");
        return aot == 31 ? 32 + r.readBits(6, "audioObjectTypeExt") : aot;
    }

    private static int readSamplingFrequency(BitReader r, int index, String field) throws PackagingException {
        if (index == 0xF) {
            int f = r.readBits(24, field);
            if (f == 0) {
                throw r.error(field + " is 0 Hz");
            }
            return f;
        }
        if (index >= SAMPLING_FREQUENCIES.length) {
            throw r.error("sampling frequency index " + index + " is reserved");
        }
        return SAMPLING_FREQUENCIES[index];
    }

    /** Object types whose config continues with GASpecificConfig. */
    private static boolean isGeneralAudio(int aot) {
        switch (aot) {
            case 1, 2, 3, 4, 6, 7, 17, 19, 20, 21, 22, 23:
                return true;
            default:
                return false;
        }
    }

    /** Error resilient GA object types, whose config continues with epConfig. */
    private static boolean isErrorResilient(int aot) {
        return aot >= 17 && aot <= 23 && aot != 18;
    }

    /** GASpecificConfig (4.4.1); returns the channel count of a program_config_element, or 0. */
    private static int readGaSpecificConfig(BitReader r, int channelConfiguration, int aot) throws PackagingException {
        r.readFlag("frameLengthFlag");
        if (r.readFlag("dependsOnCoreCoder")) {
            r.readBits(14, "coreCoderDelay");
        }
        boolean extensionFlag = r.readFlag("extensionFlag");
        int pceChannels = 0;
        if (channelConfiguration == 0) {
            pceChannels = readProgramConfigElement(r);
        }
        if (aot == 6 || aot == 20) {
            r.readBits(3, "layerNr");
        }
        if (extensionFlag) {
            if (aot == 22) {
                r.readBits(16, "numOfSubFrame, layer_length");
            }
            if (aot == 17 || aot == 19 || aot == 20 || aot == 23) {
                r.readBits(3, "aac*ResilienceFlags");
            }
            r.readFlag("extensionFlag3");
        }
        return pceChannels;
    }

    /** program_config_element() (4.4.1.1); returns the number of output channels it describes. */
    private static int readProgramConfigElement(BitReader r) throws PackagingException {
        r.readBits(10, "element_instance_tag, object_type, sampling_frequency_index");
        int front = r.readBits(4, "num_front_channel_elements");
        int side = r.readBits(4, "num_side_channel_elements");
        int back = r.readBits(4, "num_back_channel_elements");
        int lfe = r.readBits(2, "num_lfe_channel_elements");
        int assoc = r.readBits(3, "num_assoc_data_elements");
        int cc = r.readBits(4, "num_valid_cc_elements");
        if (r.readFlag("mono_mixdown_present")) {
            r.readBits(4, "mono_mixdown_element_number");
        }
        if (r.readFlag("stereo_mixdown_present")) {
            r.readBits(4, "stereo_mixdown_element_number");
        }
        if (r.readFlag("matrix_mixdown_idx_present")) {
            r.readBits(3, "matrix_mixdown_idx, pseudo_surround_enable");
        }
        int channels = 0;
        for (int i = 0; i < front + side + back; i++) {
            // A channel pair element carries two channels, a single channel element one.
            channels += r.readFlag("is_cpe") ? 2 : 1;
            r.readBits(4, "element_tag_select");
        }
        channels += lfe;
        r.skipBits(4L * lfe + 4L * assoc + 5L * cc);
        // The PCE's byte_alignment() is relative to the start of the AudioSpecificConfig.
        r.byteAlign();
        int commentBytes = r.readBits(8, "comment_field_bytes");
        r.skipBits(8L * commentBytes);
        return channels;
    }

    /**
     * The underlying audio object type: 2 for AAC LC, also when SBR or PS is signalled on top of it.
     */
    public int audioObjectType() {
        return audioObjectType;
    }

    /** 5 when SBR is explicitly signalled, otherwise 0. */
    public int extensionAudioObjectType() {
        return extensionAudioObjectType;
    }

    /** True when SBR is explicitly signalled (HE-AAC v1 or v2). */
    public boolean sbrPresent() {
        return sbrPresent;
    }

    /** True when parametric stereo is explicitly signalled (HE-AAC v2). */
    public boolean psPresent() {
        return psPresent;
    }

    /**
     * The object type for the RFC 6381 codecs parameter ({@code mp4a.40.N}): 29 for HE-AAC v2, 5
     * for HE-AAC, otherwise {@link #audioObjectType()}.
     */
    public int codecObjectType() {
        if (psPresent) {
            return AOT_PS;
        }
        return sbrPresent ? AOT_SBR : audioObjectType;
    }

    /** samplingFrequencyIndex (15 when the frequency is given explicitly). */
    public int samplingFrequencyIndex() {
        return samplingFrequencyIndex;
    }

    /** The sampling frequency of the core decoder, in Hz. */
    public int samplingFrequency() {
        return samplingFrequency;
    }

    /** The SBR output sampling frequency in Hz when SBR is signalled, otherwise 0. */
    public int extensionSamplingFrequency() {
        return extensionSamplingFrequency;
    }

    /** The output sampling frequency: the SBR frequency when SBR is signalled, otherwise the core one. */
    public int outputSamplingFrequency() {
        return sbrPresent && extensionSamplingFrequency > 0 ? extensionSamplingFrequency : samplingFrequency;
    }

    /** channelConfiguration (0 means a program_config_element defines the channels). */
    public int channelConfiguration() {
        return channelConfiguration;
    }

    /**
     * The number of output channels: from channelConfiguration, or from the program_config_element
     * when it is 0; mono with parametric stereo decodes to 2. Returns 0 when unknown.
     */
    public int channelCount() {
        int n = channelConfiguration == 0 ? pceChannelCount
                : channelConfiguration < CHANNELS_BY_CONFIGURATION.length
                ? CHANNELS_BY_CONFIGURATION[channelConfiguration] : 0;
        return psPresent && n == 1 ? 2 : n;
    }
}
