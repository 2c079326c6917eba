package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.TrackFormat;
import io.packager4j.testkit.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Malformed samples: each is refused with a {@link PackagingException} that says which NAL unit,
 * where and why; nothing throws a runtime exception or hangs, whatever the bytes.
 */
class SubsampleMapperCraftedInputTest {

    private static final SyntheticAvc AVC = new SyntheticAvc();

    private static PackagingException refused(ProtectionScheme scheme, TrackFormat format, byte[] sample) {
        return assertThrows(PackagingException.class, () -> {
            SubsampleMapper mapper = SubsampleMappers.forTrack(format, scheme);
            mapper.map(sample, 0, sample.length, new Subsamples());
        });
    }

    private static void assertMessage(PackagingException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(ProtectionScheme.class)
    void truncatedLengthPrefix(ProtectionScheme scheme) {
        byte[] sample = {0, 0, 0, 2, 0x09, (byte) 0xF0, 0, 0};
        assertMessage(refused(scheme, AVC.format(4), sample),
                "NAL unit 1 at byte 6", "only 2 byte(s) remain", "4-byte length prefix");
    }

    @ParameterizedTest
    @EnumSource(ProtectionScheme.class)
    void lengthPastTheEnd(ProtectionScheme scheme) {
        byte[] sample = {0, 0, 0, 0x20, 0x65, 1, 2, 3, 4, 5};
        assertMessage(refused(scheme, AVC.format(4), sample),
                "NAL unit 0 at byte 0", "10-byte sample", "declares 32 bytes", "only 6 remain");
        byte[] huge = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x65, 1, 2, 3};
        assertMessage(refused(scheme, AVC.format(4), huge), "declares 4294967295 bytes", "only 4 remain");
        byte[] second = {1, 0x09, 9, 0x65, 1};
        assertMessage(refused(scheme, AVC.format(1), second), "NAL unit 1 at byte 2", "declares 9 bytes");
    }

    @ParameterizedTest
    @EnumSource(ProtectionScheme.class)
    void emptyAndTooShortNalUnits(ProtectionScheme scheme) {
        assertMessage(refused(scheme, AVC.format(4), new byte[] {0, 0, 0, 0}), "NAL unit 0 at byte 0", "length 0");
        byte[] oneByteHevc = {0, 0, 0, 1, 0x26};
        assertMessage(refused(scheme, new SyntheticHevc().format(4), oneByteHevc), "2-byte NAL unit header");
        assertMessage(refused(scheme, AVC.format(2), new byte[] {0, 1, (byte) 0xE5}), "forbidden_zero_bit");
        assertMessage(refused(scheme, new SyntheticHevc().format(2), new byte[] {0, 2, 0x26, 0}),
                "nuh_temporal_id_plus1");
    }

    @Test
    void garbageSliceHeaders() {
        // first_mb_in_slice with 40 leading zero bits.
        byte[] zeros = new byte[20];
        zeros[0] = 0x65;
        assertMessage(refused(ProtectionScheme.CBCS, AVC.format(1), BitWriter.sample(1, zeros)),
                "NAL unit 0 (type 5) at byte 0", "H.264 slice header", "first_mb_in_slice", "31 leading zero bits");
        // slice_type 10 and more does not exist.
        byte[] badType = new BitWriter().bits(0x65, 8).ue(0).ue(12).trailingBits().rbsp();
        assertMessage(refused(ProtectionScheme.CBCS, AVC.format(4), BitWriter.sample(4, badType)), "slice_type = 12");
        // A PPS nobody defined.
        byte[] unknownPps = new BitWriter().bits(0x65, 8).ue(0).ue(7).ue(9).trailingBits().rbsp();
        assertMessage(refused(ProtectionScheme.CBCS, AVC.format(4), BitWriter.sample(4, unknownPps)), "PPS 9");
        // The header runs out of the NAL unit.
        byte[] cut = {0x65, (byte) 0x88, (byte) 0x80};
        assertMessage(refused(ProtectionScheme.CBCS, AVC.format(4), BitWriter.sample(4, cut)),
                "idr_pic_id at bit 21 runs past the end");
        // HEVC: garbage after a valid header.
        byte[] hevcGarbage = {0x26, 0x01, 0, 0, 0, 0, 0, 0};
        assertMessage(refused(ProtectionScheme.CBCS, new SyntheticHevc().format(4), BitWriter.sample(4, hevcGarbage)),
                "H.265 slice segment header");
    }

