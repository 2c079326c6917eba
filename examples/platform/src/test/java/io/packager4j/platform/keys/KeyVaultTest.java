package io.packager4j.platform.keys;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyVaultTest {

    private static final byte[] KEY = HexFormat.of().parseHex("87237d20a19f58a740c05684e699b4aa");
    private static final byte[] KID = HexFormat.of().parseHex("a16e402b9056e371f36d348aa62bb749");
    private static final byte[] OTHER_KID = HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100");

    private final MasterKey master = MasterKey.generate();
    private final KeyVault vault = new KeyVault(master);

    @Test
    void sealedKeysOpenToTheSameKey() {
        String sealed = vault.seal(KEY, KID);
        assertTrue(sealed.startsWith("v1:"), sealed);
        assertArrayEquals(KEY, vault.open(sealed, KID));
        assertArrayEquals(KEY, new KeyVault(master).open(sealed, KID), "another vault on the same master key opens it");
        assertNotEquals(sealed, vault.seal(KEY, KID), "each seal uses a fresh nonce");
        assertFalse(sealed.contains(HexFormat.of().formatHex(KEY)));
        assertFalse(sealed.contains(Base64.getUrlEncoder().withoutPadding().encodeToString(KEY)));
    }

    @Test
    void anAlteredSealedKeyDoesNotOpen() {
        String sealed = vault.seal(KEY, KID);
        // The last character also carries unused padding bits, which a decoder may ignore; all others carry data.
        for (int i = 3; i < sealed.length() - 1; i++) {
            char c = sealed.charAt(i);
            String altered = sealed.substring(0, i) + (c == 'A' ? 'B' : 'A') + sealed.substring(i + 1);
            if (!altered.equals(sealed)) {
                assertThrows(KeyVault.SealedKeyException.class, () -> vault.open(altered, KID), "position " + i);
            }
        }
    }

    @Test
    void aSealedKeyDoesNotOpenForAnotherKeyIdOrMasterKey() {
        String sealed = vault.seal(KEY, KID);
        KeyVault.SealedKeyException e = assertThrows(KeyVault.SealedKeyException.class, () -> vault.open(sealed, OTHER_KID));
        assertTrue(e.getMessage().contains("another key ID"), e.getMessage());
        assertThrows(KeyVault.SealedKeyException.class, () -> new KeyVault(MasterKey.generate()).open(sealed, KID));
    }

    @Test
    void malformedInputIsRefused() {
        assertThrows(KeyVault.SealedKeyException.class, () -> vault.open(null, KID));
        assertThrows(KeyVault.SealedKeyException.class, () -> vault.open("v2:abc", KID));
        assertThrows(KeyVault.SealedKeyException.class, () -> vault.open("v1:***", KID));
        assertThrows(KeyVault.SealedKeyException.class, () -> vault.open("v1:AAAA", KID));
        String sealed = vault.seal(KEY, KID);
        assertThrows(KeyVault.SealedKeyException.class, () -> vault.open(sealed.substring(0, sealed.length() - 4), KID));
        assertThrows(IllegalArgumentException.class, () -> vault.seal(new byte[15], KID));
        assertThrows(IllegalArgumentException.class, () -> vault.seal(KEY, new byte[17]));
    }
}
