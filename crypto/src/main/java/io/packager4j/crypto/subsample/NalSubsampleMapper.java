package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;
import io.packager4j.core.codec.Rbsp;
import io.packager4j.core.media.ProtectionScheme;

import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * The subsample map of AVC and HEVC samples: length-prefixed NAL units, of which only the slice
 * data of VCL NAL units is protected (ISO/IEC 23001-7, 9.5 and 10.2).
 *
 * <ul>
 *   <li>Non-VCL NAL units (parameter sets, SEI, access unit delimiters, ...) are clear.</li>
 *   <li>{@code cenc}: a VCL NAL unit keeps its length prefix and NAL unit header clear; the rest is
 *       protected in whole 16-byte blocks, the remainder of the division joining the clear bytes
 *       at the front, so that the protected range is block-aligned.</li>
 *   <li>{@code cbcs}: a VCL NAL unit keeps its length prefix, NAL unit header and slice header
 *       clear (a player parses them before decrypting); the rest is protected as is, because the
 *       pattern encryption leaves a trailing partial block clear by itself. A NAL unit with fewer
 *       than 16 bytes after its slice header is all clear.</li>
 * </ul>
 *
 * <p>The slice header length is read from the unescaped start of the NAL unit, held in a buffer
 * reused from slice to slice. Only a window of the NAL unit is unescaped; when a header does not
 * fit (many entry points, long reference lists), the window is doubled and the header read again,
 * up to the whole NAL unit, and the larger window is kept for later slices. Mapping a sample so
 * allocates nothing once the buffers have grown, except when a parameter set that differs from the
 * ones already seen must be parsed.
 */
final class NalSubsampleMapper implements SubsampleMapper {

    /** Escaped bytes unescaped at first: far more than a typical slice header needs. */
    static final int INITIAL_WINDOW = 256;

    /** The cipher block size: cenc protected ranges are multiples of it, cbcs needs one whole block. */
    private static final int BLOCK = 16;

    private final boolean hevc;
    private final int nalLengthSize;
    private final int nalHeaderSize;
    private final ProtectionScheme scheme;
    /** Null for cenc, which does not look into slice headers. */
    private final SliceHeaderParser parser;
    private final RbspBitReader reader = new RbspBitReader();
    private byte[] window = new byte[0];
    private int windowSize;
    /** Told the header length in bits of every slice mapped with cbcs; for tests, null otherwise. */
    private LongConsumer headerBitsListener;

    /**
     * @param hevc          true for H.265 (2-byte NAL unit headers, VCL types 0 to 31), false for H.264
     * @param nalLengthSize 1, 2 or 4
     * @param parser        the slice header parser; required for cbcs, unused for cenc
     * @param initialWindow how many escaped bytes of a NAL unit to unescape at first (tests use tiny ones)
     */
    NalSubsampleMapper(boolean hevc, int nalLengthSize, ProtectionScheme scheme, SliceHeaderParser parser,
                       int initialWindow) {
        if (nalLengthSize != 1 && nalLengthSize != 2 && nalLengthSize != 4) {
            throw new IllegalArgumentException("NAL unit length size must be 1, 2 or 4, not " + nalLengthSize);
        }
        if (scheme == ProtectionScheme.CBCS && parser == null) {
            throw new IllegalArgumentException("cbcs needs a slice header parser");
        }
        if (initialWindow < 1) {
            throw new IllegalArgumentException("initial window must be positive: " + initialWindow);
        }
        this.hevc = hevc;
        this.nalLengthSize = nalLengthSize;
        this.nalHeaderSize = hevc ? 2 : 1;
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.parser = scheme == ProtectionScheme.CBCS ? parser : null;
        this.windowSize = initialWindow;
    }

    /** Reports the RBSP bit length of every slice header read from now on (tests compare it with other parsers). */
    void onSliceHeader(LongConsumer listener) {
        this.headerBitsListener = listener;
    }

    /** The current window size in escaped bytes (tests check its growth). */
    int windowSize() {
        return windowSize;
    }

    @Override
    public void map(byte[] data, int offset, int length, Subsamples out) throws PackagingException {
        Objects.checkFromIndexSize(offset, length, data.length);
        out.reset();
        int end = offset + length;
        int pos = offset;
        for (int index = 0; pos < end; index++) {
            int at = pos - offset;
            int left = end - pos;
            if (left < nalLengthSize) {
                throw new PackagingException("NAL unit " + index + " at byte " + at + " of the " + length
                        + "-byte sample: only " + left + " byte(s) remain, too few for its " + nalLengthSize
                        + "-byte length prefix");
            }
            long nalLength = readLength(data, pos);
            left -= nalLengthSize;
            if (nalLength > left) {
                throw new PackagingException("NAL unit " + index + " at byte " + at + " of the " + length
                        + "-byte sample declares " + nalLength + " bytes but only " + left
                        + " remain after its length prefix");
            }
            int nalOff = pos + nalLengthSize;
            int nalLen = (int) nalLength;
            checkHeader(data, nalOff, nalLen, index, at);
            mapNal(data, nalOff, nalLen, index, at, out);
            pos = nalOff + nalLen;
        }
    }

