package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;
import io.packager4j.core.codec.BitReader;
import io.packager4j.core.codec.HevcShortTermRefPicSet;
import io.packager4j.core.codec.HevcSps;
import io.packager4j.core.codec.Rbsp;
import io.packager4j.core.media.ProtectionScheme;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * H.265 slice segment header syntax that x265 never writes: a reference picture set predicted from
 * the SPS inside the slice, long-term pictures, list modification (whose entries are sized by
 * NumPicTotalCurr), dependent slice segments, tiles, extra slice header bits, pic_output_flag,
 * deblocking overrides, header extensions. Each header is written by the test from the syntax
 * tables of H.265 7.3.6 and must be measured to the bit.
 */
class HevcSliceHeaderParserTest {

    private static final int B = 0;
    private static final int P = 1;
    private static final int I = 2;

    @Test
    void bSliceWithEverything() throws PackagingException {
        long[] bits = new long[1];
        byte[] nal = SliceHeaders.slice(w -> w.bits(1 << 9 | 1, 16)
                .flag(true).ue(0)                    // first_slice_segment_in_pic_flag, PPS 0
                .bits(0b10, 2).ue(B).flag(true)       // slice_reserved_flag x2, slice_type, pic_output_flag
                .bits(37, 8)                          // slice_pic_order_cnt_lsb
                .flag(false)                          // short_term_ref_pic_set_sps_flag: a set of its own,
                .flag(true).ue(0).flag(true).ue(0)    // predicted from SPS set 1 with deltaRps = -1
                .flag(true)                           // j0: -2, used
                .flag(false).flag(true)               // j1: -4, kept but not used
                .flag(true)                           // j2: +1, used
                .flag(false).flag(false)              // j3 (the reference itself, -1): dropped
                .ue(1).ue(1)                          // num_long_term_sps, num_long_term_pics
                .bits(1, 1).flag(true).ue(3)          // lt_idx_sps 1 (used), delta_poc_msb_cycle_lt
                .bits(200, 8).flag(true).flag(false)  // poc_lsb_lt, used, no msb
                .flag(true)                           // slice_temporal_mvp_enabled_flag
                .flag(true).flag(false)               // slice_sao_luma_flag, slice_sao_chroma_flag
                .flag(true).ue(1).ue(1)               // two entries in each list
                // NumPicTotalCurr = 2 short-term + 2 long-term = 4: list entries of 2 bits.
                .flag(true).bits(3, 2).bits(0, 2)
                .flag(true).bits(1, 2).bits(2, 2)
                .flag(false).flag(true)               // mvd_l1_zero_flag, cabac_init_flag
                .flag(false).ue(1)                    // collocated from l1, collocated_ref_idx
                .ue(6).se(-1)                         // pred_weight_table: denominators
                .flag(true).flag(false).flag(false).flag(true) // l0 luma flags, chroma flags
                .se(-3).se(100)                       // l0[0] luma
                .se(5).se(-300).se(-5).se(300)        // l0[1] chroma
                .flag(false).flag(false).flag(false).flag(false) // l1: nothing
                .ue(2).se(-4).se(3).se(-3)            // five_minus_max_num_merge_cand, QP deltas
                .flag(true).flag(false).se(2).se(-2)  // deblocking override with offsets
                .flag(true)                           // slice_loop_filter_across_slices_enabled_flag
                .ue(3).ue(9).bits(1000, 10).bits(7, 10).bits(513, 10) // entry points
                .ue(3).bits(0xAB, 8).bits(0xCD, 8).bits(0xEF, 8)      // header extension
                .bit(1).alignWith(0), false, bits);
        SliceHeaders.mapAndCheck(new SyntheticHevc().format(4), true, bits, nal);
    }

