package io.packager4j.crypto;

import java.util.Objects;

/**
 * A content key with its key ID. {@link #toString()} shows the key ID only.
 *
 * @param keyId the public key ID, written in {@code tenc} and the manifest
 * @param key   the secret AES-128 key
 */
public record EncryptionKey(KeyId keyId, ContentKey key) {

    public EncryptionKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return "EncryptionKey[kid=" + keyId.toHex() + ", key=redacted]";
    }
}
