package io.packager4j.platform.it;

import io.packager4j.testkit.Ffmpeg;
import io.packager4j.testkit.MpdSchemaValidator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inputs and presentation files shared by the tests that run the platform jar. */
final class TestMedia {

    private TestMedia() {
    }

    /**
     * {@code seconds} (a multiple of 4) of lossless 720p H.264, about 1.75 MB a second, made in a
     * second by looping a 4 s clip: big enough that a job is still running when a test sees its
     * first status change.
     */
    static Path bigInput(Path dir, int seconds) {
        Path clip = dir.resolve("clip-4s.mp4");
        Ffmpeg.run("-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25", "-f", "lavfi",
                "-i", "sine=frequency=440:sample_rate=48000", "-t", "4", "-c:v", "libx264", "-preset", "ultrafast",
                "-qp", "0", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-c:a", "aac", "-b:a", "128k",
                "-ac", "2", clip.toString());
        Path big = dir.resolve("big.mp4");
        Ffmpeg.run("-v", "error", "-stream_loop", Integer.toString(seconds / 4 - 1), "-i", clip.toString(), "-c", "copy", big.toString());
        return big;
    }

    /** A representation's init.mp4 then seg-1.m4s, seg-2.m4s, ... in number order. */
    static List<Path> segments(Path representationDir) throws IOException {
        List<Path> result = new ArrayList<>();
        result.add(representationDir.resolve("init.mp4"));
        for (int i = 1; Files.exists(representationDir.resolve("seg-" + i + ".m4s")); i++) {
            result.add(representationDir.resolve("seg-" + i + ".m4s"));
        }
        assertTrue(result.size() > 1, "segments in " + representationDir);
        return result;
    }

    /** The one folder of {@code dir} whose name starts with {@code prefix} (a representation's). */
    static Path only(Path dir, String prefix) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> matches = list.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith(prefix))
                    .toList();
            assertEquals(1, matches.size(), prefix + " folders in " + dir + ": " + matches);
            return matches.get(0);
        }
    }

    /**
     * A published package is whole: only the presentation's files, a schema-valid MPD, and video
     * segments that decrypt (with the test key) to the source's packets.
     */
    static void assertCompletePresentation(Path published, Path source) throws IOException {
        try (Stream<Path> top = Files.list(published)) {
            List<String> names = top.map(p -> p.getFileName().toString()).sorted().toList();
            for (String name : names) {
                assertTrue(name.equals("manifest.mpd") || name.equals("master.m3u8") || name.equals("download.mp4")
                        || name.startsWith("video")
                        || name.startsWith("audio"), "unexpected file in the published package: " + names);
            }
        }
        MpdSchemaValidator.assertValid(published.resolve("manifest.mpd"));
        Path video;
        try (Stream<Path> dirs = Files.list(published)) {
            video = dirs.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("video"))
                    .findFirst().orElseThrow();
        }
        assertEquals(Ffmpeg.packetHashes(source, "v:0"),
                Ffmpeg.packetHashes(segments(video), "v:0", PlatformClient.KEY_HEX),
                "the completed presentation decrypts to the source's video packets");
    }
}
