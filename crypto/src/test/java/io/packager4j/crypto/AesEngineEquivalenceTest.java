package io.packager4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both engines against each other and against the block-by-block references, on random data.
 */
class AesEngineEquivalenceTest {

    private static final int[] LENGTHS = {0, 1, 15, 16, 17, 31, 100, 159, 160, 161, 175, 176,
        177, 2560, 2575, 2576, 2600, 10_000};

    private final Random random = new Random(0x5eed);
    private final AesEngine jce = AesEngines.create(AesEngines.Kind.JCE);
    private final AesEngine bc = AesEngines.create(AesEngines.Kind.BOUNCY_CASTLE);

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Test
    void factoryAndDefault() {
        assertEquals(AesEngines.Kind.JCE, AesEngines.defaultKind());
        assertEquals(AesEngines.Kind.JCE, AesEngines.createDefault().kind());
        assertEquals(AesEngines.Kind.BOUNCY_CASTLE, bc.kind());
        assertTrue(bc instanceof BouncyCastleAesEngine);
        assertTrue(jce instanceof JceAesEngine);
    }

    @Test
    void ctrSplitRangesEqualOneRangeAndEnginesAgree() {
        for (int len : LENGTHS) {
            byte[] key = randomBytes(16);
            byte[] iv = randomBytes(16);
            byte[] plain = randomBytes(len + 7);
            byte[] whole = plain.clone();
            AesReference.cencCtr(key, iv, whole, 3, len);
            for (AesEngine engine : new AesEngine[] {jce, bc}) {
                byte[] one = plain.clone();
                engine.ctr(key, iv, one, 3, len);
                assertArrayEquals(whole, one, engine.kind() + " len " + len);

                byte[] split = plain.clone();
                CtrStream s = engine.ctrStream(key, iv);
                int pos = 3;
                int end = 3 + len;
                while (pos < end) {
                    int n = Math.min(end - pos, random.nextInt(40));
                    s.apply(split, pos, n);
                    pos += n;
                }
                assertArrayEquals(whole, split, engine.kind() + " split len " + len);
                engine.ctr(key, iv, split, 3, len);
                assertArrayEquals(plain, split, "round trip");
            }
        }
    }

    /**
     * cenc increments only the low 64 bits. Below the wrap the engines equal a 128-bit CTR (the
     * JCE's); at the wrap the high half must stay put, where a 128-bit counter would carry.
     */
    @ParameterizedTest
    @EnumSource(AesEngines.Kind.class)
    void ctrWrapsTheLow64BitsOnly(AesEngines.Kind kind) throws Exception {
        AesEngine engine = AesEngines.create(kind);
        byte[] key = randomBytes(16);
        byte[] iv = AesReference.hex("0123456789abcdef fffffffffffffffe");
        int len = 5 * 16 + 9;
        byte[] plain = randomBytes(len);

        byte[] expected = plain.clone();
        AesReference.cencCtr(key, iv, expected, 0, len);

        byte[] actual = plain.clone();
        CtrStream s = engine.ctrStream(key, iv);
        s.apply(actual, 0, 7);   // inside counter ...fe
        s.apply(actual, 7, 30);  // crosses ...ff and the wrap to ...00, mid-call
        s.apply(actual, 37, len - 37);
        assertArrayEquals(expected, actual);

        Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        byte[] ctr128 = c.doFinal(plain);
        assertArrayEquals(Arrays.copyOf(ctr128, 32), Arrays.copyOf(actual, 32),
                "identical to a 128-bit counter before the wrap");
        assertFalse(Arrays.equals(Arrays.copyOfRange(ctr128, 32, 48),
                Arrays.copyOfRange(actual, 32, 48)), "differs from a 128-bit counter after it");

        // The whole-range call and the all-ones counter (wrap after the first block) agree too.
        byte[] iv2 = AesReference.hex("00000000000000ff ffffffffffffffff");
        byte[] e2 = plain.clone();
        AesReference.cencCtr(key, iv2, e2, 0, len);
        byte[] a2 = plain.clone();
        engine.ctr(key, iv2, a2, 0, len);
        assertArrayEquals(e2, a2);
    }

    @Test
    void cbcEnginesAgreeAndLeaveTrailingPartialBlockClear() {
        for (int len : LENGTHS) {
            byte[] key = randomBytes(16);
            byte[] iv = randomBytes(16);
            byte[] plain = randomBytes(len + 4);
            byte[] a = plain.clone();
            byte[] b = plain.clone();
            jce.cbc(key, iv, a, 2, len, true);
            bc.cbc(key, iv, b, 2, len, true);
            assertArrayEquals(a, b, "len " + len);
            int clearFrom = 2 + len / 16 * 16;
            assertArrayEquals(Arrays.copyOfRange(plain, clearFrom, plain.length),
                    Arrays.copyOfRange(a, clearFrom, a.length), "tail stays clear");
            assertArrayEquals(Arrays.copyOf(plain, 2), Arrays.copyOf(a, 2), "prefix untouched");
            if (len >= 16) {
                assertNotEquals(Arrays.toString(plain), Arrays.toString(a));
            }
            jce.cbc(key, iv, a, 2, len, false);
            bc.cbc(key, iv, b, 2, len, false);
            assertArrayEquals(plain, a);
            assertArrayEquals(plain, b);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 15, 16, 17, 160, 161, 175, 176, 177, 191, 192, 2560, 2576, 2591,
        2592, 4000})
    void cbcsPatternMatchesReference(int len) {
        int[][] patterns = {{1, 9}, {2, 8}, {5, 5}, {1, 1}, {3, 0}, {0, 0}};
        for (int[] p : patterns) {
            byte[] key = randomBytes(16);
            byte[] iv = randomBytes(16);
            byte[] plain = randomBytes(len + 9);
            byte[] expected = plain.clone();
            AesReference.cbcsPattern(key, iv, expected, 4, len, p[1] == 0 ? Integer.MAX_VALUE : p[0],
                    p[1], true);
            for (AesEngine engine : new AesEngine[] {jce, bc}) {
                byte[] actual = plain.clone();
                engine.cbcsPattern(key, iv, actual, 4, len, p[0], p[1], true);
                String what = engine.kind() + " " + p[0] + ":" + p[1] + " len " + len;
                assertArrayEquals(expected, actual, what);
                engine.cbcsPattern(key, iv, actual, 4, len, p[0], p[1], false);
                assertArrayEquals(plain, actual, "round trip " + what);
            }
        }
    }

