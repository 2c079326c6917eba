package io.packager4j.platform.keys;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals content keys for storage, so a copy of the database alone does not reveal them.
 *
 * <p>Each key is encrypted with AES-256-GCM under a key derived from the {@link MasterKey} for this
 * purpose only, with a fresh random 12-byte nonce, and with the key ID as associated data: a sealed
 * key copied onto another key ID's row fails to open instead of silently serving the wrong key. The
 * sealed form is text, {@code v1:<base64url of nonce | ciphertext | tag>}; the version prefix leaves
 * room to change the scheme while old rows stay readable.
 *
 * <p>Thread-safe.
 */
public final class KeyVault {

    /** The purpose under which the key-encryption key is derived from the master key. */
    public static final String PURPOSE = "content-key-encryption";

    /** Length of content keys and key IDs, bytes. */
    public static final int KEY_LENGTH = 16;

    private static final String V1 = "v1:";
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int SEALED_LENGTH = NONCE_LENGTH + KEY_LENGTH + TAG_BITS / 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec kek;

    /** A vault whose key-encryption key is derived from {@code master}. */
    public KeyVault(MasterKey master) {
        this.kek = new SecretKeySpec(master.derive(PURPOSE), "AES");
    }

    /**
     * Seals a 16-byte content key for the 16-byte key ID it belongs to.
     *
     * @return text such as {@code v1:...}, safe to store in a database column
     */
    public String seal(byte[] contentKey, byte[] keyId) {
        checkLength("content key", contentKey);
        checkLength("key ID", keyId);
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(keyId);
            byte[] sealed = gcm.doFinal(contentKey);
            ByteBuffer out = ByteBuffer.allocate(NONCE_LENGTH + sealed.length).put(nonce).put(sealed);
            return V1 + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * Opens what {@link #seal(byte[], byte[])} produced for the same key ID.
     *
     * @throws SealedKeyException if the text is malformed, was altered, was sealed for another key
     *                            ID, or was sealed under another master key
     */
    public byte[] open(String sealed, byte[] keyId) {
        checkLength("key ID", keyId);
        if (sealed == null || !sealed.startsWith(V1)) {
            throw new SealedKeyException("not a sealed content key (expected the prefix " + V1 + ")");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(sealed.substring(V1.length()));
        } catch (IllegalArgumentException e) {
            throw new SealedKeyException("sealed content key is not valid base64url");
        }
        if (bytes.length != SEALED_LENGTH) {
            throw new SealedKeyException("sealed content key has " + bytes.length + " bytes, expected " + SEALED_LENGTH);
        }
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_LENGTH));
            gcm.updateAAD(keyId);
            return gcm.doFinal(bytes, NONCE_LENGTH, bytes.length - NONCE_LENGTH);
        } catch (AEADBadTagException e) {
            throw new SealedKeyException("sealed content key does not open: it was altered, belongs to another key ID, "
                    + "or was sealed under another master key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private static void checkLength(String what, byte[] value) {
        if (value == null || value.length != KEY_LENGTH) {
            throw new IllegalArgumentException(what + " must be " + KEY_LENGTH + " bytes, not "
                    + (value == null ? "null" : value.length + " bytes"));
        }
    }

    @Override
    public String toString() {
        return "KeyVault[AES-256-GCM, " + V1 + "]";
    }

    /** A sealed content key that cannot be opened; the message says why without revealing anything secret. */
    public static final class SealedKeyException extends RuntimeException {
        public SealedKeyException(String message) {
            super(message);
        }
    }
}
