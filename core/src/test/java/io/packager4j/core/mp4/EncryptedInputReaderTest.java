package io.packager4j.core.mp4;

import io.packager4j.PackagingException;
import io.packager4j.core.media.MediaFile;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.SampleEncryptionTable;
import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackEncryption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static io.packager4j.core.mp4.Mp4Patch.ascii;
import static io.packager4j.core.mp4.Mp4Patch.box;
import static io.packager4j.core.mp4.Mp4Patch.bytes;
import static io.packager4j.core.mp4.Mp4Patch.filled;
import static io.packager4j.core.mp4.Mp4Patch.find;
import static io.packager4j.core.mp4.Mp4Patch.findWithParents;
import static io.packager4j.core.mp4.Mp4Patch.ints;
import static io.packager4j.core.mp4.Mp4Patch.put32;
import static io.packager4j.core.mp4.Mp4Patch.putType;
import static io.packager4j.core.mp4.Mp4Patch.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading Common Encryption input: the {@code sinf}/{@code tenc} of real encrypted files, their
 * per-sample {@code senc} information, {@code seig} sample groups, and every way a damaged file
 * must be refused with a {@link PackagingException} that names the file, track and box.
 */
class EncryptedInputReaderTest {

    private static final String CENC = "prog_8s_enc_dashinit.mp4";
    private static final String CBCS = "cbcs.mp4";
    private static final String CBCS_AUDIO = "cbcs_audio.mp4";
    private static final String[] VIDEO_SINF = {"moov", "trak#0", "mdia", "minf", "stbl", "stsd", "encv", "sinf"};
    private static final String[] AUDIO_SINF = {"moov", "trak#0", "mdia", "minf", "stbl", "stsd", "enca", "sinf"};

    @TempDir
    Path tmp;

    @Test
    void cencFileDescribesBothTracks() throws Exception {
        try (MediaFile f = new Mp4Reader().open(Mp4ReaderErrorsTest.shared(CENC))) {
            assertEquals(2, f.tracks().size());
            for (Track t : f.tracks()) {
                TrackEncryption e = t.encryption();
                assertTrue(t.isEncrypted());
                assertEquals(ProtectionScheme.CENC, e.scheme());
                assertEquals("cd7eb9ff88f34caeb06185b00024e4c2", HexFormat.of().formatHex(e.defaultKeyId()));
                assertEquals(8, e.defaultPerSampleIvSize());
                assertNull(e.defaultConstantIv());
                assertEquals(t.samples().count(), e.samples().count());
                assertEquals(1, e.samples().keyIdCount());
                assertSubsamplesCoverSamples(t);
            }
            Track video = f.tracks().get(0);
            assertEquals("avc1", video.encryption().originalFormat());
            assertEquals("avc1", video.format().sampleEntryType());
            assertEquals("avc1.64001e", video.format().codecs());
            assertTrue(video.encryption().samples().subsampleCount(0) > 0, "video has subsample maps");
            Track audio = f.tracks().get(1);
            assertEquals("mp4a", audio.format().sampleEntryType());
            assertEquals(0, audio.encryption().samples().subsampleCount(0), "audio is protected whole");
            byte[] iv = new byte[16];
            audio.encryption().samples().copyIv(0, iv);
            assertEquals("bb5738fe08f113410000000000000000", HexFormat.of().formatHex(iv));
            assertEquals(8, audio.encryption().samples().ivSize(0));
        }
    }

