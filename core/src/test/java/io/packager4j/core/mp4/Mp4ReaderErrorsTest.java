package io.packager4j.core.mp4;

import io.packager4j.PackagingException;
import io.packager4j.core.media.MediaFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input gets a {@link PackagingException} that says what and where, and nothing else: no other
 * exception type, no huge allocation, whatever the bytes.
 */
class Mp4ReaderErrorsTest {

    @TempDir
    Path tmp;

    @Test
    void emptyFile() throws Exception {
        assertRefused(new byte[0], "empty.mp4: the file is empty");
    }

    @Test
    void textFileIsNotAnMp4() throws Exception {
        assertRefused("hello, this is not a video\n".getBytes(StandardCharsets.US_ASCII),
                "not an MP4 file");
    }

    @Test
    void boxSmallerThanItsHeader() throws Exception {
        byte[] file = concat(box("ftyp", new byte[8]), u32(4), ascii("mdat"));
        assertRefused(file, "box 'mdat' at offset 16 declares 4 bytes, less than its own 8-byte header");
    }

    @Test
    void boxLargerThanTheFile() throws Exception {
        byte[] file = concat(box("ftyp", new byte[8]), u32(1000), ascii("moov"), new byte[20]);
        assertRefused(file, "box 'moov' at offset 16 declares 1000 bytes but only 28 remain in the file");
    }

    @Test
    void noMoov() throws Exception {
        assertRefused(concat(box("ftyp", new byte[8]), box("mdat", new byte[100])),
                "no 'moov' box: not a complete MP4 file (top-level boxes: ftyp, mdat)");
    }

    @Test
    void moovInsideItself() throws Exception {
        byte[] file = concat(box("ftyp", new byte[8]), box("moov", box("moov", new byte[0])));
        assertRefused(file, "'moov' box at offset 24 (moov/moov) is nested inside a box of its own type");
    }

    @Test
    void moovWithoutTracks() throws Exception {
        byte[] mvhd = box("mvhd", new byte[100]);
        assertRefused(concat(box("ftyp", new byte[8]), box("moov", mvhd)), "no audio or video track");
    }

    @Test
    void sampleSizeCountThatCannotFit() throws Exception {
        // stsz: version/flags, sample_size 0, sample_count 2^31-1, but only two entries of bytes.
        byte[] stsz = box("stsz", concat(new byte[4], u32(0), u32(Integer.MAX_VALUE), new byte[8]));
        byte[] trak = box("trak", box("mdia", box("minf", box("stbl", stsz))));
        byte[] file = concat(box("ftyp", new byte[8]), box("moov", trak));
        assertRefused(file, "'stsz' box at offset 56 (moov/trak[1]/mdia/minf/stbl/stsz) declares 2147483647 entries"
                + " of 4 bytes but holds only 8 bytes");
    }

    @Test
    void sampleTableEntriesPerFileAreBounded() throws Exception {
        // Two tables of 6 entries each fit their boxes, but not a budget of 10 entries per file.
        byte[] stts = box("stts", concat(new byte[4], u32(6), new byte[6 * 8]));
        byte[] stsz = box("stsz", concat(new byte[4], u32(0), u32(6), new byte[6 * 4]));
        byte[] trak = box("trak", box("mdia", box("minf", box("stbl", concat(stts, stsz)))));
        Path file = tmp.resolve("crafted.mp4");
        Files.write(file, concat(box("ftyp", new byte[8]), box("moov", trak)));
        ReaderLimits limits = ReaderLimits.DEFAULT.withMaxSampleTableEntries(10);
        PackagingException e = assertThrows(PackagingException.class, () -> new Mp4Reader(limits).open(file).close());
        assertEquals("crafted.mp4: 'stsz' box at offset 120 (moov/trak[1]/mdia/minf/stbl/stsz) brings the file's"
                + " sample-table entries to 12, more than the 10 allowed per file", e.getMessage());
    }

    @Test
    void constantSampleSizeCountBeyondTheFile() throws Exception {
        // No size table, so only the file's own size bounds the count before arrays are sized from it.
        byte[] stsz = box("stsz", concat(new byte[4], u32(100), u32(1000)));
        byte[] trak = box("trak", box("mdia", box("minf", box("stbl", stsz))));
        assertRefused(concat(box("ftyp", new byte[8]), box("moov", trak)), "'stsz' box at offset 56"
                + " (moov/trak[1]/mdia/minf/stbl/stsz) declares 1000 samples of 100 bytes, 100000 bytes in all,"
                + " more than the whole file (76 bytes)");
    }

    @Test
    void nestedBoxOfSizeZeroIsRefused() throws Exception {
        byte[] trak = concat(u32(0), ascii("trak"), new byte[8]);
        assertRefused(concat(box("ftyp", new byte[8]), box("moov", trak)), "box 'trak' at offset 24 (in moov)"
                + " declares size 0 (\"to the end of the file\"), which only a top-level box may");
    }

    /** A real file cut at many points, and with random bytes overwritten: only our own exception. */
    @Test
    void damagedRealFilesFailCleanly() throws Exception {
        Path real = shared("bbb_prog_10s.mp4");
        byte[] bytes = Files.readAllBytes(real);
        Random random = new Random(20261121);
        for (int i = 0; i < 60; i++) {
            int cut = i < 30 ? random.nextInt(bytes.length) : bytes.length;
            byte[] damaged = Arrays.copyOf(bytes, cut);
            if (i >= 30) {
                int moovEnd = Math.min(damaged.length, 20_000); // the metadata is near the start
                for (int k = 0; k < 8; k++) {
                    damaged[random.nextInt(moovEnd)] = (byte) random.nextInt(256);
                }
            }
            Path file = tmp.resolve("damaged-" + i + ".mp4");
            Files.write(file, damaged);
            try (MediaFile ignored = new Mp4Reader().open(file)) {
                // Some damage is harmless (inside media bytes): opening may then succeed.
            } catch (PackagingException e) {
                assertTrue(e.getMessage().startsWith("damaged-" + i + ".mp4: "), e.getMessage());
            }
        }
    }

    @Test
    void truncatedRealFileNamesTheBoxAndOffset() throws Exception {
        Path real = shared("bbb_prog_10s.mp4");
        byte[] bytes = Files.readAllBytes(real);
        PackagingException e = assertRefused(Arrays.copyOf(bytes, bytes.length - 1000), "truncated file?");
        assertTrue(e.getMessage().matches(".*box '\\w{4}' at offset \\d+ declares \\d+ bytes but only \\d+ remain.*"),
                e.getMessage());
    }

    private PackagingException assertRefused(byte[] content, String expectedPart) throws Exception {
        String name = content.length == 0 ? "empty.mp4" : "crafted.mp4";
        Path file = tmp.resolve(name);
        Files.write(file, content);
        PackagingException e = assertThrows(PackagingException.class, () -> new Mp4Reader().open(file).close());
        assertTrue(e.getMessage().contains(expectedPart), "message was: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(name + ": "), "names the file: " + e.getMessage());
        return e;
    }

    static Path shared(String name) {
        String dir = System.getProperty("packager4j.shared.dir", "../../shared");
        Path p = Path.of(dir, "testdata", "mp4ff", name);
        Assumptions.assumeTrue(Files.isRegularFile(p), "SKIPPED: " + p + " is not on this machine (../shared missing)");
        return p;
    }

    static byte[] box(String type, byte[] payload) {
        return concat(u32(8 + payload.length), ascii(type), payload);
    }

    static byte[] u32(long v) {
        return ByteBuffer.allocate(4).putInt((int) v).array();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
