package io.packager4j.core.mp4;

import io.packager4j.PackagingException;

import java.nio.ByteBuffer;

/**
 * The encryption parameters that apply to a set of samples: those of {@code tenc}, or those of a
 * {@code seig} sample group entry, which has the same layout (ISO/IEC 23001-7 8.2 and 6).
 *
 * @param isProtected     whether the samples are encrypted
 * @param perSampleIvSize bytes of IV stored per sample in {@code senc}: 0, 8 or 16
 * @param keyId           the 16-byte key ID
 * @param constantIv      the constant IV (8 or 16 bytes) when protected with IV size 0, else null
 * @param cryptByteBlock  encrypted blocks of the pattern, 0 when there is none
 * @param skipByteBlock   clear blocks of the pattern
 */
record CencSampleDefaults(boolean isProtected, int perSampleIvSize, byte[] keyId, byte[] constantIv,
                          int cryptByteBlock, int skipByteBlock) {

    /** Smallest encoding: reserved, pattern, isProtected, IV size, 16-byte KID. */
    static final int MIN_BYTES = 20;

    /**
     * Reads the fields that {@code tenc} (after its version and flags) and a {@code seig} entry
     * share, from the buffer's position on.
     *
     * @param in      positioned after version/flags ({@code tenc}) or at the entry ({@code seig})
     * @param pattern whether the second byte is the crypt:skip pattern ({@code tenc} v1, {@code seig})
     * @param where   the box, for messages, e.g. "in.mp4 track 1 (video): 'tenc'"
     */
    static CencSampleDefaults read(ByteBuffer in, boolean pattern, String where) throws PackagingException {
        if (in.remaining() < MIN_BYTES) {
            throw new PackagingException(where + " is cut off: " + in.remaining() + " bytes where at least "
                    + MIN_BYTES + " are needed");
        }
        in.get(); // reserved
        int patternByte = in.get() & 0xFF;
        int crypt = pattern ? patternByte >>> 4 : 0;
        int skip = pattern ? patternByte & 0x0F : 0;
        int isProtected = in.get() & 0xFF;
        int ivSize = in.get() & 0xFF;
        byte[] kid = new byte[16];
        in.get(kid);
        if (isProtected > 1) {
            throw new PackagingException(where + " has isProtected " + isProtected + " (only 0 and 1 are defined)");
        }
        if (ivSize != 0 && ivSize != 8 && ivSize != 16) {
            throw new PackagingException(where + " has a per-sample IV size of " + ivSize + " bytes (must be 0, 8 or 16)");
        }
        if (crypt == 0 && skip != 0) {
            throw new PackagingException(where + " has the pattern 0:" + skip + " (no encrypted block)");
        }
        byte[] constantIv = null;
        if (isProtected == 1 && ivSize == 0) {
            if (!in.hasRemaining()) {
                throw new PackagingException(where + " has a per-sample IV size of 0 but no constant IV");
            }
            int constantSize = in.get() & 0xFF;
            if (constantSize != 8 && constantSize != 16) {
                throw new PackagingException(where + " has a constant IV of " + constantSize
                        + " bytes (must be 8 or 16)");
            }
            if (in.remaining() < constantSize) {
                throw new PackagingException(where + " is cut off inside its " + constantSize + "-byte constant IV");
            }
            constantIv = new byte[constantSize];
            in.get(constantIv);
        }
        return new CencSampleDefaults(isProtected == 1, ivSize, kid, constantIv, crypt, skip);
    }
}
