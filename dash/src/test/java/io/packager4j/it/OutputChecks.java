package io.packager4j.it;

import io.packager4j.PackagingException;
import io.packager4j.PackagingResult;
import io.packager4j.RepresentationResult;
import io.packager4j.core.media.MediaFile;
import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.mp4.Mp4Reader;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.testkit.MpdSchemaValidator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks of a packaged presentation by independent tools: the MPD against the official schema
 * (xmllint), and every representation against its source stream by ffmpeg: the same coded packets
 * and, for video, the same decoded frames.
 */
final class OutputChecks {

    private static final Pattern SEGMENT_NUMBER = Pattern.compile("seg-(\\d+)\\.m4s");

    private OutputChecks() {
    }

    /** Schema-valid MPD and sample-identical representations. */
    static void assertValidAndSampleIdentical(PackagingResult result) throws Exception {
        MpdSchemaValidator.assertValid(result.manifest());
        for (RepresentationResult r : result.representations()) {
            assertSampleIdentical(result, r);
        }
    }

    static void assertSampleIdentical(PackagingResult result, RepresentationResult r) throws Exception {
        EncryptionChecks.assertDecryptsToSource(result, r, null); // clear output: read without a key
    }

    /** Init segment then media segments in number order (live), or the single file (on-demand). */
    static List<Path> representationFiles(PackagingResult result, RepresentationResult r) throws IOException {
        Path dir = result.outputDirectory();
        if (result.profile() == OutputProfile.ON_DEMAND) {
            Path file = dir.resolve(r.id() + ".mp4");
            assertTrue(Files.isRegularFile(file), "missing " + file);
            return List.of(file);
        }
        Path repDir = dir.resolve(r.id());
        List<Path> files = new ArrayList<>();
        files.add(repDir.resolve("init.mp4"));
        try (Stream<Path> list = Files.list(repDir)) {
            list.filter(p -> SEGMENT_NUMBER.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(OutputChecks::segmentNumber))
                    .forEach(files::add);
        }
        assertEquals(r.segmentCount() + 1, files.size(), r.id() + ": segment files on disk");
        for (int i = 1; i < files.size(); i++) {
            assertEquals(i, segmentNumber(files.get(i)), r.id() + ": segment numbers must run 1..N without gaps");
        }
        return files;
    }

    private static int segmentNumber(Path p) {
        Matcher m = SEGMENT_NUMBER.matcher(p.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** ffmpeg's specifier for the source track: its ordinal among the file's tracks of the same kind. */
    static String sourceStreamSpecifier(RepresentationResult r) throws PackagingException {
        try (MediaFile file = new Mp4Reader().open(r.source())) {
            int ordinal = 0;
            for (Track t : file.tracks()) {
                if (t.kind() != r.kind()) {
                    continue;
                }
                if (t.trackId() == r.sourceTrackId()) {
                    return (r.kind() == TrackKind.VIDEO ? "v:" : "a:") + ordinal;
                }
                ordinal++;
            }
        }
        throw new AssertionError("track " + r.sourceTrackId() + " not found in " + r.source());
    }
}
