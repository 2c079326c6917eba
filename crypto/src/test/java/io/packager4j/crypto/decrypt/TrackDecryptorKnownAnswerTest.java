package io.packager4j.crypto.decrypt;

import io.packager4j.PackagingException;
import io.packager4j.core.media.MediaFile;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.SampleTable;
import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackFormat;
import io.packager4j.core.mp4.Mp4Reader;
import io.packager4j.crypto.AesEngines;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.KeyId;
import io.packager4j.testkit.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decrypting the encrypted mp4ff files gives exactly the samples of their decrypted twins: that
 * proves the reader (sinf, tenc, senc, saiz/saio) and the decryptor (cenc CTR across subsamples,
 * cbcs pattern per subsample) together, against files written by other tools.
 */
class TrackDecryptorKnownAnswerTest {

    private static final String CENC_KEY = "63cb5f7184dd4b689a5c5ff11ee6a328";
    private static final String CBCS_KEY = "22bdb0063805260307ee5045c0f3835a";
    private static final String CBCS_AUDIO_KEY = "5ffd93861fa776e96cccd934898fc1c8";
    private static final String ZERO_KID = "00000000000000000000000000000000";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(AesEngines.Kind.class)
    void cencVideoAndAudio(AesEngines.Kind engine) throws Exception {
        Path enc = SharedTestData.mp4ff("prog_8s_enc_dashinit.mp4");
        Path dec = SharedTestData.mp4ff("prog_8s_dec_dashinit.mp4");
        assertDecryptsTo(enc, dec, keysFor(enc, CENC_KEY), engine, ProtectionScheme.CENC, 2);
    }

    @ParameterizedTest
    @EnumSource(AesEngines.Kind.class)
    void cbcsVideo(AesEngines.Kind engine) throws Exception {
        Path enc = SharedTestData.mp4ff("cbcs.mp4");
        Path dec = SharedTestData.mp4ff("cbcsdec.mp4");
        // The file's c608 caption track is neither audio nor video: the reader leaves it out.
        assertDecryptsTo(enc, dec, keysFor(enc, CBCS_KEY), engine, ProtectionScheme.CBCS, 1);
    }

    @ParameterizedTest
    @EnumSource(AesEngines.Kind.class)
    void cbcsAudioWithAllZeroKeyId(AesEngines.Kind engine) throws Exception {
        Path enc = SharedTestData.mp4ff("cbcs_audio.mp4");
        Path dec = SharedTestData.mp4ff("cbcs_audiodec.mp4");
        DecryptionKeys keys = DecryptionKeys.builder().add(ZERO_KID, CBCS_AUDIO_KEY).build();
        assertDecryptsTo(enc, dec, keys, engine, ProtectionScheme.CBCS, 1);
        try (MediaFile f = new Mp4Reader().open(enc)) {
            Track t = f.tracks().get(0);
            assertEquals(0, t.encryption().cryptByteBlock());
            assertEquals(0, t.encryption().skipByteBlock());
            assertEquals(1, t.encryption().samples().subsampleCount(0));
        }
    }

    /**
     * Without its {@code senc} boxes (renamed to {@code free}), the file still has {@code saiz} and
     * {@code saio}, which point at the same bytes: the reader finds the IVs and subsamples there.
     */
    @Test
    void cencThroughSaizSaioWithoutSenc() throws Exception {
        Path enc = SharedTestData.mp4ff("prog_8s_enc_dashinit.mp4");
        Path dec = SharedTestData.mp4ff("prog_8s_dec_dashinit.mp4");
        byte[] bytes = Files.readAllBytes(enc);
        int renamed = renameBoxes(bytes, "senc", "free");
        assertEquals(4, renamed, "the file has one senc per track fragment");
        Path noSenc = tmp.resolve("no_senc.mp4");
        Files.write(noSenc, bytes);
        assertDecryptsTo(noSenc, dec, keysFor(enc, CENC_KEY), AesEngines.defaultKind(), ProtectionScheme.CENC, 2);
    }

