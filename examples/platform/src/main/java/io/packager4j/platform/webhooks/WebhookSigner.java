package io.packager4j.platform.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Signs webhook bodies so receivers can tell they came from this platform and were not replayed:
 * {@code sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}, with the timestamp (Unix
 * seconds) sent in its own header. A receiver recomputes the MAC over the header's timestamp and the
 * raw body, compares in constant time, and refuses timestamps older than a few minutes.
 */
public final class WebhookSigner {

    public static final String SIGNATURE_HEADER = "X-Packager4j-Signature";
    public static final String TIMESTAMP_HEADER = "X-Packager4j-Timestamp";
    public static final String EVENT_HEADER = "X-Packager4j-Event";

    private final SecretKeySpec key;

    /** @param secret the shared secret's text; its UTF-8 bytes are the HMAC key */
    public WebhookSigner(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the webhook secret must not be empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String sign(long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[secret=redacted]";
    }
}
