package io.packager4j.platform.license;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A content key and its key ID (16 bytes each), as a licence hands them out.
 *
 * <p>The arrays are copied in and out, so a caller cannot change a pair after the fact;
 * {@link #toString()} shows the key ID only, never the key.
 *
 * @param keyId the 16-byte key ID (KID) as signalled in the MPD and init segments
 * @param key   the 16-byte AES content key
 */
public record ContentKeyPair(byte[] keyId, byte[] key) {

    /** Length of keys and key IDs, bytes. */
    public static final int LENGTH = 16;

    public ContentKeyPair {
        if (keyId == null || keyId.length != LENGTH) {
            throw new IllegalArgumentException("a key ID must be " + LENGTH + " bytes");
        }
        if (key == null || key.length != LENGTH) {
            throw new IllegalArgumentException("a content key must be " + LENGTH + " bytes");
        }
        keyId = keyId.clone();
        key = key.clone();
    }

    /** A copy of the key ID. */
    @Override
    public byte[] keyId() {
        return keyId.clone();
    }

    /** A copy of the content key. */
    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContentKeyPair other && Arrays.equals(keyId, other.keyId) && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        // The key ID alone: enough to spread pairs, and the hash then says nothing about the key.
        return Arrays.hashCode(keyId);
    }

    @Override
    public String toString() {
        return "ContentKeyPair[keyId=" + HexFormat.of().formatHex(keyId) + ", key=redacted]";
    }
}
