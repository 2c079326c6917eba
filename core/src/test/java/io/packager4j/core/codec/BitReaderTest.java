package io.packager4j.core.codec;

import io.packager4j.PackagingException;
import org.junit.jupiter.api.Test;

import static io.packager4j.core.codec.CodecTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link BitReader} and {@link Rbsp}. */
class BitReaderTest {

    @Test
    void readsBitsMostSignificantFirstAcrossBytes() throws PackagingException {
        BitReader r = new BitReader(hex("a5 c3 ff 00 12 34 56 78 9a"), 1, 8, "test");
        assertEquals(64, r.bitsLeft());
        assertEquals(0b110, r.readBits(3));
        assertEquals(0b00011, r.readBits(5));
        assertTrue(r.readFlag());
        assertEquals(1, r.readBit());
        assertEquals(0b111111_00000000_000100L, r.readBitsLong(20));
        assertEquals(30, r.position());
        assertFalse(r.isByteAligned());
        r.skipBits(2);
        assertEquals(0x3456789AL, r.readBitsLong(32));
        assertEquals(0, r.bitsLeft());
        assertEquals(0, r.readBits(0));
    }

    @Test
    void readBits32ReturnsTheBitPattern() throws PackagingException {
        assertEquals(0xFFFFFFFF, new BitReader(hex("ffffffff"), "t").readBits(32));
        assertEquals(0xFFFFFFFFL, new BitReader(hex("ffffffff"), "t").readBitsLong(32));
    }

    @Test
    void expGolombCodes() throws PackagingException {
        // 1 | 010 | 011 | 00100 | 00101 | 00110 | 00111 -> ue 0,1,2,3,4,5,6 ; as se 0,1,-1,2,-2,3,-3
        BitWriter w = new BitWriter();
        for (int i = 0; i <= 6; i++) {
            w.ue(i);
        }
        for (int i = 0; i <= 6; i++) {
            w.ue(i);
        }
        w.ue(0xFFFFFFFEL).align();
        BitReader r = new BitReader(w.toBytes(), "t");
        for (int i = 0; i <= 6; i++) {
            assertEquals(i, r.readUE());
        }
        long[] signed = {0, 1, -1, 2, -2, 3, -3};
        for (long s : signed) {
            assertEquals(s, r.readSE());
        }
        assertEquals(0xFFFFFFFEL, r.readUE(), "the largest 32-bit code");
    }

    @Test
    void expGolombWithMoreThan31LeadingZerosIsAnError() {
        BitReader r = new BitReader(hex("00000000 80"), "H.264 SPS");
        PackagingException e = assertThrows(PackagingException.class, r::readUE);
        assertEquals("H.264 SPS: Exp-Golomb code at bit 0 has more than 31 leading zero bits", e.getMessage());
    }

    @Test
    void truncatedReadsAreErrorsThatSayWhere() throws PackagingException {
        BitReader r = new BitReader(hex("ff"), "hvcC");
        r.readBits(5);
        PackagingException e = assertThrows(PackagingException.class, () -> r.readBits(4, "general_profile_idc"));
        assertEquals("hvcC: needs 4 more bit(s) for general_profile_idc at bit 5 but only 3 remain (truncated?)",
                e.getMessage());
        assertThrows(PackagingException.class, () -> new BitReader(hex("00 01"), "t").readUE());
        assertThrows(PackagingException.class, () -> new BitReader(hex("00"), "t").readUE());
        assertThrows(PackagingException.class, () -> new BitReader(new byte[0], "t").readFlag());
        assertThrows(PackagingException.class, () -> new BitReader(hex("ff"), "t").skipBits(9));
    }

    @Test
    void boundedReadsNameTheFieldAndTheLimit() {
        byte[] bytes = new BitWriter().ue(40).se(-9).align().toBytes();
        PackagingException e = assertThrows(PackagingException.class,
                () -> new BitReader(bytes, "H.264 SPS").readUE("seq_parameter_set_id", 31));
        assertEquals("H.264 SPS: seq_parameter_set_id = 40 at bit 0 exceeds the maximum 31", e.getMessage());
        BitReader r = new BitReader(bytes, "H.264 PPS");
        e = assertThrows(PackagingException.class, () -> {
            r.readUE();
            r.readSE("chroma_qp_index_offset", -8, 8);
        });
        assertEquals("H.264 PPS: chroma_qp_index_offset = -9 at bit 11 is outside [-8, 8]", e.getMessage());
    }

    @Test
    void byteAlignmentAndMoreRbspData() throws PackagingException {
        // payload 1 bit, then the stop bit and alignment, then cabac_zero_words
        BitReader r = new BitReader(hex("c0 00 00"), "t");
        assertTrue(r.isByteAligned());
        assertTrue(r.moreRbspData());
        r.readBit();
        assertFalse(r.moreRbspData());
        r.byteAlign();
        assertEquals(8, r.position());
        assertFalse(r.moreRbspData());
        assertFalse(new BitReader(new byte[0], "t").moreRbspData());
        assertFalse(new BitReader(hex("00"), "t").moreRbspData());
    }

    @Test
    void rbspUnescapeRemovesEmulationPrevention() {
        assertArrayEquals(hex("00 00 00 00 00 01"), Rbsp.unescape(hex("00 00 03 00 00 03 00 01")));
        assertArrayEquals(hex("00 00"), Rbsp.unescape(hex("00 00 03")));
        assertArrayEquals(hex("03 00 03 00 00 03"), Rbsp.unescape(hex("03 00 03 00 00 03 03")));
        assertArrayEquals(hex("00 00 03"), Rbsp.unescape(hex("00 00 03 03")));
        assertArrayEquals(hex("01 02"), Rbsp.unescape(hex("ff 01 02 ff"), 1, 2));
        assertArrayEquals(new byte[0], Rbsp.unescape(new byte[0]));
        assertThrows(IndexOutOfBoundsException.class, () -> Rbsp.unescape(hex("00"), 1, 1));
    }

    @Test
    void escapedLengthMapsRbspBytesBackToNalBytes() {
        byte[] nal = hex("65 00 00 03 01 00 00 03 00 22");
        // RBSP: 65 00 00 01 00 00 00 22
        assertEquals(1, Rbsp.escapedLength(nal, 0, nal.length, 1));
        assertEquals(3, Rbsp.escapedLength(nal, 0, nal.length, 3));
        assertEquals(5, Rbsp.escapedLength(nal, 0, nal.length, 4), "includes the 03 before the fourth byte");
        assertEquals(10, Rbsp.escapedLength(nal, 0, nal.length, 8));
        assertThrows(IllegalArgumentException.class, () -> Rbsp.escapedLength(nal, 0, nal.length, 9));
    }
}
