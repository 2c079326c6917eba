package io.packager4j.core.codec;

import io.packager4j.PackagingException;

import java.util.Arrays;
import java.util.List;

/**
 * One H.265 st_ref_pic_set() (ITU-T H.265, 7.3.7 and 7.4.8): the picture order count deltas of
 * the short-term reference pictures, before (S0) and after (S1) the current picture.
 *
 * <p>A set may be coded as a prediction from an earlier set (inter_ref_pic_set_prediction_flag);
 * its size then depends on the derived NumDeltaPocs of that earlier set, so the derived lists are
 * kept for every set, both for the sets of an SPS and for the one a slice header may carry.
 */
public final class HevcShortTermRefPicSet {

    /**
     * Upper bound on the pictures of one set. The standard bounds each list by
     * sps_max_dec_pic_buffering_minus1, which is below MaxDpbSize = 16.
     */
    static final int MAX_PICS = 16;

    private final int[] deltaPocS0;
    private final boolean[] usedByCurrPicS0;
    private final int[] deltaPocS1;
    private final boolean[] usedByCurrPicS1;

    private HevcShortTermRefPicSet(int[] deltaPocS0, boolean[] usedS0, int[] deltaPocS1, boolean[] usedS1) {
        this.deltaPocS0 = deltaPocS0;
        this.usedByCurrPicS0 = usedS0;
        this.deltaPocS1 = deltaPocS1;
        this.usedByCurrPicS1 = usedS1;
    }

    /**
     * Reads set number {@code previous.size()} of an SPS, where {@code previous} holds the sets
     * already read from that SPS.
     */
    public static HevcShortTermRefPicSet parseInSps(BitReader r, List<HevcShortTermRefPicSet> previous)
            throws PackagingException {
        return parse(r, previous.size(), previous, false);
    }

    /**
     * Reads the set a slice header codes explicitly (stRpsIdx = num_short_term_ref_pic_sets), which
     * may be predicted from any of the SPS's sets.
     */
    public static HevcShortTermRefPicSet parseInSliceHeader(BitReader r, List<HevcShortTermRefPicSet> spsSets)
            throws PackagingException {
        return parse(r, spsSets.size(), spsSets, true);
    }

    private static HevcShortTermRefPicSet parse(BitReader r, int stRpsIdx, List<HevcShortTermRefPicSet> sets,
                                                boolean inSliceHeader) throws PackagingException {
        boolean interRefPicSetPrediction = stRpsIdx != 0 && r.readFlag("inter_ref_pic_set_prediction_flag");
        if (interRefPicSetPrediction) {
            return parsePredicted(r, stRpsIdx, sets, inSliceHeader);
        }
        int numNegative = r.readUE("num_negative_pics", MAX_PICS);
        int numPositive = r.readUE("num_positive_pics", MAX_PICS - numNegative);
        int[] s0 = new int[numNegative];
        boolean[] used0 = new boolean[numNegative];
        long poc = 0;
        for (int i = 0; i < numNegative; i++) {
            poc -= r.readUE("delta_poc_s0_minus1", 32767) + 1;
            s0[i] = (int) poc;
            used0[i] = r.readFlag("used_by_curr_pic_s0_flag");
        }
        int[] s1 = new int[numPositive];
        boolean[] used1 = new boolean[numPositive];
        poc = 0;
        for (int i = 0; i < numPositive; i++) {
            poc += r.readUE("delta_poc_s1_minus1", 32767) + 1;
            s1[i] = (int) poc;
            used1[i] = r.readFlag("used_by_curr_pic_s1_flag");
        }
        return new HevcShortTermRefPicSet(s0, used0, s1, used1);
    }