    /** 1:9 explicitly: block 0 and block 10 encrypted and chained, 1..9 clear. */
    @Test
    void cbcsOneInTenChainsOnlyEncryptedBlocks() {
        byte[] key = randomBytes(16);
        byte[] iv = randomBytes(16);
        byte[] plain = randomBytes(11 * 16 + 5);
        for (AesEngine engine : new AesEngine[] {jce, bc}) {
            byte[] data = plain.clone();
            engine.cbcsPattern(key, iv, data, 0, data.length, 1, 9, true);
            byte[] encryptedOnly = new byte[32];
            System.arraycopy(plain, 0, encryptedOnly, 0, 16);
            System.arraycopy(plain, 160, encryptedOnly, 16, 16);
            jce.cbc(key, iv, encryptedOnly, 0, 32, true);
            assertArrayEquals(Arrays.copyOfRange(encryptedOnly, 0, 16), Arrays.copyOfRange(data, 0, 16));
            assertArrayEquals(Arrays.copyOfRange(plain, 16, 160), Arrays.copyOfRange(data, 16, 160));
            assertArrayEquals(Arrays.copyOfRange(encryptedOnly, 16, 32),
                    Arrays.copyOfRange(data, 160, 176));
            assertArrayEquals(Arrays.copyOfRange(plain, 176, 181), Arrays.copyOfRange(data, 176, 181));
        }
    }

    /** Each subsample's protected range restarts from the constant IV. */
    @Test
    void cbcsIvResetsPerSubsample() {
        byte[] key = randomBytes(16);
        byte[] iv = randomBytes(16);
        byte[] block = randomBytes(16);
        byte[] sample = new byte[48];
        System.arraycopy(block, 0, sample, 0, 16);
        System.arraycopy(block, 0, sample, 32, 16);
        for (AesEngine engine : new AesEngine[] {jce, bc}) {
            byte[] data = sample.clone();
            engine.cbcsPattern(key, iv, data, 0, 16, 1, 9, true);   // subsample 1
            engine.cbcsPattern(key, iv, data, 32, 16, 1, 9, true);  // subsample 2
            assertArrayEquals(Arrays.copyOfRange(data, 0, 16), Arrays.copyOfRange(data, 32, 48));
        }
    }

    @Test
    void keyChangesAreHonoured() {
        byte[] k1 = randomBytes(16);
        byte[] k2 = randomBytes(16);
        byte[] iv = randomBytes(16);
        byte[] plain = randomBytes(64);
        for (AesEngine engine : new AesEngine[] {jce, bc}) {
            byte[] a = plain.clone();
            engine.cbc(k1, iv, a, 0, 64, true);
            byte[] b = plain.clone();
            engine.cbc(k2, iv, b, 0, 64, true);
            byte[] c = plain.clone();
            engine.cbc(k1, iv, c, 0, 64, true);
            assertArrayEquals(a, c);
            assertFalse(Arrays.equals(a, b));
            engine.cbc(k2, iv, b, 0, 64, false);
            assertArrayEquals(plain, b);
        }
    }

    @Test
    void staleStreamAndBadArgumentsAreRejected() {
        byte[] key = randomBytes(16);
        byte[] iv = randomBytes(16);
        for (AesEngine engine : new AesEngine[] {jce, bc}) {
            CtrStream s = engine.ctrStream(key, iv);
            engine.cbc(key, iv, new byte[32], 0, 32, true);
            assertThrows(IllegalStateException.class, () -> s.apply(new byte[4], 0, 4));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> engine.ctr(new byte[15], iv, new byte[4], 0, 4));
            assertTrue(e.getMessage().contains("the key"));
            assertThrows(IllegalArgumentException.class,
                    () -> engine.cbc(key, new byte[8], new byte[16], 0, 16, true));
            assertThrows(IllegalArgumentException.class,
                    () -> engine.cbcsPattern(key, iv, new byte[16], 0, 16, 0, 9, true));
            assertThrows(IllegalArgumentException.class,
                    () -> engine.cbcsPattern(key, iv, new byte[16], 0, 16, -1, 9, true));
            assertThrows(IndexOutOfBoundsException.class,
                    () -> engine.cbc(key, iv, new byte[16], 8, 16, true));
        }
    }
}
