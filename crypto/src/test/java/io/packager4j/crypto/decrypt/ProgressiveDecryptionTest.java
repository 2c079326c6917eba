package io.packager4j.crypto.decrypt;

import io.packager4j.PackagingException;
import io.packager4j.core.media.MediaFile;
import io.packager4j.core.media.SampleTable;
import io.packager4j.core.media.Track;
import io.packager4j.core.mp4.Mp4Reader;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.KeyId;
import io.packager4j.testkit.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A progressive (non-fragmented) {@code cenc} file, made here from bbb_prog_10s.mp4 with the JDK's
 * own AES-CTR: each track gets a {@code sinf} and {@code saiz}/{@code saio} in its {@code stbl}
 * pointing at IVs and subsample maps stored at the end of the file, with absolute offsets, one per
 * chunk for video and one for all the samples for audio. Reading and decrypting it must give back
 * the clear file's samples.
 */
class ProgressiveDecryptionTest {

    private static final byte[] VIDEO_KID = filled(0x01);
    private static final byte[] AUDIO_KID = filled(0x02);
    private static final byte[] VIDEO_KEY = filled(0x0A);
    private static final byte[] AUDIO_KEY = filled(0x0B);
    /** Per video sample: 8-byte IV, subsample count, two (clear u16, protected u32) entries. */
    private static final int VIDEO_AUX = 8 + 2 + 2 * 6;
    private static final int AUDIO_AUX = 16;

    @TempDir
    Path tmp;

    @Test
    void progressiveCencWithSaizSaioDecryptsToTheClearSamples() throws Exception {
        Path clearPath = SharedTestData.mp4ff("bbb_prog_10s.mp4");
        Path encrypted = tmp.resolve("bbb_prog_cenc.mp4");
        Files.write(encrypted, encryptProgressive(clearPath));

        DecryptionKeys keys = DecryptionKeys.builder()
                .add(KeyId.of(VIDEO_KID), ContentKey.of(VIDEO_KEY))
                .add(KeyId.of(AUDIO_KID), ContentKey.of(AUDIO_KEY))
                .build();
        assertFalse(keys.toString().contains("0a0a0a"), "toString shows no key: " + keys);
        try (MediaFile clear = new Mp4Reader().open(clearPath); MediaFile enc = new Mp4Reader().open(encrypted)) {
            assertFalse(enc.fragmented());
            assertEquals(2, enc.tracks().size());
            for (int t = 0; t < 2; t++) {
                Track c = clear.tracks().get(t);
                Track e = enc.tracks().get(t);
                assertTrue(e.isEncrypted());
                assertEquals(c.format().codecs(), e.format().codecs());
                assertArrayEquals(c.format().sampleEntry(), e.format().sampleEntry());
                TrackDecryptor decryptor = TrackDecryptor.create(e, keys);
                SampleTable cs = c.samples();
                for (int i = 0; i < cs.count(); i++) {
                    byte[] sample = TrackDecryptorKnownAnswerTest.read(e, i);
                    byte[] expected = TrackDecryptorKnownAnswerTest.read(c, i);
                    if (expected.length > 16) {
                        assertFalse(Arrays.equals(expected, sample), "sample " + (i + 1) + " was encrypted");
                    }
                    decryptor.decrypt(i, sample, 0, sample.length);
                    assertArrayEquals(expected, sample, e.describe() + " sample " + (i + 1));
                }
            }
            // Each track has its own key ID: a key set with only one of them fails for the other.
            DecryptionKeys videoOnly = DecryptionKeys.of(KeyId.of(VIDEO_KID), ContentKey.of(VIDEO_KEY));
            PackagingException missing = assertThrows(PackagingException.class,
                    () -> TrackDecryptor.create(enc.tracks().get(1), videoOnly));
            assertTrue(missing.getMessage().contains("02020202020202020202020202020202"), missing.getMessage());
        }
    }

