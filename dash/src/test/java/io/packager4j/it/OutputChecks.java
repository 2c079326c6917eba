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

    /**
     * Init segment then media segments in number order (live), or the single file (on-demand, or
     * the fragmented MP4 holding every track).
     */
    static List<Path> representationFiles(PackagingResult result, RepresentationResult r) throws IOException {
        if (result.fragmentedMp4() != null) {
            assertTrue(Files.isRegularFile(result.fragmentedMp4()), "missing " + result.fragmentedMp4());
            return List.of(result.fragmentedMp4());
        }
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

    /**
     * ffmpeg's specifier for the representation in the output: {@code v:0} or {@code a:0} in its
     * own files; in a fragmented MP4 holding every track, its ordinal among the tracks of its kind.
     */
    static String outputStreamSpecifier(PackagingResult result, RepresentationResult r) {
        String prefix = r.kind() == TrackKind.VIDEO ? "v:" : "a:";
        if (result.fragmentedMp4() == null) {
            return prefix + 0;
        }
        int ordinal = 0;
        for (RepresentationResult other : result.representations()) {
            if (other == r) {
                return prefix + ordinal;
            }
            ordinal += other.kind() == r.kind() ? 1 : 0;
        }
        throw new AssertionError(r.id() + " is not a representation of the result");
    }

    /** The track_ID of the representation in a fragmented MP4 (its position, from 1), or -1 for DASH output. */
    static int trackIdInFile(PackagingResult result, RepresentationResult r) {
        return result.fragmentedMp4() == null ? -1 : result.representations().indexOf(r) + 1;
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
