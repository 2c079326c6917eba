package io.packager4j.crypto.cenc;

import io.packager4j.core.cmaf.BoxWriter;
import io.packager4j.crypto.KeyId;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;

/** Writes Protection System Specific Header ({@code pssh}) boxes, ISO/IEC 23001-7 8.1. */
public final class PsshBoxes {

    /** Bytes of a pssh box before its data: header, version/flags, SystemID, DataSize. */
    static final int V0_OVERHEAD = 32;

    private PsshBoxes() {
    }

    /**
     * A {@code pssh} box: version 1 listing {@code keyIds} when there are any, else version 0.
     *
     * @param systemId the DRM system
     * @param keyIds   key IDs for a version 1 box, or empty
     * @param data     the system-specific data (may be empty)
     */
    public static byte[] write(UUID systemId, List<KeyId> keyIds, byte[] data) {
        BoxWriter w = new BoxWriter(V0_OVERHEAD + 4 + 16 * keyIds.size() + data.length);
        int pssh = w.beginFull("pssh", keyIds.isEmpty() ? 0 : 1, 0);
        w.u64(systemId.getMostSignificantBits()).u64(systemId.getLeastSignificantBits());
        if (!keyIds.isEmpty()) {
            w.u32(keyIds.size());
            for (KeyId kid : keyIds) {
                w.bytes(kid.bytes());
            }
        }
        w.u32(data.length).bytes(data);
        w.end(pssh);
        return w.toByteArray();
    }

    /**
     * The W3C Common PSSH box: version 1, the common SystemID, the key IDs, no data. Clear Key
     * implementations take it as their {@code cenc} initialization data.
     */
    public static byte[] common(List<KeyId> keyIds) {
        return write(io.packager4j.crypto.DrmSystems.COMMON, keyIds, new byte[0]);
    }

    /** The SystemID of a well-formed pssh box. */
    static UUID systemId(byte[] box) {
        ByteBuffer b = ByteBuffer.wrap(box);
        return new UUID(b.getLong(12), b.getLong(20));
    }
}