    /** The predicted form and its derivation, equations 7-61 and 7-62. */
    private static HevcShortTermRefPicSet parsePredicted(BitReader r, int stRpsIdx, List<HevcShortTermRefPicSet> sets,
                                                         boolean inSliceHeader) throws PackagingException {
        int deltaIdx = inSliceHeader ? r.readUE("delta_idx_minus1", stRpsIdx - 1) + 1 : 1;
        HevcShortTermRefPicSet ref = sets.get(stRpsIdx - deltaIdx);
        boolean sign = r.readFlag("delta_rps_sign");
        int absDeltaRps = r.readUE("abs_delta_rps_minus1", 32767) + 1;
        int deltaRps = sign ? -absDeltaRps : absDeltaRps;

        int refCount = ref.numDeltaPocs();
        // Entry j < refCount stands for the reference set's picture j (S0 first, then S1); entry
        // refCount stands for the reference picture itself.
        boolean[] usedByCurrPic = new boolean[refCount + 1];
        boolean[] useDelta = new boolean[refCount + 1];
        for (int j = 0; j <= refCount; j++) {
            usedByCurrPic[j] = r.readFlag("used_by_curr_pic_flag");
            useDelta[j] = usedByCurrPic[j] || r.readFlag("use_delta_flag");
        }

        int refNeg = ref.numNegativePics();
        int refPos = ref.numPositivePics();
        int[] s0 = new int[refCount + 1];
        boolean[] used0 = new boolean[refCount + 1];
        int n0 = 0;
        for (int j = refPos - 1; j >= 0; j--) {
            int dPoc = ref.deltaPocS1[j] + deltaRps;
            if (dPoc < 0 && useDelta[refNeg + j]) {
                s0[n0] = dPoc;
                used0[n0++] = usedByCurrPic[refNeg + j];
            }
        }
        if (deltaRps < 0 && useDelta[refCount]) {
            s0[n0] = deltaRps;
            used0[n0++] = usedByCurrPic[refCount];
        }
        for (int j = 0; j < refNeg; j++) {
            int dPoc = ref.deltaPocS0[j] + deltaRps;
            if (dPoc < 0 && useDelta[j]) {
                s0[n0] = dPoc;
                used0[n0++] = usedByCurrPic[j];
            }
        }

        int[] s1 = new int[refCount + 1];
        boolean[] used1 = new boolean[refCount + 1];
        int n1 = 0;
        for (int j = refNeg - 1; j >= 0; j--) {
            int dPoc = ref.deltaPocS0[j] + deltaRps;
            if (dPoc > 0 && useDelta[j]) {
                s1[n1] = dPoc;
                used1[n1++] = usedByCurrPic[j];
            }
        }
        if (deltaRps > 0 && useDelta[refCount]) {
            s1[n1] = deltaRps;
            used1[n1++] = usedByCurrPic[refCount];
        }
        for (int j = 0; j < refPos; j++) {
            int dPoc = ref.deltaPocS1[j] + deltaRps;
            if (dPoc > 0 && useDelta[refNeg + j]) {
                s1[n1] = dPoc;
                used1[n1++] = usedByCurrPic[refNeg + j];
            }
        }
        if (n0 + n1 > MAX_PICS) {
            // Without this, each predicted set could be one larger than its reference.
            throw r.error("short-term reference picture set " + stRpsIdx + " predicts " + (n0 + n1)
                    + " pictures, more than the " + MAX_PICS + " a DPB can hold");
        }
        return new HevcShortTermRefPicSet(Arrays.copyOf(s0, n0), Arrays.copyOf(used0, n0),
                Arrays.copyOf(s1, n1), Arrays.copyOf(used1, n1));
    }

    /** NumNegativePics: pictures before the current one. */
    public int numNegativePics() {
        return deltaPocS0.length;
    }

    /** NumPositivePics: pictures after the current one. */
    public int numPositivePics() {
        return deltaPocS1.length;
    }

    /** NumDeltaPocs = NumNegativePics + NumPositivePics. */
    public int numDeltaPocs() {
        return deltaPocS0.length + deltaPocS1.length;
    }

    /** DeltaPocS0[i]: negative POC deltas, closest first. */
    public int deltaPocS0(int i) {
        return deltaPocS0[i];
    }

    /** DeltaPocS1[i]: positive POC deltas, closest first. */
    public int deltaPocS1(int i) {
        return deltaPocS1[i];
    }

    /** UsedByCurrPicS0[i]. */
    public boolean usedByCurrPicS0(int i) {
        return usedByCurrPicS0[i];
    }

    /** UsedByCurrPicS1[i]. */
    public boolean usedByCurrPicS1(int i) {
        return usedByCurrPicS1[i];
    }

    /**
     * The number of pictures of this set used by the current picture, the short-term part of
     * NumPicTotalCurr (7-55), which sizes list_entry_l0/l1 in slice headers.
     */
    public int numUsedByCurrPic() {
        int n = 0;
        for (boolean u : usedByCurrPicS0) {
            n += u ? 1 : 0;
        }
        for (boolean u : usedByCurrPicS1) {
            n += u ? 1 : 0;
        }
        return n;
    }

    @Override
    public String toString() {
        return "StRps{S0=" + Arrays.toString(deltaPocS0) + " used " + Arrays.toString(usedByCurrPicS0)
                + ", S1=" + Arrays.toString(deltaPocS1) + " used " + Arrays.toString(usedByCurrPicS1)
                + "}";
    }
}