    @Test
    void cbcsFileHasPatternAndConstantIv() throws Exception {
        try (MediaFile f = new Mp4Reader().open(Mp4ReaderErrorsTest.shared(CBCS))) {
            assertEquals(1, f.tracks().size(), "the c608 caption track is left out, as before");
            Track video = f.tracks().get(0);
            TrackEncryption e = video.encryption();
            assertEquals(ProtectionScheme.CBCS, e.scheme());
            assertEquals(1, e.cryptByteBlock());
            assertEquals(9, e.skipByteBlock());
            assertEquals(0, e.defaultPerSampleIvSize());
            assertEquals("cbe3327da85a1e7a74496db552dfe6d0", HexFormat.of().formatHex(e.defaultConstantIv()));
            assertEquals("avc1", video.format().sampleEntryType());
            assertEquals(16, e.samples().ivSize(0));
            assertSubsamplesCoverSamples(video);
        }
        try (MediaFile f = new Mp4Reader().open(Mp4ReaderErrorsTest.shared(CBCS_AUDIO))) {
            TrackEncryption e = f.tracks().get(0).encryption();
            assertArrayEquals(new byte[16], e.defaultKeyId());
            assertEquals(0, e.cryptByteBlock());
            assertEquals(0, e.skipByteBlock());
            assertEquals("mp4a.40.2", f.tracks().get(0).format().codecs());
        }
    }

    @Test
    void clearTwinsAreStillClear() throws Exception {
        for (String name : List.of("prog_8s_dec_dashinit.mp4", "cbcsdec.mp4", "cbcs_audiodec.mp4", "bbb_prog_10s.mp4")) {
            try (MediaFile f = new Mp4Reader().open(Mp4ReaderErrorsTest.shared(name))) {
                for (Track t : f.tracks()) {
                    assertFalse(t.isEncrypted(), name);
                }
            }
        }
    }

    // ---- sinf / schm / tenc ----

    @Test
    void unsupportedSchemeIsNamed() throws Exception {
        byte[] f = real(CENC);
        int schm = find(f, with(VIDEO_SINF, "schm"));
        System.arraycopy(ascii("cens"), 0, f, schm + 12, 4);
        assertRefused(f, "crafted.mp4 track 2 (video): protection scheme 'cens' is not supported (supported: cenc, cbcs)");
    }

    @Test
    void ivSizeFiveIsRefused() throws Exception {
        byte[] f = real(CENC);
        int tenc = find(f, with(VIDEO_SINF, "schi", "tenc"));
        f[tenc + 8 + 7] = 5;
        assertRefused(f, "track 2 (video): the 'encv' sample entry: its 'tenc' box has a per-sample IV size of 5 bytes");
    }

    @Test
    void constantIvSizeFiveIsRefused() throws Exception {
        byte[] f = real(CBCS);
        int tenc = find(f, with(VIDEO_SINF, "schi", "tenc"));
        f[tenc + 8 + 4 + 20] = 5;
        assertRefused(f, "'tenc' box has a constant IV of 5 bytes (must be 8 or 16)");
    }

    @Test
    void cencWithoutPerSampleIvIsRefused() throws Exception {
        byte[] f = real(CENC);
        String[] audioSinf = AUDIO_SINF.clone();
        audioSinf[1] = "trak#1";
        int tenc = find(f, with(audioSinf, "schi", "tenc"));
        f[tenc + 8 + 7] = 0; // IV size 0: a constant IV would follow, but cenc has none
        assertRefused(f, "track 1 (audio)");
    }

    @Test
    void tencVersionTwoIsRefused() throws Exception {
        byte[] f = real(CENC);
        f[find(f, with(VIDEO_SINF, "schi", "tenc")) + 8] = 2;
        assertRefused(f, "'tenc' box has version 2");
    }

    @Test
    void tencLargerThanItsParentIsRefused() throws Exception {
        byte[] f = real(CENC);
        put32(f, find(f, with(VIDEO_SINF, "schi", "tenc")), 4096);
        assertRefused(f, "box 'tenc' declares 4096 bytes but only 32 remain");
    }

    @Test
    void tencCutShortIsRefused() throws Exception {
        byte[] f = real(CENC);
        int tenc = find(f, with(VIDEO_SINF, "schi", "tenc"));
        // tenc keeps 16 bytes; the other 16 become a 'free' box inside schi.
        put32(f, tenc, 16);
        put32(f, tenc + 16, 16);
        putType(f, tenc + 16, "free");
        assertRefused(f, "its 'tenc' box is cut off: 4 bytes where at least 20 are needed");
    }