    /** The clear file turned into a progressive cenc file (moov is at its end, so no chunk offset moves). */
    private static byte[] encryptProgressive(Path clearPath) throws Exception {
        byte[] file = Files.readAllBytes(clearPath);
        ByteArrayOutputStream videoAux = new ByteArrayOutputStream();
        ByteArrayOutputStream audioAux = new ByteArrayOutputStream();
        int videoChunks;
        try (MediaFile clear = new Mp4Reader().open(clearPath)) {
            Track video = clear.tracks().get(0);
            Track audio = clear.tracks().get(1);
            assertEquals("avc1", video.format().sampleEntryType());
            assertEquals("mp4a", audio.format().sampleEntryType());
            for (int i = 0; i < video.samples().count(); i++) {
                encryptVideoSample(file, (int) video.samples().offset(i), video.samples().size(i), i, videoAux);
            }
            for (int i = 0; i < audio.samples().count(); i++) {
                encryptAudioSample(file, (int) audio.samples().offset(i), audio.samples().size(i), i, audioAux);
            }
        }
        int moov = Boxes.find(file, "moov");
        assertEquals(file.length, moov + Boxes.u32(file, moov), "moov is the last box");
        videoChunks = Boxes.u32(file, Boxes.find(file, "moov", "trak#0", "mdia", "minf", "stbl", "stco") + 12);

        file = protect(file, 0, "avc1", "encv", VIDEO_KID, 8);
        file = protect(file, 1, "mp4a", "enca", AUDIO_KID, 16);
        // saiz: video with a default size, audio with a table of sizes.
        int videoSamples = videoAux.size() / VIDEO_AUX;
        int audioSamples = audioAux.size() / AUDIO_AUX;
        file = addToStbl(file, 0, Boxes.box("saiz", ints(0), new byte[] {VIDEO_AUX}, ints(videoSamples)));
        byte[] sizes = new byte[audioSamples];
        Arrays.fill(sizes, (byte) AUDIO_AUX);
        file = addToStbl(file, 1, Boxes.box("saiz", ints(0), new byte[] {0}, ints(audioSamples), sizes));
        // saio: offsets patched below, once the moov has its final size.
        file = addToStbl(file, 0, Boxes.box("saio", ints(0, videoChunks), new byte[4 * videoChunks]));
        file = addToStbl(file, 1, Boxes.box("saio", ints(0, 1, 0)));

        int auxStart = file.length + 8; // the payload of the 'free' box appended below
        int[] perChunk = samplesPerChunk(file, videoSamples);
        int videoSaio = Boxes.find(file, "moov", "trak#0", "mdia", "minf", "stbl", "saio");
        int offset = auxStart;
        for (int chunk = 0; chunk < videoChunks; chunk++) {
            Boxes.put32(file, videoSaio + 16 + 4 * chunk, offset);
            offset += perChunk[chunk] * VIDEO_AUX;
        }
        int audioSaio = Boxes.find(file, "moov", "trak#1", "mdia", "minf", "stbl", "saio");
        Boxes.put32(file, audioSaio + 16, auxStart + videoAux.size());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(file);
        out.writeBytes(Boxes.box("free", videoAux.toByteArray(), audioAux.toByteArray()));
        return out.toByteArray();
    }

    /** Two subsamples, so one keystream must continue from the first protected range into the second. */
    private static void encryptVideoSample(byte[] file, int offset, int size, int i, ByteArrayOutputStream aux)
            throws Exception {
        int c1 = Math.min(size, 5);
        int p1 = Math.min(size - c1, 21);
        int c2 = Math.min(size - c1 - p1, 3);
        int p2 = size - c1 - p1 - c2;
        byte[] iv8 = ByteBuffer.allocate(8).putInt(0x5EED0000).putInt(i).array();
        Cipher ctr = ctr(VIDEO_KEY, Arrays.copyOf(iv8, 16));
        ctr.update(file, offset + c1, p1, file, offset + c1);
        ctr.update(file, offset + c1 + p1 + c2, p2, file, offset + c1 + p1 + c2);
        aux.writeBytes(iv8);
        aux.writeBytes(ByteBuffer.allocate(14).putShort((short) 2)
                .putShort((short) c1).putInt(p1).putShort((short) c2).putInt(p2).array());
    }

    /** No subsamples: the whole sample is protected; a 16-byte IV whose counter half starts at 0. */
    private static void encryptAudioSample(byte[] file, int offset, int size, int i, ByteArrayOutputStream aux)
            throws Exception {
        byte[] iv16 = ByteBuffer.allocate(16).putLong(0xA0D10L + i).putLong(0).array();
        ctr(AUDIO_KEY, iv16).update(file, offset, size, file, offset);
        aux.writeBytes(iv16);
    }

    private static Cipher ctr(byte[] key, byte[] iv) throws Exception {
        Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return c;
    }