    private void mapNal(byte[] data, int nalOff, int nalLen, int index, int at, Subsamples out)
            throws PackagingException {
        int type = nalType(data, nalOff);
        boolean vcl = hevc ? type <= 31 : type >= 1 && type <= 5;
        if (!vcl) {
            out.add(nalLengthSize + nalLen, 0);
            if (parser != null) {
                try {
                    parser.parameterSet(data, nalOff, nalLen, type);
                } catch (PackagingException e) {
                    throw new PackagingException(describe(index, type, at) + ": " + e.getMessage(), e);
                }
            }
            return;
        }
        if (scheme == ProtectionScheme.CENC) {
            int rest = nalLen - nalHeaderSize;
            int protectedBytes = rest - rest % BLOCK;
            out.add(nalLengthSize + nalLen - protectedBytes, protectedBytes);
            return;
        }
        int headerBytes = sliceHeaderBytes(data, nalOff, nalLen, index, at);
        int rest = nalLen - headerBytes;
        if (rest < BLOCK) {
            out.add(nalLengthSize + nalLen, 0);
        } else {
            out.add(nalLengthSize + headerBytes, rest);
        }
    }

    /**
     * The escaped size of a VCL NAL unit's header plus slice header: the RBSP bits
     * {@link #sliceHeaderBits} reports, rounded up to whole bytes, with the emulation-prevention
     * bytes among them.
     */
    int sliceHeaderBytes(byte[] data, int nalOff, int nalLen, int index, int at) throws PackagingException {
        long bits = sliceHeaderBits(data, nalOff, nalLen, index, at);
        if (headerBitsListener != null) {
            headerBitsListener.accept(bits);
        }
        // The header was read from at most nalLen escaped bytes, so this many RBSP bytes exist.
        return Rbsp.escapedLength(data, nalOff, nalLen, (int) ((bits + 7) >>> 3));
    }

    /**
     * The length in RBSP bits of a VCL NAL unit's header plus slice header (through byte_alignment()
     * for H.265), read from a window of the NAL unit that grows until the header fits.
     *
     * @param index the NAL unit's number in the sample, and {@code at} its byte offset, for messages
     */
    long sliceHeaderBits(byte[] data, int nalOff, int nalLen, int index, int at) throws PackagingException {
        if (parser == null) {
            throw new IllegalStateException("cenc mappers do not read slice headers");
        }
        while (true) {
            int take = Math.min(windowSize, nalLen);
            if (window.length < take) {
                // Geometric growth, so NAL units growing one by one past small sizes reallocate rarely.
                window = new byte[Math.max(take, Math.min(windowSize, 2 * window.length))];
            }
            int rbspLength = unescape(data, nalOff, take, window);
            boolean partial = take < nalLen;
            reader.reset(window, rbspLength, partial, parser.headerName());
            try {
                return parser.headerBits(reader);
            } catch (PackagingException e) {
                if (!reader.ranPastWindow()) {
                    throw new PackagingException(describe(index, nalType(data, nalOff), at) + ": " + e.getMessage(), e);
                }
                // Only the window was too small: double it (take < nalLen, so this ends at the whole NAL unit).
                windowSize = (int) Math.min(2L * windowSize, Integer.MAX_VALUE);
            }
        }
    }

    private String describe(int index, int type, int at) {
        return "NAL unit " + index + " (type " + type + ") at byte " + at + " of the sample";
    }

    private int nalType(byte[] data, int nalOff) {
        return hevc ? (data[nalOff] >>> 1) & 0x3F : data[nalOff] & 0x1F;
    }

    private long readLength(byte[] data, int pos) {
        long n = 0;
        for (int i = 0; i < nalLengthSize; i++) {
            n = (n << 8) | (data[pos + i] & 0xFF);
        }
        return n;
    }

    /** Refuses NAL units too short for their header and headers no conforming stream has. */
    private void checkHeader(byte[] data, int nalOff, int nalLen, int index, int at) throws PackagingException {
        if (nalLen < nalHeaderSize) {
            throw new PackagingException("NAL unit " + index + " at byte " + at + " of the sample has length "
                    + nalLen + (nalLen == 0 ? " (empty)" : "") + ", less than its " + nalHeaderSize
                    + "-byte NAL unit header");
        }
        if ((data[nalOff] & 0x80) != 0) {
            throw new PackagingException(describe(index, nalType(data, nalOff), at)
                    + ": forbidden_zero_bit is 1 (corrupt data, or not length-prefixed NAL units)");
        }
        if (hevc && (data[nalOff + 1] & 0x07) == 0) {
            throw new PackagingException(describe(index, nalType(data, nalOff), at)
                    + ": nuh_temporal_id_plus1 is 0 (corrupt data, or not length-prefixed NAL units)");
        }
    }

    /**
     * Copies {@code src[off, off+len)} into {@code dst} without its emulation-prevention bytes (a
     * 0x03 after two zero bytes) and returns the number of bytes written. The same rule as
     * {@link Rbsp#unescape}, into a caller's buffer; applied to the start of a NAL unit it gives the
     * start of its RBSP.
     */
    static int unescape(byte[] src, int off, int len, byte[] dst) {
        int n = 0;
        int zeros = 0;
        for (int i = off, end = off + len; i < end; i++) {
            byte b = src[i];
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            dst[n++] = b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return n;
    }
}