    @Test
    void hugeSinfIsRefusedBeforeAnythingIsAllocated() throws Exception {
        byte[] f = real(CENC);
        put32(f, find(f, VIDEO_SINF), 0x7FFFFFF0L);
        PackagingException e = assertRefused(f, "box 'sinf' declares 2147483632 bytes");
        assertTrue(e.getMessage().startsWith("crafted.mp4: 'trak' box at offset "), e.getMessage());
    }

    @Test
    void missingFrmaIsRefused() throws Exception {
        byte[] f = real(CBCS);
        putType(f, find(f, with(VIDEO_SINF, "frma")), "frmz");
        assertRefused(f, "track 1 (video): the 'encv' sample entry: its 'sinf' box has no 'frma' box");
    }

    @Test
    void missingSinfIsRefused() throws Exception {
        byte[] f = real(CBCS_AUDIO);
        putType(f, find(f, AUDIO_SINF), "free");
        assertRefused(f, "track 1 (audio): the 'enca' sample entry has no 'sinf' box");
    }

    @Test
    void unsupportedOriginalFormatIsNamed() throws Exception {
        byte[] f = real(CBCS);
        int frma = find(f, with(VIDEO_SINF, "frma"));
        System.arraycopy(ascii("vp09"), 0, f, frma + 8, 4);
        assertRefused(f, "unsupported codec 'vp09' (original format of the 'encv' entry");
    }

    // ---- senc ----

    @Test
    void sencSampleCountMustMatchTheTrackRuns() throws Exception {
        byte[] f = real(CENC);
        int senc = find(f, "moof", "traf#0", "senc");
        put32(f, senc + 12, 149);
        assertRefused(f, "crafted.mp4 track 2 (video): the track fragment in the 'moof' box at offset 1518: 'senc' box at offset "
                + senc + " describes 149 samples but the track runs of its fragment have 150");
    }

    @Test
    void subsamplesMustAddUpToTheSampleSize() throws Exception {
        byte[] f = real(CENC);
        int senc = find(f, "moof", "traf#0", "senc");
        // flags, count, 8-byte IV, subsample count, clear bytes: then the first protected length.
        int protectedAt = senc + 8 + 8 + 8 + 2 + 2;
        put32(f, protectedAt, u32(f, protectedAt) + 1);
        assertRefused(f, "the subsamples of sample 1 cover 3093 bytes but the sample has 3092");
    }

    @Test
    void subsampleCountBeyondTheBoxIsRefused() throws Exception {
        byte[] f = real(CENC);
        int senc = find(f, "moof", "traf#0", "senc");
        f[senc + 24] = (byte) 0xFF;
        f[senc + 25] = (byte) 0xFF;
        assertRefused(f, "gives sample 1 65535 subsamples but holds only");
    }

    @Test
    void sencWithMoreBytesThanItsSamplesNeedIsRefused() throws Exception {
        byte[] f = real(CBCS_AUDIO);
        int senc = find(f, "moof", "traf", "senc");
        f[senc + 11] = 0; // no subsample flag: the maps become leftovers
        assertRefused(f, "holds 3744 bytes more than its 468 samples need (wrong IV size?)");
    }

    @Test
    void piffOverrideFlagIsRefused() throws Exception {
        byte[] f = real(CBCS_AUDIO);
        f[find(f, "moof", "traf", "senc") + 11] = 3;
        assertRefused(f, "overrides the track's encryption parameters (flag 0x1, as in PIFF)");
    }

    // ---- saiz / saio without senc ----

    @Test
    void withoutSencTheAuxiliaryInformationIsReadThroughSaio() throws Exception {
        byte[] original = real(CENC);
        byte[] f = original.clone();
        renameAll(f, "senc", "free");
        try (MediaFile a = open(original, "with_senc.mp4"); MediaFile b = open(f, "no_senc.mp4")) {
            for (int t = 0; t < 2; t++) {
                assertSameTable(a.tracks().get(t).encryption().samples(), b.tracks().get(t).encryption().samples());
            }
        }
    }