    /** Renames the track's sample entry and appends a cenc sinf to it. */
    private static byte[] protect(byte[] file, int track, String clearType, String encryptedType, byte[] kid,
                                  int ivSize) {
        List<Integer> path = Boxes.findWithParents(file, "moov", "trak#" + track, "mdia", "minf", "stbl", "stsd",
                clearType);
        int entry = path.get(path.size() - 1);
        byte[] sinf = Boxes.box("sinf",
                Boxes.box("frma", ascii(clearType)),
                Boxes.box("schm", ints(0), ascii("cenc"), ints(0x00010000)),
                Boxes.box("schi", Boxes.box("tenc", ints(0), new byte[] {0, 0, 1, (byte) ivSize}, kid)));
        byte[] out = Boxes.insert(file, entry + Boxes.u32(file, entry), sinf, path);
        System.arraycopy(ascii(encryptedType), 0, out, entry + 4, 4);
        return out;
    }

    private static byte[] addToStbl(byte[] file, int track, byte[] box) {
        List<Integer> path = Boxes.findWithParents(file, "moov", "trak#" + track, "mdia", "minf", "stbl");
        int stbl = path.get(path.size() - 1);
        return Boxes.insert(file, stbl + Boxes.u32(file, stbl), box, path);
    }

    /** Samples of each video chunk, from stsc, as the reader expects one saio offset per chunk. */
    private static int[] samplesPerChunk(byte[] file, int samples) {
        int stsc = Boxes.find(file, "moov", "trak#0", "mdia", "minf", "stbl", "stsc");
        int stco = Boxes.find(file, "moov", "trak#0", "mdia", "minf", "stbl", "stco");
        int chunks = Boxes.u32(file, stco + 12);
        int entries = Boxes.u32(file, stsc + 12);
        int[] out = new int[chunks];
        int left = samples;
        for (int chunk = 1; chunk <= chunks; chunk++) {
            int perChunk = 0;
            for (int e = 0; e < entries; e++) {
                if (Boxes.u32(file, stsc + 16 + 12 * e) <= chunk) {
                    perChunk = Boxes.u32(file, stsc + 16 + 12 * e + 4);
                }
            }
            out[chunk - 1] = Math.min(perChunk, left);
            left -= out[chunk - 1];
        }
        return out;
    }

    private static byte[] filled(int value) {
        byte[] b = new byte[16];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Finds and grows boxes in a file's bytes. */
    static final class Boxes {
        private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl");

        static int find(byte[] file, String... path) {
            List<Integer> all = findWithParents(file, path);
            return all.get(all.size() - 1);
        }

        static List<Integer> findWithParents(byte[] file, String... path) {
            List<Integer> found = new ArrayList<>();
            int from = 0;
            int to = file.length;
            for (String element : path) {
                String[] parts = element.split("#");
                int wanted = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
                int at = -1;
                for (int pos = from, seen = 0; pos + 8 <= to && u32(file, pos) >= 8; pos += u32(file, pos)) {
                    if (new String(file, pos + 4, 4, StandardCharsets.ISO_8859_1).equals(parts[0]) && seen++ == wanted) {
                        at = pos;
                        break;
                    }
                }
                if (at < 0) {
                    throw new IllegalArgumentException("no " + element + " in " + String.join("/", path));
                }
                found.add(at);
                to = at + u32(file, at);
                from = at + (CONTAINERS.contains(parts[0]) ? 8 : "stsd".equals(parts[0]) ? 16 : 8);
            }
            return found;
        }

        static byte[] insert(byte[] file, int at, byte[] bytes, List<Integer> parents) {
            byte[] out = new byte[file.length + bytes.length];
            System.arraycopy(file, 0, out, 0, at);
            System.arraycopy(bytes, 0, out, at, bytes.length);
            System.arraycopy(file, at, out, at + bytes.length, file.length - at);
            for (int p : parents) {
                put32(out, p, u32(out, p) + bytes.length);
            }
            return out;
        }

        static byte[] box(String type, byte[]... payload) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] p : payload) {
                out.writeBytes(p);
            }
            return ByteBuffer.allocate(8 + out.size()).putInt(8 + out.size()).put(ascii(type))
                    .put(out.toByteArray()).array();
        }

        static int u32(byte[] b, int at) {
            return ByteBuffer.wrap(b).getInt(at);
        }

        static void put32(byte[] b, int at, int v) {
            ByteBuffer.wrap(b).putInt(at, v);
        }
    }
}
