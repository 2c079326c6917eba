package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;
import io.packager4j.core.media.Codec;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.Rational;
import io.packager4j.core.media.TrackFormat;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact maps for small hand-made samples: the cenc and cbcs rules, entry merging and splitting. */
class SubsampleMapperRulesTest {

    private static final SyntheticAvc AVC = new SyntheticAvc();

    private static byte[] nal(int header, int length) {
        byte[] nal = new byte[length];
        Arrays.fill(nal, (byte) 0x5A);
        nal[0] = (byte) header;
        return nal;
    }

    private static String map(SubsampleMapper mapper, byte[] sample) throws PackagingException {
        Subsamples out = new Subsamples();
        mapper.map(sample, 0, sample.length, out);
        assertEquals(sample.length, out.totalBytes());
        return out.toString();
    }

    @Test
    void cencKeepsTheRemainderOfTheBlocksClearAtTheStart() throws PackagingException {
        SubsampleMapper cenc = SubsampleMappers.forTrack(AVC.format(4), ProtectionScheme.CENC);
        // SEI of 20 bytes (clear), then an IDR slice of 1 + 100 bytes: 100 = 6 * 16 + 4.
        byte[] sample = BitWriter.sample(4, nal(0x06, 20), nal(0x65, 101));
        assertEquals("[33+96]", map(cenc, sample)); // 4 + 20 + 4 + 1 + 4 clear
        // A slice whose payload is less than a block is all clear, merged with what precedes it.
        assertEquals("[" + (4 + 16 + 4 + 16) + "+0]", map(cenc, BitWriter.sample(4, nal(0x09, 16), nal(0x41, 16))));
        // Two slices: one entry each.
        assertEquals("[5+32, 5+48]", map(cenc, BitWriter.sample(4, nal(0x65, 33), nal(0x65, 49))));
    }

    @Test
    void cencHevcHasTwoHeaderBytes() throws PackagingException {
        SubsampleMapper cenc = SubsampleMappers.forTrack(new SyntheticHevc().format(2), ProtectionScheme.CENC);
        byte[] slice = nal(0x26, 52); // IDR_W_RADL
        slice[1] = 1;
        byte[] vps = nal(0x40, 30);
        vps[1] = 1;
        // 52 - 2 = 50 = 3 * 16 + 2.
        assertEquals("[" + (2 + 30 + 2 + 2 + 2) + "+48]", map(cenc, BitWriter.sample(2, vps, slice)));
    }

    @Test
    void longClearRunsAreSplit() throws PackagingException {
        SubsampleMapper cenc = SubsampleMappers.forTrack(AVC.format(4), ProtectionScheme.CENC);
        byte[] sample = BitWriter.sample(4, nal(0x06, 70_000), nal(0x65, 17));
        assertEquals("[65535+0, " + (4 + 70_000 - 65_535 + 4 + 1) + "+16]", map(cenc, sample));
    }

    @Test
    void cbcsLeavesShortSlicesClear() throws PackagingException {
        SyntheticAvc s = new SyntheticAvc();
        s.cabac = false;
        SubsampleMapper cbcs = SubsampleMappers.forTrack(s.format(4), ProtectionScheme.CBCS);
        // An I slice header of 34 bits (first_mb 0, type 7, PPS 0, frame_num, idr_pic_id, POC lsb,
        // marking, QP delta, deblocking) and then 15 bytes: less than a block, all clear.
        BitWriter w = new BitWriter().bits(0x65, 8).ue(0).ue(7).ue(0).bits(0, 4).ue(0).bits(0, 6)
                .flag(false).flag(false).se(0).ue(1);
        assertEquals(34, w.position());
        w.bits(1, 6); // the rest of the fifth byte
        for (int i = 0; i < 15; i++) {
            w.bits(0x77, 8);
        }
        byte[] shortSlice = w.rbsp();
        assertEquals("[" + (4 + shortSlice.length) + "+0]", map(cbcs, BitWriter.sample(4, shortSlice)));
        // One more byte makes 16 protected bytes after the 5 header bytes.
        byte[] longer = Arrays.copyOf(shortSlice, shortSlice.length + 1);
        longer[longer.length - 1] = 0x77;
        assertEquals("[9+16]", map(cbcs, BitWriter.sample(4, longer)));
    }

    @Test
    void lengthSizesOneAndTwoAndBufferOffsets() throws PackagingException {
        for (int lengthSize : new int[] {1, 2, 4}) {
            SubsampleMapper cenc = SubsampleMappers.forTrack(AVC.format(lengthSize), ProtectionScheme.CENC);
            byte[] sample = BitWriter.sample(lengthSize, nal(0x09, 2), nal(0x65, 100));
            String expected = "[" + (2 * lengthSize + 2 + 1 + 3) + "+96]";
            assertEquals(expected, map(cenc, sample));
            byte[] padded = new byte[sample.length + 10];
            System.arraycopy(sample, 0, padded, 7, sample.length);
            Subsamples out = new Subsamples();
            cenc.map(padded, 7, sample.length, out);
            assertEquals(expected, out.toString());
        }
    }

    @Test
    void audioHasNoMapperAndBadLengthSizesAreRefused() throws PackagingException {
        TrackFormat aac = new TrackFormat(Codec.AAC, "mp4a", new byte[0], "mp4a.40.2", 0, 0, null, 2, 48000, 0,
                new byte[0]);
        assertNull(SubsampleMappers.forTrack(aac, ProtectionScheme.CENC));
        assertNull(SubsampleMappers.forTrack(aac, ProtectionScheme.CBCS));
        TrackFormat three = new TrackFormat(Codec.AVC, "avc1", new byte[0], "avc1.64001e", 320, 240,
                Rational.of(1, 1), 0, 0, 3, AVC.avcC(4));
        PackagingException e = assertThrows(PackagingException.class,
                () -> SubsampleMappers.forTrack(three, ProtectionScheme.CENC));
        assertTrue(e.getMessage().contains("length size 3"), e.getMessage());
    }

    @Test
    void brokenDecoderConfigurationIsReportedForCbcs() {
        TrackFormat broken = SyntheticAvc.format(4, new byte[] {1, 100, 0, 30, (byte) 0xFF, (byte) 0xE1, 0, 9, 0x67});
        PackagingException e = assertThrows(PackagingException.class,
                () -> SubsampleMappers.forTrack(broken, ProtectionScheme.CBCS));
        assertTrue(e.getMessage().startsWith("avc1 track: "), e.getMessage());
    }
}