    @Test
    void cbcsThroughSaizSaioWithoutSenc() throws Exception {
        Path enc = SharedTestData.mp4ff("cbcs.mp4");
        byte[] bytes = Files.readAllBytes(enc);
        assertEquals(2, renameBoxes(bytes, "senc", "free"));
        Path noSenc = tmp.resolve("cbcs_no_senc.mp4");
        Files.write(noSenc, bytes);
        assertDecryptsTo(noSenc, SharedTestData.mp4ff("cbcsdec.mp4"), keysFor(enc, CBCS_KEY),
                AesEngines.defaultKind(), ProtectionScheme.CBCS, 1);
    }

    @Test
    void wrongKeyGivesDifferentSamples() throws Exception {
        Path enc = SharedTestData.mp4ff("cbcs.mp4");
        Path dec = SharedTestData.mp4ff("cbcsdec.mp4");
        DecryptionKeys wrong = keysFor(enc, "00112233445566778899aabbccddeeff");
        try (MediaFile e = new Mp4Reader().open(enc); MediaFile d = new Mp4Reader().open(dec)) {
            Track encrypted = e.tracks().get(0);
            Track clear = d.tracks().get(0);
            TrackDecryptor decryptor = TrackDecryptor.create(encrypted, wrong);
            int differing = 0;
            for (int i = 0; i < encrypted.samples().count(); i++) {
                byte[] sample = read(encrypted, i);
                decryptor.decrypt(i, sample, 0, sample.length);
                if (!Arrays.equals(sample, read(clear, i))) {
                    differing++;
                }
            }
            assertTrue(differing > encrypted.samples().count() / 2, differing + " samples differ");
        }
    }

