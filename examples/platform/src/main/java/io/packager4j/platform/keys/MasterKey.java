package io.packager4j.platform.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The platform's one secret: 256 random bits from which every other secret (licence-token signing
 * key, key-encryption key, ...) is derived with {@link #derive(String)}, so a single value has to be
 * configured, backed up and rotated.
 *
 * <p>It comes from configuration (64 hex digits, or base64/base64url of 32 bytes) or, when nothing is
 * configured, from {@code <dataDir>/master.key}, created on first start. Losing that file makes every
 * sealed content key unreadable, hence the warning logged whenever a generated key is used.
 *
 * <p>The key never appears in {@link #toString()}, logs or exception messages.
 */
public final class MasterKey {

    /** Length of the master key in bytes (256 bits). */
    public static final int LENGTH = 32;

    /** File name of the generated key inside the data directory. */
    public static final String FILE_NAME = "master.key";

    private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]+={0,2}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private MasterKey(byte[] key) {
        this.key = key;
    }

    /** A master key from its 32 raw bytes (copied). */
    public static MasterKey of(byte[] key) {
        if (key == null || key.length != LENGTH) {
            throw new IllegalArgumentException("the master key must be " + LENGTH + " bytes (256 bits), not "
                    + (key == null ? "null" : key.length + " bytes"));
        }
        return new MasterKey(key.clone());
    }

    /** A new random master key. */
    public static MasterKey generate() {
        byte[] key = new byte[LENGTH];
        RANDOM.nextBytes(key);
        return new MasterKey(key);
    }

    /**
     * Parses a configured key: 64 hex digits, or standard or URL-safe base64 (padded or not) of 32 bytes.
     *
     * @throws IllegalArgumentException if the text is neither, or does not hold exactly 32 bytes; the
     *                                  message never repeats the text
     */
    public static MasterKey parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the master key is empty");
        }
        String t = text.strip();
        byte[] bytes;
        // Text made of hex digits only is read as hex whatever its length, so a too-short hex key is
        // reported as such rather than as odd base64 (base64 of 32 random bytes is never all hex digits).
        if (t.length() % 2 == 0 && HEX.matcher(t).matches()) {
            bytes = hex(t);
        } else if (BASE64.matcher(t).matches()) {
            try {
                // URL-safe and standard alphabets both map onto the URL-safe decoder; padding is optional.
                bytes = Base64.getUrlDecoder().decode(t.replace('+', '-').replace('/', '_').replace("=", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the master key is neither 64 hex digits nor valid base64");
            }
        } else {
            throw new IllegalArgumentException("the master key is neither 64 hex digits nor base64 (it has "
                    + t.length() + " characters)");
        }
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("the master key must be " + LENGTH + " bytes (256 bits: 64 hex digits or "
                    + "44 base64 characters), but the configured value holds " + bytes.length + " bytes");
        }
        return new MasterKey(bytes);
    }

    /**
     * The configured key if there is one, else the key stored in {@code dataDir/master.key}, created
     * (randomly, atomically, owner-only where the file system has POSIX permissions) if absent.
     *
     * @param configuredOrNull the configured key text, or {@code null}/blank when none is configured
     * @param dataDir          the platform's data directory, created if needed
     * @throws IllegalArgumentException if the configured key or the key file is malformed
     * @throws IOException              if the key file cannot be read or written
     */
    public static MasterKey load(String configuredOrNull, Path dataDir) throws IOException {
        if (configuredOrNull != null && !configuredOrNull.isBlank()) {
            return parse(configuredOrNull);
        }
        Path file = dataDir.resolve(FILE_NAME);
        boolean[] created = new boolean[1];
        String text = SecretFile.readOrCreate(file, () -> Base64.getEncoder().encodeToString(generate().key), created);
        if (created[0]) {
            LOG.info("Generated a new master key in {}", file);
        }
        MasterKey key;
        try {
            key = parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " does not hold a valid master key: " + e.getMessage(), e);
        }
        LOG.warn("No master key is configured: using the generated key in {}. Back that file up (without it, "
                + "sealed content keys cannot be opened), or configure a key of your own.", file);
        return key;
    }

    /**
     * A 32-byte sub-key for one purpose, such as {@code "license-token"}: HKDF-Expand (RFC 5869) with
     * the master key as the pseudo-random key and the purpose as info. Different purposes give
     * unrelated keys, so a key used to sign tokens can never decrypt content keys, and vice versa.
     */
    public byte[] derive(String purpose) {
        if (purpose == null || purpose.isEmpty()) {
            throw new IllegalArgumentException("a key purpose is required");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(("packager4j-platform/" + purpose).getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 1); // first (and only) HKDF output block
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s, 2 * i, 2 * i + 2, 16);
        }
        return out;
    }

    @Override
    public String toString() {
        return "MasterKey[256 bits, redacted]";
    }
}
