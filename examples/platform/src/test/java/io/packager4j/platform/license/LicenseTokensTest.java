package io.packager4j.platform.license;

import io.packager4j.platform.keys.MasterKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LicenseTokensTest {

    private final MasterKey master = MasterKey.generate();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T10:00:00.250Z"));
    private final LicenseTokens tokens = new LicenseTokens(master, clock, Duration.ofMinutes(10));

    @Test
    void aTokenIsValidForItsPackageOnly() {
        String token = tokens.issue(42);
        assertTrue(token.matches("[A-Za-z0-9._-]+"), "URL-safe: " + token);
        assertTrue(tokens.isValid(token, 42));
        assertTrue(new LicenseTokens(master, clock, Duration.ofMinutes(1)).isValid(token, 42),
                "any instance on the same master key accepts it (restarts, several servers)");
        assertFalse(tokens.isValid(token, 43));
        assertFalse(tokens.isValid(token, 4));
        assertFalse(tokens.isValid(token, 420));
    }

    @Test
    void aTokenExpiresAfterItsTimeToLive() {
        String token = tokens.issue(42);
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertTrue(tokens.isValid(token, 42), "still valid just before the end of its TTL");
        clock.advance(Duration.ofSeconds(2));
        assertFalse(tokens.isValid(token, 42), "expired");
        assertTrue(tokens.isValid(tokens.issue(42), 42), "a new token is valid again");
    }

    @Test
    void forgedTokensAreInvalid() {
        String token = tokens.issue(42);
        String expiry = token.substring(0, token.indexOf('.'));
        String mac = token.substring(token.indexOf('.') + 1);
        // Extending the expiry without the key.
        assertFalse(tokens.isValid((Long.parseLong(expiry) + 3600) + "." + mac, 42));
        // Changing the MAC.
        char c = mac.charAt(5);
        assertFalse(tokens.isValid(expiry + "." + mac.substring(0, 5) + (c == 'A' ? 'B' : 'A') + mac.substring(6), 42));
        // Signed with another master key.
        assertFalse(tokens.isValid(new LicenseTokens(MasterKey.generate(), clock, Duration.ofMinutes(10)).issue(42), 42));
    }

    @Test
    void malformedTokensAreInvalid() {
        String token = tokens.issue(42);
        for (String bad : new String[] {null, "", "abc", "123.", ".abc", token + ".x", token + "=", "x" + token,
                token.replace('.', ':'), "-1." + token.substring(token.indexOf('.') + 1), token.substring(0, token.length() - 1)}) {
            assertFalse(tokens.isValid(bad, 42), String.valueOf(bad));
        }
    }

    @Test
    void theTimeToLiveMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new LicenseTokens(master, clock, Duration.ZERO));
    }
}