    @Test
    void saioBeyondTheFileIsRefused() throws Exception {
        byte[] f = real(CENC);
        renameAll(f, "senc", "free");
        int saio = find(f, "moof", "traf#0", "saio");
        put32(f, saio + 8 + 12, 0x7FFFFFFFL); // version 1: a 64-bit offset, low word
        assertRefused(f, "beyond the end of the file");
    }

    @Test
    void saizCountMustMatch() throws Exception {
        byte[] f = real(CENC);
        renameAll(f, "senc", "free");
        int saiz = find(f, "moof", "traf#0", "saiz");
        put32(f, saiz + 13, 149);
        assertRefused(f, "'saiz' describes 149 samples but there are 150");
    }

    @Test
    void noAuxiliaryInformationAtAllIsRefused() throws Exception {
        byte[] f = real(CENC);
        renameAll(f, "senc", "free");
        renameAll(f, "saiz", "free");
        renameAll(f, "saio", "free");
        assertRefused(f, "no 'senc' box and no 'saiz'/'saio' sample auxiliary information, but sample 1 is"
                + " protected and needs its 8-byte per-sample IV");
    }

    // ---- seig sample groups ----

    @Test
    void seigGroupsMakeSamplesClearOrChangeTheirKey() throws Exception {
        byte[] f = withSampleGroups(real(CBCS_AUDIO), 0x10001, 0x10002);
        try (MediaFile m = open(f, "groups.mp4")) {
            SampleEncryptionTable s = m.tracks().get(0).encryption().samples();
            for (int i = 0; i < 10; i++) {
                assertFalse(s.isProtected(i), "sample " + i + " is in the clear group");
            }
            for (int i = 10; i < 15; i++) {
                assertArrayEquals(filled(16, 0x11), s.keyId(i));
            }
            assertArrayEquals(new byte[16], s.keyId(15), "samples past the mapping keep the tenc key ID");
            assertEquals(2, s.keyIdCount());
            byte[] iv = new byte[16];
            s.copyIv(10, iv);
            assertArrayEquals(filled(16, 0x22), iv, "the group's constant IV");
        }
    }

    @Test
    void seigGroupThatDoesNotExistIsRefused() throws Exception {
        assertRefused(withSampleGroups(real(CBCS_AUDIO), 0x10001, 0x10003),
                "'sbgp' maps sample 11 to 'seig' group description 65539, which does not exist (2 in the fragment's 'sgpd')");
        assertRefused(withSampleGroups(real(CBCS_AUDIO), 1, 0x10002),
                "'sbgp' maps sample 1 to 'seig' group description 1, which does not exist (0 in the track's 'sgpd')");
    }

    // ---- damage anywhere in the metadata ----

    @Test
    void damagedEncryptedFilesFailCleanly() throws Exception {
        for (String name : List.of(CENC, CBCS, CBCS_AUDIO)) {
            byte[] bytes = real(name);
            int metadataEnd = find(bytes, "moof") + u32(bytes, find(bytes, "moof"));
            Random random = new Random(name.hashCode());
            for (int i = 0; i < Integer.getInteger("packager4j.fuzz.iterations", 40); i++) {
                byte[] damaged = bytes.clone();
                for (int k = 0; k < 4; k++) {
                    damaged[random.nextInt(metadataEnd)] = (byte) random.nextInt(256);
                }
                Path file = tmp.resolve("damaged-" + i + ".mp4");
                Files.write(file, damaged);
                try (MediaFile ignored = new Mp4Reader().open(file)) {
                    // Harmless damage (e.g. inside a name or a key ID) may still open.
                } catch (PackagingException e) {
                    assertTrue(e.getMessage().startsWith("damaged-" + i + ".mp4"), e.getMessage());
                }
            }
        }
    }

    // ---- helpers ----

