package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;
import io.packager4j.core.codec.Rbsp;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.TrackFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Builds synthetic slices and checks what the cbcs mapper makes of them. */
final class SliceHeaders {

    private SliceHeaders() {
    }

    /**
     * Writes a slice: {@code header} writes the NAL unit header and slice header; then (for CABAC
     * H.264) cabac_alignment_one_bits, or nothing, then 64 bytes of slice data and the trailing bits.
     *
     * @return the NAL unit, escaped; {@code headerBits[0]} receives the header length in bits
     */
    static byte[] slice(Consumer<BitWriter> header, boolean cabacAlignment, long[] headerBits) {
        BitWriter w = new BitWriter();
        header.accept(w);
        headerBits[0] = w.position();
        if (cabacAlignment) {
            w.alignWith(1);
        }
        for (int i = 0; i < 64; i++) {
            w.bits(0x5A, 8);
        }
        return w.trailingBits().nal();
    }

    /**
     * Maps a sample of the given NAL units with a cbcs mapper for {@code format}; checks each slice's
     * header length against the expected one and its clear bytes against the escaped length of the
     * header; returns the lengths read.
     */
    static List<Long> mapAndCheck(TrackFormat format, boolean hevc, long[] expectedBits, byte[]... nals)
            throws PackagingException {
        NalSubsampleMapper mapper = Mappers.create(format, ProtectionScheme.CBCS);
        List<Long> bits = new ArrayList<>();
        mapper.onSliceHeader(bits::add);
        int prefix = format.nalLengthSize();
        byte[] sample = BitWriter.sample(prefix, nals);
        Subsamples map = new Subsamples();
        mapper.map(sample, 0, sample.length, map);
        assertEquals(expectedBits.length, bits.size(), "slices read");
        for (int i = 0; i < expectedBits.length; i++) {
            assertEquals(expectedBits[i], bits.get(i), "header bits of slice " + i);
        }
        // Expected map from the expected header lengths.
        Subsamples expected = new Subsamples();
        int slice = 0;
        for (NalUnit u : NalUnit.split(sample, prefix, hevc)) {
            if (!u.isVcl(hevc)) {
                expected.add(prefix + u.length(), 0);
                continue;
            }
            int clear = Rbsp.escapedLength(sample, u.body(), u.length(), (int) ((expectedBits[slice++] + 7) / 8));
            expected.add(prefix + clear, u.length() - clear);
        }
        assertEquals(expected.toString(), map.toString(), "cbcs map");
        return bits;
    }
}
