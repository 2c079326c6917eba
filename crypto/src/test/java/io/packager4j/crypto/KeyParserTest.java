package io.packager4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.packager4j.PackagingException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyParserTest {

    /** The form the original platform sent keys and KIDs in. */
    private static final String PLATFORM_KEY = "hyN9IKGfWKdAwFaE5pm0qg";
    private static final String PLATFORM_KID = "oW5AK5BW43HzbTSKpiu3SQ";

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }

    @Test
    void base64UrlFromThePlatform() throws PackagingException {
        byte[] keyBytes = Base64.getUrlDecoder().decode(PLATFORM_KEY);
        byte[] kidBytes = Base64.getUrlDecoder().decode(PLATFORM_KID);
        assertTrue(hex(keyBytes).startsWith("87237d20a19f58a7"));

        ContentKey key = KeyParser.parseKey(PLATFORM_KEY);
        assertArrayEquals(keyBytes, key.bytes());
        assertEquals(key, KeyParser.parseKey(PLATFORM_KEY + "=="));
        assertEquals(key, ContentKey.parse(hex(keyBytes)));
        assertEquals(key, ContentKey.parse(hex(keyBytes).toUpperCase()));
        assertEquals(key, ContentKey.parse(Base64.getEncoder().encodeToString(keyBytes)));

        KeyId kid = KeyParser.parseKeyId(PLATFORM_KID);
        assertArrayEquals(kidBytes, kid.bytes());
        assertEquals(hex(kidBytes), kid.toString());
        assertEquals(kid, KeyId.parse(kid.toUuidString()));
        assertEquals(kid, KeyId.parse(kid.toUuidString().toUpperCase()));
        assertEquals(kid, KeyId.parse("  " + kid.toHex() + "\n"));
    }

    @Test
    void allFormsAgree() throws PackagingException {
        String hex = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
        byte[] bytes = AesReference.hex(hex);
        String uuid = "a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90";
        String b64 = Base64.getEncoder().encodeToString(bytes);
        String b64url = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        KeyId expected = KeyId.of(bytes);
        for (String s : new String[] {hex, hex.toUpperCase(), uuid, b64, b64.replace("=", ""),
            b64url, b64url + "=="}) {
            assertEquals(expected, KeyId.parse(s), s);
            assertEquals(ContentKey.of(bytes), ContentKey.parse(s), s);
        }
        assertEquals(uuid, expected.toUuidString());
        assertEquals(hex, expected.toString());
    }

    @Test
    void base64AlphabetsDecodeTheirOwnSpecialCharacters() throws PackagingException {
        byte[] bytes = new byte[16];
        java.util.Arrays.fill(bytes, (byte) 0xfb); // encodes to '+'/'/' or '-'/'_'
        String std = Base64.getEncoder().encodeToString(bytes);
        String url = Base64.getUrlEncoder().encodeToString(bytes);
        assertNotEquals(std, url);
        assertArrayEquals(bytes, KeyParser.parseKey(std).bytes());
        assertArrayEquals(bytes, KeyParser.parseKey(url).bytes());
    }

    @Test
    void valueTypes() {
        byte[] raw = new byte[16];
        raw[0] = 1;
        ContentKey key = ContentKey.of(raw);
        raw[0] = 2;
        assertEquals(1, key.bytes()[0], "defensive copy in");
        key.bytes()[0] = 9;
        assertEquals(1, key.bytes()[0], "defensive copy out");
        assertEquals("ContentKey[redacted]", key.toString());
        assertEquals(key, ContentKey.of(key.bytes()));
        assertEquals(key.hashCode(), ContentKey.of(key.bytes()).hashCode());
        assertThrows(IllegalArgumentException.class, () -> ContentKey.of(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> KeyId.of(null));
        KeyId kid = KeyId.of(raw);
        raw[0] = 3;
        assertEquals(2, kid.bytes()[0]);
        assertEquals("02000000-0000-0000-0000-000000000000", kid.toUuidString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "87237d20a19f58a7c0568",                   // too short hex
        "87237d20a19f58a7c05684e699b4aa0",          // 31 hex digits
        "87237d20a19f58a7c05684e699b4aa0g",         // 32 chars, not hex, not 16-byte base64
        "87237d20a19f58a7c05684e699b4aa0011",       // 34 hex digits
        "87237d20-a19f-58a7-c056-84e699b4aa0z",     // UUID-shaped with a bad digit
        "87237d20a-19f-58a7-c056-84e699b4aa00",     // dash in the wrong place
        "hyN9IKGfWKdAwFaE5pm0q",                    // 21 base64 characters
        "hyN9IKGfWKdAwFaE5pm0qgA",                  // 23 base64 characters
        "hyN9IKGfWKdAwFaE5pm0qg=",                  // one '=' is wrong padding
        "hyN9IKGfWKdAwFaE5pm0qh",                   // non-zero unused bits
        "hyN9IKGf+KdAwFaE5pm0-g",                   // mixes the two alphabets
        "hyN9IKGf WKdAwFaE5pm0q",                   // inner space
        "hyN9IKGf*KdAwFaE5pm0qg",                   // bad character
        "aGVsbG8gd29ybGQ=",                         // base64 of 11 bytes
    })
    void badInputsAreRejectedWithoutEchoingTheKey(String bad) {
        PackagingException e = assertThrows(PackagingException.class, () -> KeyParser.parseKey(bad));
        String m = e.getMessage();
        assertTrue(m.startsWith("invalid key:"), m);
        assertTrue(m.contains("32 hex digits") && m.contains("UUID") && m.contains("base64url"), m);
        if (!bad.isBlank()) {
            assertFalse(m.contains(bad.strip()), m);
            assertFalse(m.contains(bad.strip().substring(0, Math.min(6, bad.strip().length()))), m);
        }
        assertEquals(null, e.getCause(), "no cause that could quote the key");

        PackagingException k = assertThrows(PackagingException.class, () -> KeyParser.parseKeyId(bad));
        assertTrue(k.getMessage().startsWith("invalid key ID:"), k.getMessage());
    }

    @Test
    void nullIsRejected() {
        PackagingException e = assertThrows(PackagingException.class, () -> KeyParser.parseKey(null));
        assertTrue(e.getMessage().contains("missing"));
        assertThrows(PackagingException.class, () -> KeyParser.parseKeyId(null));
    }
}