    @Test
    void missingKeyNamesTrackAndKeyId() throws Exception {
        Path enc = SharedTestData.mp4ff("prog_8s_enc_dashinit.mp4");
        try (MediaFile f = new Mp4Reader().open(enc)) {
            Track video = f.tracks().get(0);
            DecryptionKeys other = DecryptionKeys.builder().add("0123456789abcdef0123456789abcdef", CENC_KEY).build();
            PackagingException e = assertThrows(PackagingException.class, () -> TrackDecryptor.create(video, other));
            assertTrue(e.getMessage().startsWith(video.describe() + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("cd7eb9ff88f34caeb06185b00024e4c2"), e.getMessage());
            assertFalse(e.getMessage().contains(CENC_KEY), "never shows a key: " + e.getMessage());
            assertThrows(PackagingException.class, () -> TrackDecryptor.create(video, DecryptionKeys.none()));
        }
    }

    @Test
    void clearTrackIsRefused() throws Exception {
        Path clear = SharedTestData.mp4ff("prog_8s_dec_dashinit.mp4");
        try (MediaFile f = new Mp4Reader().open(clear)) {
            assertFalse(f.tracks().get(0).isEncrypted());
            assertThrows(IllegalArgumentException.class,
                    () -> TrackDecryptor.create(f.tracks().get(0), DecryptionKeys.none()));
        }
    }

    /** The decryptor checks the map against the length it is handed, as the reader did against the file. */
    @Test
    void lengthThatDisagreesWithTheSubsampleMapIsRefused() throws Exception {
        Path enc = SharedTestData.mp4ff("prog_8s_enc_dashinit.mp4");
        try (MediaFile f = new Mp4Reader().open(enc)) {
            Track video = f.tracks().get(0);
            TrackDecryptor decryptor = TrackDecryptor.create(video, keysFor(enc, CENC_KEY));
            assertTrue(video.encryption().samples().subsampleCount(3) > 0);
            byte[] sample = read(video, 3);
            byte[] longer = Arrays.copyOf(sample, sample.length + 1);
            PackagingException e = assertThrows(PackagingException.class,
                    () -> decryptor.decrypt(3, longer, 0, longer.length));
            assertTrue(e.getMessage().contains("sample 4"), e.getMessage());
            assertThrows(PackagingException.class, () -> decryptor.decrypt(video.samples().count(), sample, 0, 1));
        }
    }

    private static void assertDecryptsTo(Path encPath, Path decPath, DecryptionKeys keys, AesEngines.Kind engine,
                                         ProtectionScheme scheme, int tracks) throws Exception {
        try (MediaFile enc = new Mp4Reader().open(encPath); MediaFile dec = new Mp4Reader().open(decPath)) {
            assertEquals(tracks, enc.tracks().size());
            assertEquals(tracks, dec.tracks().size());
            for (int t = 0; t < tracks; t++) {
                Track encrypted = enc.tracks().get(t);
                Track clear = dec.tracks().get(t);
                assertEquals(clear.trackId(), encrypted.trackId());
                assertTrue(encrypted.isEncrypted(), encrypted.describe());
                assertFalse(clear.isEncrypted(), clear.describe());
                assertEquals(scheme, encrypted.encryption().scheme());
                assertSameFormat(clear.format(), encrypted.format());
                assertEquals(encrypted.format().sampleEntryType(), encrypted.encryption().originalFormat());

                SampleTable es = encrypted.samples();
                SampleTable cs = clear.samples();
                assertEquals(cs.count(), es.count(), encrypted.describe() + " sample count");
                assertEquals(es.count(), encrypted.encryption().samples().count());
                TrackDecryptor decryptor = TrackDecryptor.create(encrypted, keys, AesEngines.create(engine));
                int protectedSamples = 0;
                for (int i = 0; i < es.count(); i++) {
                    assertEquals(cs.size(i), es.size(i), "size of sample " + (i + 1));
                    byte[] sample = read(encrypted, i);
                    // Decrypt inside a larger buffer, as the segment writer does.
                    byte[] buffer = new byte[sample.length + 7];
                    System.arraycopy(sample, 0, buffer, 3, sample.length);
                    decryptor.decrypt(i, buffer, 3, sample.length);
                    byte[] expected = read(clear, i);
                    assertArrayEquals(expected, Arrays.copyOfRange(buffer, 3, 3 + sample.length),
                            encrypted.describe() + " sample " + (i + 1));
                    if (encrypted.encryption().samples().isProtected(i)) {
                        protectedSamples++;
                    }
                }
                assertTrue(protectedSamples > 0, "some samples are encrypted");
            }
        }
    }

    private static void assertSameFormat(TrackFormat expected, TrackFormat actual) {
        assertEquals(expected.codec(), actual.codec());
        assertEquals(expected.sampleEntryType(), actual.sampleEntryType());
        assertEquals(expected.codecs(), actual.codecs());
        assertArrayEquals(expected.sampleEntry(), actual.sampleEntry(), "clear sample entry bytes");
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        assertEquals(expected.channels(), actual.channels());
        assertEquals(expected.sampleRate(), actual.sampleRate());
        assertArrayEquals(expected.decoderConfig(), actual.decoderConfig());
    }

    /** Keys for the file's tenc key ID (read from the file, so the test does not restate it). */
    private static DecryptionKeys keysFor(Path file, String key) throws PackagingException {
        try (MediaFile f = new Mp4Reader().open(file)) {
            byte[] kid = f.tracks().get(0).encryption().defaultKeyId();
            assertNotNull(kid);
            return DecryptionKeys.of(KeyId.of(kid), ContentKey.parse(key));
        }
    }

    static byte[] read(Track track, int i) throws PackagingException {
        ByteBuffer b = ByteBuffer.allocate(track.samples().size(i));
        track.source().readFully(track.samples().offset(i), b);
        return b.array();
    }

    /** Renames every box of type {@code from} found by a byte search (the types are not in media here). */
    private static int renameBoxes(byte[] file, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(StandardCharsets.US_ASCII);
        int n = 0;
        for (int i = 4; i + 4 <= file.length; i++) {
            if (Arrays.equals(file, i, i + 4, f, 0, 4)) {
                System.arraycopy(t, 0, file, i, 4);
                n++;
            }
        }
        return n;
    }

}
