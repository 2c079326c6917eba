package io.packager4j.crypto.decrypt;

import io.packager4j.PackagingException;
import io.packager4j.core.io.RandomAccessSource;
import io.packager4j.core.media.Codec;
import io.packager4j.core.media.EditList;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.SampleEncryptionTable;
import io.packager4j.core.media.SampleTable;
import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackEncryption;
import io.packager4j.core.media.TrackFormat;
import io.packager4j.crypto.AesEngines;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.KeyId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decryption rules on synthetic samples, checked against a reference built from the JDK's
 * plain AES: cenc's one keystream across subsamples, cbcs's pattern restarting per subsample, clear
 * samples untouched, and the key chosen per sample by key ID.
 */
class TrackDecryptorTest {

    private static final byte[] KID_A = fill(0xAA);
    private static final byte[] KID_B = fill(0xBB);
    private static final byte[] KEY_A = fill(0x01);
    private static final byte[] KEY_B = fill(0x02);
    private static final DecryptionKeys KEYS = DecryptionKeys.builder()
            .add(KeyId.of(KID_A), ContentKey.of(KEY_A))
            .add(KeyId.of(KID_B), ContentKey.of(KEY_B))
            .build();

    @TempDir
    Path tmp;
    private RandomAccessSource source;

    @AfterEach
    void close() {
        if (source != null) {
            source.close();
        }
    }

