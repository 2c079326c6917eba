package io.packager4j;

import io.packager4j.core.media.MediaFile;
import io.packager4j.core.media.Track;
import io.packager4j.core.mp4.Mp4Reader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run whose output cannot fit on its file system fails before writing anything, naming the bytes
 * it needs and those available. The file system is pretended (its usable space is a test's answer),
 * as filling a real disk is not something a test should do.
 */
class OutputSpaceTest {

    /** The small clip of the malformed corpus: undamaged, 0.6 s of H.264 and AAC. */
    private static final Path CLIP = Path.of("src/test/resources/malformed/seed/clip.mp4");

    @TempDir
    Path tmp;

    @Test
    void dashOutputLargerThanTheFreeSpaceIsRefusedAndNothingIsWritten() throws Exception {
        long media = mediaBytes();
        long needed = media + samples() * OutputSpace.BYTES_PER_SAMPLE + OutputSpace.FIXED_BYTES;
        Path out = tmp.resolve("out");
        PackagingException e = assertThrows(PackagingException.class, () -> Packager.builder().input(CLIP).output(out)
                .usableSpace(dir -> needed - 1).build().run());
        assertEquals("not enough free space for the output " + out + ": about " + needed + " bytes needed (" + media
                + " bytes of media plus fragment headers) but only " + (needed - 1)
                + " bytes are usable on the file system of " + tmp + "; nothing was written", e.getMessage());
        assertNothingWritten();
    }

    @Test
    void fragmentedMp4NeedsRoomForItsSegmentsToo() throws Exception {
        long media = mediaBytes();
        long needed = 2 * (media + samples() * OutputSpace.BYTES_PER_SAMPLE + OutputSpace.FIXED_BYTES);
        Path file = tmp.resolve("sub/movie.mp4"); // its directory does not exist yet: ask the nearest that does
        PackagingException e = assertThrows(PackagingException.class, () -> Packager.builder().input(CLIP)
                .fragmentedMp4(file).usableSpace(dir -> {
                    assertEquals(tmp, dir);
                    return needed - 1;
                }).build().run());
        assertEquals("not enough free space for the output " + file + ": about " + needed + " bytes needed (" + media
                + " bytes of media plus fragment headers, twice over: the segments are joined into the file beside"
                + " them) but only " + (needed - 1) + " bytes are usable on the file system of " + tmp
                + "; nothing was written", e.getMessage());
        assertNothingWritten();
    }

    @Test
    void exactlyEnoughSpaceIsEnough() throws Exception {
        long needed = mediaBytes() + samples() * OutputSpace.BYTES_PER_SAMPLE + OutputSpace.FIXED_BYTES;
        PackagingResult result = Packager.builder().input(CLIP).output(tmp.resolve("out"))
                .usableSpace(dir -> needed).build().run();
        assertTrue(Files.isRegularFile(result.manifest()));
    }

    @Test
    void aFileSystemThatCannotSayIsAnError() {
        Path out = tmp.resolve("out");
        PackagingException e = assertThrows(PackagingException.class, () -> Packager.builder().input(CLIP).output(out)
                .usableSpace(dir -> {
                    throw new java.io.IOException("statvfs failed");
                }).build().run());
        assertEquals("cannot tell the free space for the output " + out + " (at " + tmp + "): statvfs failed",
                e.getMessage());
    }

    private void assertNothingWritten() throws Exception {
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList());
        }
    }

    /** Every sample of the clip is packaged (it has no edit that drops whole samples). */
    private static long mediaBytes() throws Exception {
        try (MediaFile f = new Mp4Reader().open(CLIP)) {
            long total = 0;
            for (Track t : f.tracks()) {
                total += t.samples().bytes(0, t.samples().count());
            }
            return total;
        }
    }

    private static long samples() throws Exception {
        try (MediaFile f = new Mp4Reader().open(CLIP)) {
            return f.tracks().stream().mapToLong(t -> t.samples().count()).sum();
        }
    }
}
