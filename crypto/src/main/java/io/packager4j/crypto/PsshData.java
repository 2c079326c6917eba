package io.packager4j.crypto;

import io.packager4j.PackagingException;
import io.packager4j.crypto.cenc.PsshBoxes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Protection system data for one DRM system, as a license service hands it out (Widevine's
 * protobuf header, PlayReady's PlayReady Object), kept as the complete {@code pssh} box that goes
 * into the init segment and, base64-encoded, into the manifest's {@code cenc:pssh}.
 *
 * <pre>{@code
 * PsshData widevine = PsshData.of(DrmSystems.WIDEVINE, widevineHeaderBytes);
 * PsshData playready = PsshData.parse("playready:" + base64PsshBox);
 * }</pre>
 */
public final class PsshData {

    /** Bigger than any real DRM header; a guard against pasting the wrong file. */
    static final int MAX_BYTES = 64 * 1024;

    private final UUID systemId;
    private final byte[] box;

    private PsshData(UUID systemId, byte[] box) {
        this.systemId = systemId;
        this.box = box;
    }

    /**
     * Protection system data for {@code systemId}: either a complete {@code pssh} box for that
     * system (used as it is, after checking it), or the bare system-specific data (wrapped in a
     * version 0 box).
     *
     * @throws PackagingException if the bytes are empty, too large, or a malformed or mismatched
     *                            pssh box
     */
    public static PsshData of(UUID systemId, byte[] boxOrData) throws PackagingException {
        String system = DrmSystems.describe(systemId);
        if (boxOrData == null || boxOrData.length == 0) {
            throw new PackagingException("PSSH data for " + system + " is empty");
        }
        if (boxOrData.length > MAX_BYTES) {
            throw new PackagingException("PSSH data for " + system + " is " + boxOrData.length
                    + " bytes, more than the " + MAX_BYTES + " a DRM header can plausibly need");
        }
        if (looksLikePsshBox(boxOrData)) {
            checkBox(systemId, boxOrData, system);
            return new PsshData(systemId, boxOrData.clone());
        }
        return new PsshData(systemId, PsshBoxes.write(systemId, List.of(), boxOrData));
    }

    /**
     * Parses the command-line form {@code SYSTEM_ID:BASE64}: a system name ({@code widevine},
     * {@code playready}) or UUID, a colon, then base64 of a pssh box or of the bare data.
     *
     * @throws PackagingException naming what is wrong
     */
    public static PsshData parse(String text) throws PackagingException {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new PackagingException("PSSH '" + abbreviate(text)
                    + "' is not SYSTEM_ID:BASE64 (e.g. widevine:AAAAW3Bzc2gAAAAA7e+LqXnWSs6jyCfc1R0h7Q...)");
        }
        UUID systemId = DrmSystems.parse(text.substring(0, colon));
        String base64 = text.substring(colon + 1).trim();
        byte[] bytes;
        try {
            bytes = (base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder())
                    .decode(base64);
        } catch (IllegalArgumentException e) {
            throw new PackagingException("PSSH data for " + DrmSystems.describe(systemId)
                    + " is not valid base64: " + e.getMessage());
        }
        return of(systemId, bytes);
    }

    /** The DRM system. */
    public UUID systemId() {
        return systemId;
    }

    /** The complete pssh box (a copy). */
    public byte[] box() {
        return box.clone();
    }

    private static boolean looksLikePsshBox(byte[] b) {
        return b.length >= 8 && "pssh".equals(new String(b, 4, 4, StandardCharsets.ISO_8859_1));
    }

    private static void checkBox(UUID systemId, byte[] b, String system) throws PackagingException {
        ByteBuffer buf = ByteBuffer.wrap(b);
        String prefix = "the pssh box given for " + system;
        if (b.length < 32) {
            throw new PackagingException(prefix + " is cut off: " + b.length + " bytes, a pssh box has at least 32");
        }
        long size = Integer.toUnsignedLong(buf.getInt(0));
        if (size != b.length) {
            throw new PackagingException(prefix + " says it is " + size + " bytes but " + b.length + " were given");
        }
        int version = b[8] & 0xFF;
        if (version > 1) {
            throw new PackagingException(prefix + " has version " + version + "; versions 0 and 1 exist");
        }
        UUID inBox = new UUID(buf.getLong(12), buf.getLong(20));
        if (!inBox.equals(systemId)) {
            throw new PackagingException(prefix + " carries SystemID " + inBox + " (" + DrmSystems.describe(inBox) + ")");
        }
        int pos = 28;
        if (version == 1) {
            long kids = Integer.toUnsignedLong(buf.getInt(pos));
            pos += 4;
            if (kids > (b.length - pos) / 16) {
                throw new PackagingException(prefix + " lists " + kids + " key IDs, more than its " + b.length + " bytes hold");
            }
            pos += (int) kids * 16;
        }
        if (pos + 4 > b.length) {
            throw new PackagingException(prefix + " is cut off before its DataSize field");
        }
        long dataSize = Integer.toUnsignedLong(buf.getInt(pos));
        if (dataSize != b.length - pos - 4L) {
            throw new PackagingException(prefix + " says its data is " + dataSize + " bytes but "
                    + (b.length - pos - 4) + " follow");
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PsshData p && systemId.equals(p.systemId) && Arrays.equals(box, p.box);
    }

    @Override
    public int hashCode() {
        return systemId.hashCode() * 31 + Arrays.hashCode(box);
    }

    @Override
    public String toString() {
        return "PsshData[" + DrmSystems.describe(systemId) + ", " + box.length + " bytes]";
    }
}
