package io.packager4j.crypto;

import io.packager4j.PackagingException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A 16-byte AES-128 content key.
 *
 * <p>Immutable: the bytes are copied on the way in and on the way out. The key is secret, so
 * {@link #toString()} never shows it; callers must not log {@link #bytes()} either.
 */
public final class ContentKey {

    /** Length of a content key in bytes. */
    public static final int LENGTH = 16;

    private final byte[] bytes;

    private ContentKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Creates a content key from exactly 16 bytes.
     *
     * @param bytes the key; copied
     * @return the key
     * @throws IllegalArgumentException if {@code bytes} is null or not 16 bytes long (the message
     *     gives only the length)
     */
    public static ContentKey of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a content key must be exactly 16 bytes, got "
                    + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        return new ContentKey(bytes.clone());
    }

    /**
     * Parses a key given as 32 hex digits, a UUID (8-4-4-4-12) or base64/base64url.
     *
     * @param text the textual key
     * @return the key
     * @throws PackagingException if {@code text} is not one of the accepted forms; the message
     *     never contains {@code text}
     * @see KeyParser#parseKey(String)
     */
    public static ContentKey parse(String text) throws PackagingException {
        return KeyParser.parseKey(text);
    }

    /** @return a copy of the 16 key bytes; never log it */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Compares in constant time so that key comparison leaks nothing through timing. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ContentKey && MessageDigest.isEqual(bytes, ((ContentKey) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** @return {@code "ContentKey[redacted]"}: the key is never shown */
    @Override
    public String toString() {
        return "ContentKey[redacted]";
    }
}
