package io.packager4j.core.codec;

import io.packager4j.PackagingException;

/**
 * The AC3SpecificBox ({@code dac3}) of an {@code ac-3} sample entry (ETSI TS 102 366, F.4):
 * sample rate code, bit stream mode, audio coding mode and LFE, from which the channel count follows.
 */
public final class Ac3Config {

    /** Sample rates by fscod (3 is reserved). */
    static final int[] SAMPLE_RATES = {48000, 44100, 32000};

    /** Full-bandwidth channels by acmod (Table 4.3): 1+1 dual mono, 1/0, 2/0, 3/0, 2/1, 3/1, 2/2, 3/2. */
    static final int[] ACMOD_CHANNELS = {2, 1, 2, 3, 3, 4, 4, 5};

    /** Nominal bitrates in kbit/s by bit_rate_code (Table F.4.1). */
    private static final int[] BITRATES_KBPS = {
            32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 576, 640,
    };

    private final int fscod;
    private final int bsid;
    private final int bsmod;
    private final int acmod;
    private final boolean lfeon;
    private final int bitRateCode;

    private Ac3Config(BitReader r) throws PackagingException {
        fscod = r.readBits(2, "fscod");
        if (fscod == 3) {
            throw r.error("fscod 3 is reserved");
        }
        bsid = r.readBits(5, "bsid");
        bsmod = r.readBits(3, "bsmod");
        acmod = r.readBits(3, "acmod");
        lfeon = r.readFlag("lfeon");
        bitRateCode = r.readBits(5, "bit_rate_code");
    }

    /** Parses the payload of a {@code dac3} box (the bytes after its 8-byte header). */
    public static Ac3Config parse(byte[] payload) throws PackagingException {
        return parse(payload, 0, payload.length);
    }

    /** Parses {@code len} bytes of a {@code dac3} payload starting at {@code off}. */
    public static Ac3Config parse(byte[] data, int off, int len) throws PackagingException {
        return new Ac3Config(new BitReader(data, off, len, "dac3"));
    }

    /** fscod: 0 48 kHz, 1 44.1 kHz, 2 32 kHz. */
    public int fscod() {
        return fscod;
    }

    /** The sample rate in Hz. */
    public int sampleRate() {
        return SAMPLE_RATES[fscod];
    }

    /** bsid (8 for AC-3, 6 for the alternate bit stream syntax). */
    public int bsid() {
        return bsid;
    }

    /** bsmod: the type of service (0 complete main, ...). */
    public int bsmod() {
        return bsmod;
    }

    /** acmod: the audio coding mode (0 to 7). */
    public int acmod() {
        return acmod;
    }

    /** lfeon: whether a low-frequency effects channel is present. */
    public boolean lfeon() {
        return lfeon;
    }

    /** bit_rate_code. */
    public int bitRateCode() {
        return bitRateCode;
    }

    /** The nominal bitrate in kbit/s, or 0 for an undefined bit_rate_code. */
    public int bitrateKbps() {
        return bitRateCode < BITRATES_KBPS.length ? BITRATES_KBPS[bitRateCode] : 0;
    }

    /** Output channels: the full-bandwidth channels of acmod plus the LFE channel (6 for 5.1). */
    public int channelCount() {
        return ACMOD_CHANNELS[acmod] + (lfeon ? 1 : 0);
    }
}