    @Test
    void dependentSliceSegmentAfterAnIndependentOne() throws PackagingException {
        long[] first = new long[1];
        byte[] independent = SliceHeaders.slice(w -> w.bits(19 << 9 | 1, 16)
                .flag(true).flag(false).ue(0)         // IDR: no_output_of_prior_pics_flag
                .bits(0, 2).ue(I).flag(true)
                .flag(true).flag(true)                // SAO; an IDR has no POC or reference sets
                .se(0).se(0).se(0).flag(false).flag(true)
                .ue(0).ue(0).bit(1).alignWith(0), false, first);
        long[] second = new long[1];
        byte[] dependent = SliceHeaders.slice(w -> w.bits(19 << 9 | 1, 16)
                .flag(false).flag(false).ue(0)
                .flag(true).bits(7, 5)                // dependent_slice_segment_flag, slice_segment_address
                .ue(1).ue(3).bits(5, 4)               // one entry point of 4 bits
                .ue(0).bit(1).alignWith(0), false, second);
        SliceHeaders.mapAndCheck(new SyntheticHevc().format(4), true, new long[] {first[0], second[0]},
                independent, dependent);
    }

    @Test
    void craPictureUsingAnSpsReferenceSetAndWeightedPrediction() throws PackagingException {
        long[] bits = new long[1];
        byte[] nal = SliceHeaders.slice(w -> w.bits(21 << 9 | 1, 16)
                .flag(true).flag(true).ue(0).bits(1, 2).ue(P).flag(false)
                .bits(5, 8).flag(true).bits(1, 1)     // slice_pic_order_cnt_lsb, SPS set 1
                .ue(0).ue(0)                          // no long-term pictures
                .flag(false).flag(false).flag(true)   // no TMVP; SAO luma off, chroma on
                .flag(false)                          // default: 2 entries in l0
                .flag(true).bits(1, 1).bits(0, 1)     // NumPicTotalCurr = 2: 1-bit entries
                .flag(false)                          // cabac_init_flag
                .ue(0).se(0).flag(false).flag(false).flag(false).flag(false)
                .ue(0).se(1).se(0).se(0)
                .flag(true).flag(true)                // deblocking overridden to disabled: no offsets
                .flag(true)                           // loop filter flag (SAO chroma is on)
                .ue(0).ue(0).bit(1).alignWith(0), false, bits);
        SliceHeaders.mapAndCheck(new SyntheticHevc().format(2), true, bits, nal);
    }

    @Test
    void headerLongerThanTheWindowIsReadWhole() throws PackagingException {
        long[] bits = new long[1];
        byte[] nal = SliceHeaders.slice(w -> {
            w.bits(19 << 9 | 1, 16).flag(true).flag(false).ue(0).bits(0, 2).ue(I).flag(true)
                    .flag(true).flag(true).se(0).se(0).se(0).flag(false).flag(true).ue(0);
            w.ue(256);                                // the longest header extension
            for (int i = 0; i < 256; i++) {
                w.bits(0xFF, 8);
            }
            w.bit(1).alignWith(0);
        }, false, bits);
        assertTrue(bits[0] > 8 * NalSubsampleMapper.INITIAL_WINDOW);
        SyntheticHevc s = new SyntheticHevc();
        NalSubsampleMapper mapper = Mappers.create(s.format(4), ProtectionScheme.CBCS);
        byte[] sample = BitWriter.sample(4, nal);
        Subsamples map = new Subsamples();
        mapper.map(sample, 0, sample.length, map);
        assertEquals("[" + (4 + bits[0] / 8) + "+" + (nal.length - bits[0] / 8) + "]", map.toString());
        assertTrue(mapper.windowSize() > NalSubsampleMapper.INITIAL_WINDOW, "the window should have grown");
    }

    @Test
    void unknownPpsIsNamed() {
        long[] bits = new long[1];
        byte[] nal = SliceHeaders.slice(w -> w.bits(19 << 9 | 1, 16).flag(true).flag(false).ue(5), false, bits);
        PackagingException e = assertThrows(PackagingException.class,
                () -> SliceHeaders.mapAndCheck(new SyntheticHevc().format(4), true, bits, nal));
        assertTrue(e.getMessage().contains("PPS 5"), e.getMessage());
        assertTrue(e.getMessage().contains("NAL unit 0 (type 19) at byte 0"), e.getMessage());
    }

    @Test
    void reservedTypesAndOtherLayersAreRefused() {
        long[] bits = new long[1];
        byte[] reserved = SliceHeaders.slice(w -> w.bits(22 << 9 | 1, 16).flag(true), false, bits);
        PackagingException e = assertThrows(PackagingException.class,
                () -> SliceHeaders.mapAndCheck(new SyntheticHevc().format(4), true, bits, reserved));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        byte[] layer1 = SliceHeaders.slice(w -> w.bits(1 << 9 | 1 << 3 | 1, 16).flag(true), false, bits);
        e = assertThrows(PackagingException.class,
                () -> SliceHeaders.mapAndCheck(new SyntheticHevc().format(4), true, bits, layer1));
        assertTrue(e.getMessage().contains("layer 1"), e.getMessage());
    }

