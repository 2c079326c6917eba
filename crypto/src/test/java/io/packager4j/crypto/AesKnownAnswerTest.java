package io.packager4j.crypto;

import static io.packager4j.crypto.AesReference.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** NIST SP 800-38A known-answer tests, run against every engine. */
class AesKnownAnswerTest {

    private static final byte[] KEY = hex("2b7e151628aed2a6abf7158809cf4f3c");
    private static final byte[] PLAIN = hex(
            "6bc1bee22e409f96e93d7e117393172a"
            + "ae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52ef"
            + "f69f2445df4f9b17ad2b417be66c3710");

    /** F.5.1 CTR-AES128.Encrypt. */
    private static final byte[] CTR_COUNTER = hex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
    private static final byte[] CTR_CIPHER = hex(
            "874d6191b620e3261bef6864990db6ce"
            + "9806f66b7970fdff8617187bb9fffdff"
            + "5ae4df3edbd5d35e5b4f09020db03eab"
            + "1e031dda2fbe03d1792170a0f3009cee");

    /** F.2.1 CBC-AES128.Encrypt. */
    private static final byte[] CBC_IV = hex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] CBC_CIPHER = hex(
            "7649abac8119b246cee98e9b12e9197d"
            + "5086cb9b507219ee95db113a917678b2"
            + "73bed6b8e3c1743b7116e69e22229516"
            + "3ff1caa1681fac09120eca307586e1a7");

    @ParameterizedTest
    @EnumSource(AesEngines.Kind.class)
    void ctrEncryptAndDecrypt(AesEngines.Kind kind) {
        AesEngine engine = AesEngines.create(kind);
        byte[] data = PLAIN.clone();
        engine.ctr(KEY, CTR_COUNTER, data, 0, data.length);
        assertArrayEquals(CTR_CIPHER, data);
        engine.ctr(KEY, CTR_COUNTER, data, 0, data.length);
        assertArrayEquals(PLAIN, data);
    }

    @ParameterizedTest
    @EnumSource(AesEngines.Kind.class)
    void ctrStreamSplitAtOddOffsets(AesEngines.Kind kind) {
        byte[] data = PLAIN.clone();
        CtrStream s = AesEngines.create(kind).ctrStream(KEY, CTR_COUNTER);
        s.apply(data, 0, 5);
        s.apply(data, 5, 0);
        s.apply(data, 5, 27);
        s.apply(data, 32, 1);
        s.apply(data, 33, 31);
        assertArrayEquals(CTR_CIPHER, data);
    }

    @ParameterizedTest
    @EnumSource(AesEngines.Kind.class)
    void cbcEncryptAndDecrypt(AesEngines.Kind kind) {
        AesEngine engine = AesEngines.create(kind);
        byte[] data = PLAIN.clone();
        engine.cbc(KEY, CBC_IV, data, 0, data.length, true);
        assertArrayEquals(CBC_CIPHER, data);
        engine.cbc(KEY, CBC_IV, data, 0, data.length, false);
        assertArrayEquals(PLAIN, data);
    }

    @ParameterizedTest
    @EnumSource(AesEngines.Kind.class)
    void cbcsWithoutSkipIsPlainCbc(AesEngines.Kind kind) {
        byte[] data = PLAIN.clone();
        AesEngines.create(kind).cbcsPattern(KEY, CBC_IV, data, 0, data.length, 0, 0, true);
        assertArrayEquals(CBC_CIPHER, data);
    }
}