    @Test
    void parameterSetsInBandReplaceAndExtendTheDecoderConfiguration() throws PackagingException {
        // avc3 style: nothing in the avcC; the slice cannot be read before its PPS arrives.
        SyntheticAvc plain = new SyntheticAvc();
        plain.cabac = false;
        TrackFormat avc3 = SyntheticAvc.format(4, SyntheticAvc.emptyAvcC(4));
        SubsampleMapper mapper = SubsampleMappers.forTrack(avc3, ProtectionScheme.CBCS);
        long[] bits = new long[1];
        byte[] pSlice = SliceHeaders.slice(w -> w.bits(0x41, 8).ue(0).ue(5).ue(0).bits(1, 4).bits(2, 6)
                .flag(false).flag(false).flag(false).se(0).ue(1), false, bits);
        byte[] alone = BitWriter.sample(4, pSlice);
        PackagingException e = assertThrows(PackagingException.class,
                () -> mapper.map(alone, 0, alone.length, new Subsamples()));
        assertMessage(e, "PPS 0", "neither the decoder configuration nor an earlier NAL unit");

        Subsamples out = new Subsamples();
        byte[] withSets = BitWriter.sample(4, plain.sps(), plain.pps(), pSlice);
        mapper.map(withSets, 0, withSets.length, out);
        int header = (int) ((bits[0] + 7) / 8);
        assertEquals("[" + (withSets.length - pSlice.length + header) + "+" + (pSlice.length - header) + "]",
                out.toString());
        // Later samples use the sets seen before.
        mapper.map(alone, 0, alone.length, out);
        assertEquals("[" + (4 + header) + "+" + (pSlice.length - header) + "]", out.toString());

        // A new PPS with the same id turns on weighted prediction: the next P slice has a
        // pred_weight_table, which the mapper must now expect.
        SyntheticAvc weighted = new SyntheticAvc();
        weighted.cabac = false;
        weighted.weightedPred = true;
        long[] weightedBits = new long[1];
        byte[] weightedSlice = SliceHeaders.slice(w -> w.bits(0x41, 8).ue(0).ue(5).ue(0).bits(2, 4).bits(4, 6)
                .flag(false).flag(false)
                .ue(5).ue(5).flag(true).se(-20).se(9).flag(false) // pred_weight_table, one l0 entry
                .flag(false).se(0).ue(1), false, weightedBits);
        byte[] switched = BitWriter.sample(4, weighted.pps(), weightedSlice);
        mapper.map(switched, 0, switched.length, out);
        int weightedHeader = (int) ((weightedBits[0] + 7) / 8);
        assertEquals("[" + (4 + weighted.pps().length + 4 + weightedHeader) + "+"
                + (weightedSlice.length - weightedHeader) + "]", out.toString());
    }

    /**
     * Random bytes, and real samples with random bytes changed, through every mapper: each sample
     * either maps to exactly its length or is refused with a PackagingException.
     */
    @Test
    void randomAndCorruptedSamplesNeverEscapeAsRuntimeExceptions() throws PackagingException {
        List<VideoSamples> sources = new ArrayList<>();
        sources.add(VideoSamples.read(SharedTestData.mp4ff("nal_h264.mp4")));
        sources.add(VideoSamples.read(SharedTestData.mp4ff("nal_hevc.mp4")));
        // Parameter sets in the samples: corrupting them exercises the SPS/PPS parsers too.
        sources.add(VideoSamples.read(TraceClips.get("h264-avc3-in-band")));
        sources.add(VideoSamples.read(TraceClips.get("hevc-hev1-in-band-open-gop")));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(7);
            int refused = 0;
            int mapped = 0;
            for (VideoSamples video : sources) {
                for (ProtectionScheme scheme : ProtectionScheme.values()) {
                    SubsampleMapper mapper = SubsampleMappers.forTrack(video.format(), scheme);
                    Subsamples out = new Subsamples();
                    for (int round = 0; round < 3000; round++) {
                        // Key frames (with the in-band parameter sets) every other round.
                        int index = round % 2 == 0 ? 0 : round % video.samples().size();
                        byte[] sample = corrupt(video.samples().get(index), random, round);
                        try {
                            mapper.map(sample, 0, sample.length, out);
                            assertEquals(sample.length, out.totalBytes(), "round " + round);
                            mapped++;
                        } catch (PackagingException expected) {
                            refused++;
                        } catch (RuntimeException e) {
                            fail(video.name() + " " + scheme.fourCC() + " round " + round + ": " + e, e);
                        }
                    }
                }
            }
            assertTrue(refused > 0 && mapped > 0, "refused " + refused + ", mapped " + mapped);
        });
    }

    private static byte[] corrupt(byte[] sample, Random random, int round) {
        switch (round % 3) {
            case 0 -> {
                byte[] garbage = new byte[random.nextInt(300)];
                random.nextBytes(garbage);
                return garbage;
            }
            case 1 -> {
                // Keep the length prefixes and NAL unit headers; scramble what follows the first
                // slice's header, so the slice header parsers see garbage.
                byte[] copy = sample.clone();
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    int at = Math.min(copy.length - 1, 6 + random.nextInt(Math.min(copy.length, 120)));
                    copy[at] = (byte) random.nextInt(256);
                }
                return copy;
            }
            default -> {
                byte[] copy = Arrays.copyOf(sample, random.nextInt(sample.length + 1));
                if (copy.length > 0) {
                    copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return copy;
            }
        }
    }
}
