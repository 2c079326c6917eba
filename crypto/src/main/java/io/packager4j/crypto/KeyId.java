package io.packager4j.crypto;

import io.packager4j.PackagingException;
import java.util.Arrays;

/**
 * A 16-byte Common Encryption key identifier (KID), as carried in {@code tenc} and {@code pssh}
 * boxes and in the MPD's {@code cenc:default_KID}.
 *
 * <p>Immutable: the bytes are copied on the way in and on the way out. A KID is not secret, so
 * {@link #toString()} shows it in full.
 */
public final class KeyId {

    /** Length of a key ID in bytes. */
    public static final int LENGTH = 16;

    private final byte[] bytes;

    private KeyId(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Creates a key ID from exactly 16 bytes.
     *
     * @param bytes the key ID; copied
     * @return the key ID
     * @throws IllegalArgumentException if {@code bytes} is null or not 16 bytes long
     */
    public static KeyId of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a key ID must be exactly 16 bytes, got "
                    + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        return new KeyId(bytes.clone());
    }

    /**
     * Parses a key ID given as 32 hex digits, a UUID (8-4-4-4-12) or base64/base64url.
     *
     * @param text the textual key ID
     * @return the key ID
     * @throws PackagingException if {@code text} is not one of the accepted forms
     * @see KeyParser#parseKeyId(String)
     */
    public static KeyId parse(String text) throws PackagingException {
        return KeyParser.parseKeyId(text);
    }

    /** @return a copy of the 16 key ID bytes */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the key ID as 32 lowercase hex digits */
    public String toHex() {
        return Hex.encode(bytes);
    }

    /** @return the key ID as a lowercase UUID string, {@code 8-4-4-4-12} hex digits */
    public String toUuidString() {
        String hex = toHex();
        return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16)
                + '-' + hex.substring(16, 20) + '-' + hex.substring(20);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyId && Arrays.equals(bytes, ((KeyId) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** @return the key ID as 32 lowercase hex digits */
    @Override
    public String toString() {
        return toHex();
    }
}
