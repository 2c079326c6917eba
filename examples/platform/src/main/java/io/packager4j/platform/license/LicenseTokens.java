package io.packager4j.platform.license;

import io.packager4j.platform.keys.MasterKey;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Short-lived tokens that let a player fetch the licence of one package, handed out with the play
 * page. Stateless: a token is {@code <expiry epoch seconds>.<base64url HMAC-SHA256>} where the MAC,
 * under a key derived from the {@link MasterKey} for this purpose only, covers the package ID and the
 * expiry, so it cannot be moved to another package or extended. Tokens survive a restart and need no
 * storage; they cannot be revoked before they expire, hence a short time to live.
 *
 * <p>Thread-safe.
 */
public final class LicenseTokens {

    /** The purpose under which the signing key is derived from the master key. */
    public static final String PURPOSE = "license-token";

    private static final Pattern TOKEN = Pattern.compile("([0-9]{1,12})\\.([A-Za-z0-9_-]{43})");

    private final SecretKeySpec signingKey;
    private final Clock clock;
    private final Duration ttl;

    /**
     * @param master the master key; the signing key is derived from it
     * @param clock  the time source (tests move it)
     * @param ttl    how long an issued token stays valid; positive
     */
    public LicenseTokens(MasterKey master, Clock clock, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the token time to live must be positive, not " + ttl);
        }
        this.signingKey = new SecretKeySpec(master.derive(PURPOSE), "HmacSHA256");
        this.clock = clock;
        this.ttl = ttl;
    }

    /** How long a new token is valid. */
    public Duration ttl() {
        return ttl;
    }

    /** A token for {@code packageId}, valid from now for {@link #ttl()}; URL-safe, no padding. */
    public String issue(long packageId) {
        // Rounded up to the next second, so a token is never valid for less than the TTL.
        long expiry = clock.instant().plus(ttl).plusMillis(999).getEpochSecond();
        return expiry + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(packageId, expiry));
    }

    /**
     * True only for a token this instance's key issued for exactly this package and that has not
     * expired; anything else (null, malformed, forged, another package's, expired) is false.
     */
    public boolean isValid(String token, long packageId) {
        if (token == null) {
            return false;
        }
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            return false;
        }
        long expiry = Long.parseLong(m.group(1));
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            return false;
        }
        // The MAC is checked before the expiry and in constant time, so timing tells nothing about it.
        boolean authentic = MessageDigest.isEqual(given, mac(packageId, expiry));
        return authentic && clock.instant().getEpochSecond() < expiry;
    }

    private byte[] mac(long packageId, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(signingKey);
            return mac.doFinal(("license/v1/" + packageId + "/" + expiry).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "LicenseTokens[ttl=" + ttl + "]";
    }
}
