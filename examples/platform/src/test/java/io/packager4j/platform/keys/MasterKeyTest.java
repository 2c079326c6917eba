package io.packager4j.platform.keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MasterKeyTest {

    private static final byte[] BYTES = HexFormat.of().parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    void generatedOnceOwnerOnlyAndReused(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("data");
        MasterKey first = MasterKey.load(null, dataDir);
        Path file = dataDir.resolve(MasterKey.FILE_NAME);
        assertTrue(Files.isRegularFile(file));
        String stored = Files.readString(file);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        MasterKey second = MasterKey.load("  ", dataDir);
        assertArrayEquals(first.derive("x"), second.derive("x"), "the stored key is reused");
        assertEquals(stored, Files.readString(file), "the file is not rewritten");
        try (var files = Files.list(dataDir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
        MasterKey other = MasterKey.load(null, tmp.resolve("other"));
        assertFalse(java.util.Arrays.equals(first.derive("x"), other.derive("x")), "each data directory gets its own random key");
    }

    @Test
    void configuredKeyWinsOverTheFileAndAcceptsHexAndBase64(@TempDir Path tmp) throws Exception {
        MasterKey hex = MasterKey.load(HexFormat.of().formatHex(BYTES), tmp);
        assertFalse(Files.exists(tmp.resolve(MasterKey.FILE_NAME)), "no file is generated when a key is configured");
        MasterKey upperHex = MasterKey.parse(HexFormat.of().withUpperCase().formatHex(BYTES));
        MasterKey b64 = MasterKey.parse(Base64.getEncoder().encodeToString(BYTES));
        MasterKey b64url = MasterKey.parse(Base64.getUrlEncoder().withoutPadding().encodeToString(BYTES));
        byte[] expected = MasterKey.of(BYTES).derive("p");
        for (MasterKey k : new MasterKey[] {hex, upperHex, b64, b64url}) {
            assertArrayEquals(expected, k.derive("p"));
        }
    }

    @Test
    void wrongLengthOrGarbageIsRefusedWithoutEchoingIt() {
        String shortHex = "00112233445566778899aabbccddeeff"; // 16 bytes
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MasterKey.load(shortHex, Path.of("unused")));
        assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("16 bytes"), e.getMessage());
        assertFalse(e.getMessage().contains(shortHex));
        String longB64 = Base64.getEncoder().encodeToString(new byte[33]);
        assertThrows(IllegalArgumentException.class, () -> MasterKey.parse(longB64));
        assertThrows(IllegalArgumentException.class, () -> MasterKey.parse("not a key at all!"));
        assertThrows(IllegalArgumentException.class, () -> MasterKey.of(new byte[31]));
    }

    @Test
    void aCorruptKeyFileIsRefused(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve(MasterKey.FILE_NAME), "abc\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MasterKey.load(null, tmp));
        assertTrue(e.getMessage().contains(MasterKey.FILE_NAME), e.getMessage());
    }

    @Test
    void derivedKeysDependOnThePurposeAndAreStable() {
        MasterKey key = MasterKey.of(BYTES);
        assertEquals(32, key.derive("license-token").length);
        assertArrayEquals(key.derive("license-token"), MasterKey.of(BYTES).derive("license-token"));
        assertFalse(java.util.Arrays.equals(key.derive("license-token"), key.derive("content-key-encryption")));
        assertFalse(java.util.Arrays.equals(BYTES, key.derive("license-token")), "a sub-key is not the master key");
    }

    @Test
    void toStringNeverShowsTheKey() {
        String s = MasterKey.of(BYTES).toString();
        assertFalse(s.contains(HexFormat.of().formatHex(BYTES)));
        assertFalse(s.contains(Base64.getEncoder().encodeToString(BYTES).substring(0, 20)));
        assertFalse(s.contains("0001020304"));
    }
}
