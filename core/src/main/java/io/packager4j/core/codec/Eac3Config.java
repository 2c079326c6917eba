package io.packager4j.core.codec;

import io.packager4j.PackagingException;

import java.util.ArrayList;
import java.util.List;

/**
 * The EC3SpecificBox ({@code dec3}) of an {@code ec-3} sample entry (ETSI TS 102 366, F.6): the
 * data rate and, for each independent substream, its coding mode and the extra channel locations
 * its dependent substreams add. The optional Dolby Atmos (JOC) trailer is read when present.
 */
public final class Eac3Config {

    /**
     * One independent substream.
     *
     * @param chanLoc the 9-bit chan_loc of its dependent substreams (0 without them); bit i, counted
     *                from the least significant bit, is location i of Table F.6.1: Lc/Rc pair,
     *                Lrs/Rrs pair, Cs, Ts, Lsd/Rsd pair, Lw/Rw pair, Lvh/Rvh pair, Cvh, LFE2
     */
    public record Substream(int fscod, int bsid, boolean asvc, int bsmod, int acmod, boolean lfeon,
                            int numDepSub, int chanLoc) {

        /** Locations of chan_loc that are channel pairs (bits 0, 1, 4, 5 and 6). */
        private static final int PAIRS = 0b0_0111_0011;

        /** Channels of this substream with its dependent substreams. */
        public int channelCount() {
            int n = Ac3Config.ACMOD_CHANNELS[acmod] + (lfeon ? 1 : 0);
            n += Integer.bitCount(chanLoc) + Integer.bitCount(chanLoc & PAIRS);
            return n;
        }
    }

    private final int dataRateKbps;
    private final List<Substream> substreams;
    private final boolean atmos;
    private final int complexityIndexTypeA;

    private Eac3Config(BitReader r) throws PackagingException {
        dataRateKbps = r.readBits(13, "data_rate");
        int numIndSub = r.readBits(3, "num_ind_sub") + 1;
        List<Substream> list = new ArrayList<>(numIndSub);
        for (int i = 0; i < numIndSub; i++) {
            int fscod = r.readBits(2, "fscod");
            int bsid = r.readBits(5, "bsid");
            r.readBit(); // reserved
            boolean asvc = r.readFlag("asvc");
            int bsmod = r.readBits(3, "bsmod");
            int acmod = r.readBits(3, "acmod");
            boolean lfeon = r.readFlag("lfeon");
            r.readBits(3, "reserved");
            int numDepSub = r.readBits(4, "num_dep_sub");
            int chanLoc = 0;
            if (numDepSub > 0) {
                chanLoc = r.readBits(9, "chan_loc");
            } else {
                r.readBit(); // reserved
            }
            list.add(new Substream(fscod, bsid, asvc, bsmod, acmod, lfeon, numDepSub, chanLoc));
        }
        substreams = List.copyOf(list);
        // Optional trailer (ETSI TS 102 366 V1.4.1, F.6): reserved(7), flag_ec3_extension_type_a(1),
        // complexity_index_type_a(8), signalling Dolby Atmos by joint object coding.
        boolean joc = false;
        int complexity = 0;
        // Each substream entry is a whole number of bytes, so the trailer starts byte-aligned.
        if (r.bitsLeft() >= 16) {
            r.readBits(7, "reserved");
            joc = r.readFlag("flag_ec3_extension_type_a");
            complexity = joc ? r.readBits(8, "complexity_index_type_a") : 0;
        }
        atmos = joc;
        complexityIndexTypeA = complexity;
    }

    /** Parses the payload of a {@code dec3} box (the bytes after its 8-byte header). */
    public static Eac3Config parse(byte[] payload) throws PackagingException {
        return parse(payload, 0, payload.length);
    }

    /** Parses {@code len} bytes of a {@code dec3} payload starting at {@code off}. */
    public static Eac3Config parse(byte[] data, int off, int len) throws PackagingException {
        return new Eac3Config(new BitReader(data, off, len, "dec3"));
    }

    /** data_rate in kbit/s. */
    public int dataRateKbps() {
        return dataRateKbps;
    }

    /** num_ind_sub + 1. */
    public int numIndependentSubstreams() {
        return substreams.size();
    }

    /** The independent substreams (at least one). */
    public List<Substream> substreams() {
        return substreams;
    }

    /**
     * The sample rate in Hz of the first independent substream, or 0 when its fscod is 3: that
     * signals one of the reduced rates, which only the bit stream's fscod2 identifies.
     */
    public int sampleRate() {
        int fscod = substreams.get(0).fscod();
        return fscod < Ac3Config.SAMPLE_RATES.length ? Ac3Config.SAMPLE_RATES[fscod] : 0;
    }

    /**
     * Best-effort channel count: the channels of the first independent substream (the main
     * program) with its dependent substreams. Atmos objects are not counted.
     */
    public int channelCount() {
        return substreams.get(0).channelCount();
    }

    /** True when the Atmos trailer (flag_ec3_extension_type_a) is present and set. */
    public boolean atmos() {
        return atmos;
    }

    /** complexity_index_type_a of the Atmos trailer, 0 without it. */
    public int complexityIndexTypeA() {
        return complexityIndexTypeA;
    }
}