    /**
     * Adds to cbcs_audio.mp4's track fragment an sgpd with two seig entries (clear; protected with
     * key ID 11..11 and constant IV 22..22) and an sbgp mapping samples 1-10 and 11-15 to the given
     * group description indexes. The track runs' data offsets move with the inserted bytes.
     */
    private static byte[] withSampleGroups(byte[] f, int firstIndex, int secondIndex) {
        byte[] clear = bytes(0, 0, 0, 0);
        byte[] protectedEntry = concat(bytes(0, 0, 1, 0), filled(16, 0x11), bytes(16), filled(16, 0x22));
        byte[] sgpd = box("sgpd", ints(0x01000000), ascii("seig"), ints(0, 2),
                ints(20), clear, new byte[16], ints(protectedEntry.length), protectedEntry);
        byte[] sbgp = box("sbgp", ints(0), ascii("seig"), ints(2, 10, firstIndex, 5, secondIndex));
        byte[] added = concat(sgpd, sbgp);
        List<Integer> parents = findWithParents(f, "moof", "traf");
        int traf = parents.get(1);
        int end = traf + u32(f, traf);
        byte[] out = Mp4Patch.insert(f, end, added, parents);
        for (int i = 0; ; i++) {
            int trun;
            try {
                trun = find(out, "moof", "traf", "trun#" + i);
            } catch (IllegalArgumentException noMore) {
                break;
            }
            put32(out, trun + 16, u32(out, trun + 16) + added.length);
        }
        return out;
    }

    private static void assertSubsamplesCoverSamples(Track t) {
        SampleEncryptionTable s = t.encryption().samples();
        for (int i = 0; i < s.count(); i++) {
            if (s.subsampleCount(i) == 0) {
                continue;
            }
            long total = 0;
            for (int j = 0; j < s.subsampleCount(i); j++) {
                total += s.clearBytes(i, j) + (long) s.protectedBytes(i, j);
            }
            assertEquals(t.samples().size(i), total, "sample " + (i + 1));
        }
    }

    private static void assertSameTable(SampleEncryptionTable a, SampleEncryptionTable b) {
        assertEquals(a.count(), b.count());
        byte[] ivA = new byte[16];
        byte[] ivB = new byte[16];
        for (int i = 0; i < a.count(); i++) {
            assertEquals(a.isProtected(i), b.isProtected(i));
            a.copyIv(i, ivA);
            b.copyIv(i, ivB);
            assertArrayEquals(ivA, ivB);
            assertEquals(a.subsampleCount(i), b.subsampleCount(i));
            for (int j = 0; j < a.subsampleCount(i); j++) {
                assertEquals(a.clearBytes(i, j), b.clearBytes(i, j));
                assertEquals(a.protectedBytes(i, j), b.protectedBytes(i, j));
            }
        }
    }

    private static byte[] real(String name) throws Exception {
        return Files.readAllBytes(Mp4ReaderErrorsTest.shared(name));
    }

    private MediaFile open(byte[] content, String name) throws Exception {
        Path file = tmp.resolve(name);
        Files.write(file, content);
        return new Mp4Reader().open(file);
    }

    private PackagingException assertRefused(byte[] content, String expectedPart) throws Exception {
        Path file = tmp.resolve("crafted.mp4");
        Files.write(file, content);
        PackagingException e = assertThrows(PackagingException.class, () -> new Mp4Reader().open(file).close());
        assertTrue(e.getMessage().contains(expectedPart), "message was: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("crafted.mp4"), "names the file: " + e.getMessage());
        return e;
    }

    private static void renameAll(byte[] f, String from, String to) {
        byte[] a = ascii(from);
        for (int i = 4; i + 4 <= f.length; i++) {
            if (Arrays.equals(f, i, i + 4, a, 0, 4)) {
                putType(f, i - 4, to);
            }
        }
    }

    private static String[] with(String[] path, String... more) {
        String[] out = Arrays.copyOf(path, path.length + more.length);
        System.arraycopy(more, 0, out, path.length, more.length);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        return Mp4ReaderErrorsTest.concat(parts);
    }
}
