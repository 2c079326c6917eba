package io.packager4j.it;

import io.packager4j.MediaInfo;
import io.packager4j.MediaProbe;
import io.packager4j.PackagingException;
import io.packager4j.TrackInfo;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.mp4.ReaderLimits;
import io.packager4j.testkit.Ffmpeg;
import io.packager4j.testkit.SharedTestData;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MediaProbe} reports what ffprobe reports about a file, refuses what the packager would
 * refuse with a message naming the problem, and leaves no file open either way.
 */
class MediaProbeTest {

    @Test
    void reportsWhatFfprobeReports() throws Exception {
        Path file = SharedTestData.mp4ff("bbb_prog_10s.mp4");
        MediaInfo info = MediaProbe.probe(file);

        assertEquals(Files.size(file), info.sizeBytes());
        assertFalse(info.fragmented());
        assertFalse(info.encrypted());
        List<Ffmpeg.StreamInfo> streams = Ffmpeg.ffprobeStreams(file);
        List<Double> durations = Ffmpeg.ffprobeStreamDurations(file);
        assertEquals(streams.size(), info.tracks().size());
        for (int i = 0; i < streams.size(); i++) {
            Ffmpeg.StreamInfo expected = streams.get(i);
            TrackInfo track = info.tracks().get(i);
            boolean video = expected.codecType().equals("video");
            assertEquals(video ? TrackKind.VIDEO : TrackKind.AUDIO, track.kind());
            assertEquals(video ? "h264" : "aac", expected.codecName());
            assertTrue(track.codecs().startsWith(video ? "avc1." : "mp4a.40."), track.codecs());
            assertEquals(durations.get(i), track.durationSeconds(), 0.1, track.kind() + " duration");
            assertEquals(Ffmpeg.packetHashes(file, video ? "v:0" : "a:0").size(), track.sampleCount(),
                    track.kind() + " samples");
            if (video) {
                assertEquals(expected.width(), track.width());
                assertEquals(expected.height(), track.height());
            } else {
                assertEquals(expected.sampleRate().longValue(), track.sampleRate());
                assertEquals(expected.channels(), track.channels());
            }
            assertFalse(track.encrypted());
        }
        assertEquals(durations.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), info.durationSeconds(), 0.1);
        assertNotOpen(file);
    }

    @Test
    void marksFragmentedEncryptedFiles() throws Exception {
        Path file = SharedTestData.mp4ff("prog_8s_enc_dashinit.mp4");
        MediaInfo info = MediaProbe.probe(file, ReaderLimits.DEFAULT);
        assertTrue(info.fragmented());
        assertTrue(info.encrypted());
        assertTrue(info.tracks().stream().allMatch(TrackInfo::encrypted));
        assertEquals(java.util.Set.of(TrackKind.VIDEO, TrackKind.AUDIO),
                java.util.Set.copyOf(info.tracks().stream().map(TrackInfo::kind).toList()));
        assertEquals(8.0, info.durationSeconds(), 0.1);
        assertNotOpen(file);
    }

    @Test
    void refusesATextFile() throws Exception {
        assertRefused(TestClips.notAnMp4(), "not an MP4 file");
    }

    @Test
    void refusesAnEmptyFile(@TempDir Path tmp) throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.mp4"));
        assertRefused(empty, "the file is empty");
    }

    @Test
    void refusesTruncatedFiles() throws Exception {
        assertRefused(TestClips.truncated(), "truncated file?");
        assertRefused(SharedTestData.mp4ff("init_truncated.mp4"), "truncated file?");
    }

    @Test
    void refusesAnUnsupportedCodec() throws Exception {
        assertRefused(TestClips.unsupportedCodec(), "unsupported codec 'mp4v'");
    }

    @Test
    void refusesAMissingFile(@TempDir Path tmp) {
        PackagingException e = assertThrows(PackagingException.class, () -> MediaProbe.probe(tmp.resolve("none.mp4")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    private static void assertRefused(Path file, String problem) throws IOException {
        PackagingException e = assertThrows(PackagingException.class, () -> MediaProbe.probe(file));
        assertTrue(e.getMessage().contains(file.getFileName().toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), "says '" + problem + "': " + e.getMessage());
        assertNotOpen(file);
    }

    /** No descriptor of this process refers to {@code file} (Linux: /proc/self/fd). */
    private static void assertNotOpen(Path file) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return; // not Linux: nothing to look at
        }
        Path real = file.toRealPath();
        try (Stream<Path> list = Files.list(fds)) {
            long open = list.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(real);
                } catch (IOException | UnsupportedOperationException e) {
                    return false; // closed meanwhile (e.g. the listing's own descriptor)
                }
            }).count();
            assertEquals(0, open, file + " is still open");
        }
    }
}