    /**
     * The slice's own reference picture set is only counted, not built; the count must agree with
     * the core parser's full derivation ({@link HevcShortTermRefPicSet#parseInSliceHeader}), and
     * both must stop at the same bit, for random sets predicted from the SPS sets and random
     * explicit ones.
     */
    @Test
    void sliceReferenceSetCountAgreesWithTheCoreDerivation() throws PackagingException {
        HevcSps sps = HevcSps.parse(new SyntheticHevc().sps());
        List<HevcShortTermRefPicSet> sets = sps.shortTermRefPicSets();
        Random random = new Random(42);
        int agreedFailures = 0;
        for (int round = 0; round < 2000; round++) {
            BitWriter w = new BitWriter();
            boolean predicted = random.nextBoolean();
            w.flag(predicted);
            if (predicted) {
                int deltaIdxMinus1 = random.nextInt(sets.size());
                w.ue(deltaIdxMinus1).flag(random.nextBoolean()).ue(random.nextInt(4));
                int refCount = sets.get(sets.size() - 1 - deltaIdxMinus1).numDeltaPocs();
                for (int j = 0; j <= refCount; j++) {
                    boolean used = random.nextBoolean();
                    w.flag(used);
                    if (!used) {
                        w.flag(random.nextBoolean());
                    }
                }
            } else {
                int neg = random.nextInt(5);
                int pos = random.nextInt(5);
                w.ue(neg).ue(pos);
                for (int i = 0; i < neg + pos; i++) {
                    w.ue(random.nextInt(3)).flag(random.nextBoolean());
                }
            }
            byte[] rbsp = w.trailingBits().rbsp();
            BitReader core = new BitReader(rbsp, "core");
            RbspBitReader ours = new RbspBitReader();
            ours.reset(rbsp, rbsp.length, false, "ours");
            HevcShortTermRefPicSet expected;
            try {
                expected = HevcShortTermRefPicSet.parseInSliceHeader(core, sets);
            } catch (PackagingException e) {
                assertThrows(PackagingException.class, () -> HevcSliceHeaderParser.readSliceRefPicSet(ours, sets),
                        "round " + round + ": the core parser failed (" + e.getMessage() + ") but ours did not");
                agreedFailures++;
                continue;
            }
            int used = HevcSliceHeaderParser.readSliceRefPicSet(ours, sets);
            assertEquals(expected.numUsedByCurrPic(), used, "round " + round + ": " + expected);
            assertEquals(core.position(), ours.position(), "round " + round + ": end of st_ref_pic_set()");
        }
        assertTrue(agreedFailures < 2000, "every round failed");
    }

    @Test
    void emulationPreventionInTheHeaderStaysClear() throws PackagingException {
        SyntheticHevc s = new SyntheticHevc();
        s.log2MaxPocLsb = 16;
        long[] bits = new long[1];
        // Bytes 3 and 4 are slice_pic_order_cnt_lsb = 0; byte 5 starts with six zero bits (an
        // explicit set, not predicted, of 15 pictures): 00 00 02 must be stored as 00 00 03 02.
        byte[] nal = SliceHeaders.slice(w -> {
            w.bits(1 << 9 | 1, 16).flag(true).ue(0).bits(0, 2).ue(I).flag(true)
                    .bits(0, 16).flag(false).flag(false).ue(15).ue(0);
            for (int i = 0; i < 15; i++) {
                w.ue(0).flag(true);
            }
            w.ue(0).ue(0).flag(false).flag(false).flag(false)
                    .se(0).se(0).se(0).flag(false).flag(true).ue(0).ue(0).bit(1).alignWith(0);
        }, false, bits);
        int rbspBytes = (int) (bits[0] / 8);
        assertTrue(Rbsp.escapedLength(nal, 0, nal.length, rbspBytes) > rbspBytes, "no 0x03 in the header");
        SliceHeaders.mapAndCheck(s.format(4), true, bits, nal);
    }
}