    @ParameterizedTest
    @EnumSource(AesEngines.Kind.class)
    void cencRunsOneKeystreamAcrossTheSubsamples(AesEngines.Kind kind) throws Exception {
        byte[] clear = random(300, 1);
        byte[] iv8 = {1, 2, 3, 4, 5, 6, 7, 8};
        int[][] map = {{5, 20}, {3, 100}, {0, 0}, {12, 160}};
        byte[] encrypted = clear.clone();
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY_B, "AES"), new IvParameterSpec(Arrays.copyOf(iv8, 16)));
        int pos = 0;
        for (int[] s : map) {
            pos += s[0];
            ctr.update(encrypted, pos, s[1], encrypted, pos);
            pos += s[1];
        }
        SampleEncryptionTable.Builder table = new SampleEncryptionTable.Builder().addProtected(KID_B, iv8);
        for (int[] s : map) {
            table.subsample(s[0], s[1]);
        }
        TrackDecryptor d = TrackDecryptor.create(track(ProtectionScheme.CENC, 0, 0, table, 300), KEYS,
                AesEngines.create(kind));
        d.decrypt(0, encrypted, 0, encrypted.length);
        assertArrayEquals(clear, encrypted);
    }

    @ParameterizedTest
    @EnumSource(AesEngines.Kind.class)
    void cbcsRestartsThePatternAndIvForEachSubsample(AesEngines.Kind kind) throws Exception {
        byte[] clear = random(700, 2);
        byte[] iv = fill(0x33);
        int[][] map = {{10, 300}, {7, 383}};
        byte[] encrypted = clear.clone();
        int pos = 0;
        for (int[] s : map) {
            pos += s[0];
            cbcsEncrypt(KEY_A, iv, encrypted, pos, s[1], 1, 9);
            pos += s[1];
        }
        assertFalse(Arrays.equals(clear, encrypted));
        SampleEncryptionTable.Builder table = new SampleEncryptionTable.Builder().addProtected(KID_A, iv);
        for (int[] s : map) {
            table.subsample(s[0], s[1]);
        }
        TrackDecryptor d = TrackDecryptor.create(track(ProtectionScheme.CBCS, 1, 9, table, 700), KEYS,
                AesEngines.create(kind));
        d.decrypt(0, encrypted, 0, encrypted.length);
        assertArrayEquals(clear, encrypted);
    }

    /** Audio: pattern 0:0 means every whole block; an 8-byte constant IV is padded with zeros. */
    @Test
    void cbcsWholeSampleWithoutPatternAndEightByteIv() throws Exception {
        byte[] clear = random(333, 3);
        byte[] iv8 = {9, 8, 7, 6, 5, 4, 3, 2};
        byte[] encrypted = clear.clone();
        cbcsEncrypt(KEY_A, Arrays.copyOf(iv8, 16), encrypted, 0, encrypted.length, 1, 0);
        assertArrayEquals(Arrays.copyOfRange(clear, 320, 333), Arrays.copyOfRange(encrypted, 320, 333),
                "the trailing partial block stays clear");
        SampleEncryptionTable.Builder table = new SampleEncryptionTable.Builder().addProtected(KID_A, iv8);
        TrackDecryptor d = TrackDecryptor.create(track(ProtectionScheme.CBCS, 0, 0, table, 333), KEYS);
        d.decrypt(0, encrypted, 0, encrypted.length);
        assertArrayEquals(clear, encrypted);
    }

    @Test
    void clearSamplesAreLeftAloneAndEachSampleUsesItsKey() throws Exception {
        byte[] clear = random(64, 4);
        byte[] iv = fill(0x44);
        byte[] withA = clear.clone();
        byte[] withB = clear.clone();
        cbcsEncrypt(KEY_A, iv, withA, 0, 64, 1, 0);
        cbcsEncrypt(KEY_B, iv, withB, 0, 64, 1, 0);
        SampleEncryptionTable.Builder table = new SampleEncryptionTable.Builder()
                .addClear().addProtected(KID_A, iv).addProtected(KID_B, iv);
        TrackDecryptor d = TrackDecryptor.create(track(ProtectionScheme.CBCS, 0, 0, table, 64), KEYS);
        byte[] untouched = clear.clone();
        d.decrypt(0, untouched, 0, 64);
        assertArrayEquals(clear, untouched);
        d.decrypt(1, withA, 0, 64);
        d.decrypt(2, withB, 0, 64);
        assertArrayEquals(clear, withA);
        assertArrayEquals(clear, withB);
    }

    @Test
    void mapThatDoesNotCoverTheSampleIsRefusedWithItsNumber() throws Exception {
        SampleEncryptionTable.Builder table = new SampleEncryptionTable.Builder()
                .addProtected(KID_A, fill(1)).subsample(4, 60);
        TrackDecryptor d = TrackDecryptor.create(track(ProtectionScheme.CENC, 0, 0, table, 64), KEYS);
        PackagingException e = assertThrows(PackagingException.class, () -> d.decrypt(0, new byte[70], 0, 70));
        assertTrue(e.getMessage().contains("the subsample map of sample 1 covers 64 bytes but the sample has 70"),
                e.getMessage());
        assertTrue(e.getMessage().startsWith("in.mp4 track 1 (video): "), e.getMessage());
    }

    @Test
    void missingKeyIsNamedWithoutShowingAnyKey() throws Exception {
        SampleEncryptionTable.Builder table = new SampleEncryptionTable.Builder().addProtected(fill(0xCC), fill(1));
        Track t = track(ProtectionScheme.CENC, 0, 0, table, 16);
        PackagingException e = assertThrows(PackagingException.class, () -> TrackDecryptor.create(t, KEYS));
        assertEquals("in.mp4 track 1 (video): no decryption key for key ID cccccccccccccccccccccccccccccccc (the track"
                + " is encrypted with 'cenc'; give the key for that key ID)", e.getMessage());
    }

    /** A sample whose protected range ends inside the buffer it is handed never reaches past it. */
    @Test
    void decryptsOnlyWithinTheGivenRange() throws Exception {
        SampleEncryptionTable.Builder table = new SampleEncryptionTable.Builder().addProtected(KID_A, fill(7));
        TrackDecryptor d = TrackDecryptor.create(track(ProtectionScheme.CENC, 0, 0, table, 32), KEYS);
        byte[] buffer = new byte[64];
        d.decrypt(0, buffer, 16, 32);
        for (int i = 0; i < 16; i++) {
            assertEquals(0, buffer[i]);
            assertEquals(0, buffer[48 + i]);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> d.decrypt(0, buffer, 40, 32));
    }

    private Track track(ProtectionScheme scheme, int crypt, int skip, SampleEncryptionTable.Builder table,
                        int sampleSize) throws Exception {
        Path file = tmp.resolve("in.mp4");
        Files.write(file, new byte[0]);
        source = RandomAccessSource.open(file);
        SampleTable.Builder samples = new SampleTable.Builder();
        for (int i = 0; i < table.count(); i++) {
            samples.add(0, sampleSize, i * 1000L, 1000, 0, true);
        }
        TrackFormat format = new TrackFormat(Codec.AVC, "avc1", new byte[0], "avc1.64001f", 16, 16, null, 0, 0, 4,
                new byte[0]);
        TrackEncryption encryption = new TrackEncryption(scheme, "avc1", KID_A, 16, null, crypt, skip, table.build());
        return new Track(source, 1, 90000, "und", format, samples.build(), EditList.NONE, encryption);
    }

    /** Reference cbcs: CBC through the pattern's encrypted blocks only, partial tail clear. */
    private static void cbcsEncrypt(byte[] key, byte[] iv, byte[] data, int off, int len, int crypt, int skip)
            throws Exception {
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        byte[] chain = iv.clone();
        int blocks = len / 16;
        for (int b = 0; b < blocks; b++) {
            if (skip != 0 && b % (crypt + skip) >= crypt) {
                continue;
            }
            int at = off + 16 * b;
            for (int k = 0; k < 16; k++) {
                data[at + k] ^= chain[k];
            }
            ecb.doFinal(data, at, 16, data, at);
            System.arraycopy(data, at, chain, 0, 16);
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] fill(int v) {
        byte[] b = new byte[16];
        Arrays.fill(b, (byte) v);
        return b;
    }
}
