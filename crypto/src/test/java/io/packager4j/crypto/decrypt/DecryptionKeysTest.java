package io.packager4j.crypto.decrypt;

import io.packager4j.PackagingException;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.KeyId;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecryptionKeysTest {

    private static final String KID = "cd7eb9ff88f34caeb06185b00024e4c2";
    private static final String KEY = "63cb5f7184dd4b689a5c5ff11ee6a328";

    @Test
    void findsKeysByKeyIdInAnyTextualForm() throws PackagingException {
        DecryptionKeys keys = DecryptionKeys.builder().add("cd7eb9ff-88f3-4cae-b061-85b00024e4c2", KEY).build();
        assertEquals(ContentKey.parse(KEY), keys.find(KeyId.parse(KID)).orElseThrow());
        assertTrue(keys.find(KeyId.of(new byte[16])).isEmpty());
        assertEquals(1, keys.size());
    }

    @Test
    void toStringListsKeyIdsButNeverKeys() throws PackagingException {
        DecryptionKeys keys = DecryptionKeys.builder().add(KID, KEY).add("00000000000000000000000000000001", KEY).build();
        assertEquals("DecryptionKeys[key IDs: " + KID + ", 00000000000000000000000000000001]", keys.toString());
        assertFalse(keys.toString().contains(KEY));
    }

    @Test
    void isImmutableAndLaterKeysReplaceEarlierOnes() throws PackagingException {
        Map<KeyId, ContentKey> source = new LinkedHashMap<>();
        source.put(KeyId.parse(KID), ContentKey.parse(KEY));
        DecryptionKeys keys = DecryptionKeys.of(source);
        source.clear();
        assertEquals(1, keys.size());
        assertThrows(UnsupportedOperationException.class, () -> keys.keyIds().clear());
        String other = "000102030405060708090a0b0c0d0e0f";
        DecryptionKeys replaced = DecryptionKeys.builder().add(KID, KEY).add(KID, other).build();
        assertEquals(ContentKey.parse(other), replaced.find(KeyId.parse(KID)).orElseThrow());
        assertEquals(List.of(KeyId.parse(KID)), List.copyOf(replaced.keyIds()));
    }

    @Test
    void badKeyTextIsRefusedWithoutEchoingIt() {
        PackagingException e = assertThrows(PackagingException.class,
                () -> DecryptionKeys.builder().add(KID, "63cb5f7184dd4b689a5c5ff11ee6a3"));
        assertFalse(e.getMessage().contains("63cb5f7184dd4b689a5c5ff11ee6a3"), e.getMessage());
        assertTrue(DecryptionKeys.none().isEmpty());
        assertThrows(NullPointerException.class, () -> DecryptionKeys.builder().add((KeyId) null, ContentKey.parse(KEY)));
    }
}
