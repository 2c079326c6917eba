package io.packager4j.cli;

import io.packager4j.testkit.SharedTestData;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.packager4j.cli.CliAssertions.assertPackaged;
import static io.packager4j.cli.CliAssertions.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Successful runs of {@code java -jar packager4j-cli.jar package ...} on real and generated MP4s. */
class CliPackagingIT {

    @TempDir
    Path tmp;

    /** The child's working directory: its own, so anything it wrote by a relative path would show. */
    Path cwd;

    @BeforeEach
    void createWorkDir() throws IOException {
        cwd = Files.createDirectory(tmp.resolve("cwd"));
    }

    @Test
    void packagesARealProgressiveMp4() {
        Path input = SharedTestData.mp4ff("bbb_prog_10s.mp4");
        Path out = tmp.resolve("bbb");

        CliRunner.Result r = CliRunner.run(cwd, "package", "--input", input.toString(), "--output", out.toString());

        Mpd mpd = assertPackaged(r, out);
        assertEquals(1, mpd.adaptationSets("video").size());
        assertEquals(1, mpd.adaptationSets("audio").size());
        assertTrue(mpd.root.getAttribute("profiles").contains("isoff-live"), "the default profile is live");
        assertTrue(list(cwd).isEmpty(), "nothing is written to the working directory");
    }

    @Test
    void packagesAGeneratedClipWithBFrames() {
        Path out = tmp.resolve("b-frames");

        CliRunner.Result r = CliRunner.run(cwd, "package", "--input", TestClips.bFrames().toString(),
                "--output", out.toString());

        Mpd mpd = assertPackaged(r, out);
        assertEquals(2, mpd.representations().size(), "one video and one audio representation");
        for (Mpd.Representation rep : mpd.representations()) {
            assertTrue(rep.hasSegmentTemplate(), () -> rep.id() + " has no SegmentTemplate in the live profile");
            // 6 s at the default 4 s target: more than one segment, so numbering is exercised.
            assertTrue(rep.segmentCount() >= 2, () -> rep.id() + " has " + rep.segmentCount() + " segments");
        }
    }

    @Test
    void packagesALadderOfSeveralInputsIntoOnePresentation() {
        List<String> args = new ArrayList<>(List.of("package"));
        for (Path rendition : TestClips.ladder()) {
            args.addAll(List.of("--input", rendition.toString()));
        }
        args.addAll(List.of("--input", TestClips.ladderAudio().toString()));
        Path out = tmp.resolve("ladder");
        args.addAll(List.of("--output", out.toString()));

        CliRunner.Result r = CliRunner.run(cwd, args);

        Mpd mpd = assertPackaged(r, out);
        assertEquals(4, mpd.representations().size(), "3 video renditions + 1 audio");
        List<Mpd.AdaptationSet> video = mpd.adaptationSets("video");
        assertEquals(1, video.size(), "the renditions are switchable, so they share one AdaptationSet");
        assertEquals(3, video.get(0).representations().size());
        Set<String> widths = video.get(0).representations().stream()
                .map(rep -> rep.element().getAttribute("width"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("426", "640", "854"), widths);
        List<Mpd.AdaptationSet> audio = mpd.adaptationSets("audio");
        assertEquals(1, audio.size());
        assertEquals(1, audio.get(0).representations().size());
        assertEquals(2, mpd.adaptationSets.size(), "nothing but the video and the audio set");
    }

    @Test
    void onDemandProfileWritesOneFilePerRepresentation() {
        Path out = tmp.resolve("on-demand");

        CliRunner.Result r = CliRunner.run(cwd, "package", "--input", TestClips.bFrames().toString(),
                "--output", out.toString(), "--profile", "on-demand");

        Mpd mpd = assertPackaged(r, out);
        assertTrue(mpd.root.getAttribute("profiles").contains("isoff-on-demand"),
                () -> "MPD@profiles is " + mpd.root.getAttribute("profiles"));
        Set<String> expected = new TreeSet<>(Set.of("manifest.mpd"));
        for (Mpd.Representation rep : mpd.representations()) {
            assertTrue(rep.hasSegmentBase(), () -> rep.id() + " has no SegmentBase");
            assertFalse(rep.hasSegmentTemplate(), () -> rep.id() + " has a SegmentTemplate in the on-demand profile");
            assertEquals(1, rep.files().size(), () -> rep.id() + " should be one file: " + rep.files());
            String file = rep.files().get(0);
            assertTrue(file.endsWith(".mp4"), () -> rep.id() + "'s file is " + file);
            expected.add(file);
            // The byte ranges the player will request must lie inside that file.
            String indexRange = Mpd.firstChild(rep.element(), "SegmentBase").getAttribute("indexRange");
            long indexEnd = Long.parseLong(indexRange.substring(indexRange.indexOf('-') + 1));
            assertTrue(indexEnd < CliAssertions.size(out.resolve(file)),
                    () -> rep.id() + ": indexRange " + indexRange + " runs past the end of " + file);
        }
        assertEquals(expected, list(out), "one .mp4 per representation beside the MPD, and nothing else");
    }

    @Test
    void shorterSegmentDurationGivesMoreSegments() {
        Path input = TestClips.bFrames();
        Path byDefault = tmp.resolve("default");
        Path twoSeconds = tmp.resolve("two-seconds");

        Mpd defaultMpd = assertPackaged(CliRunner.run(cwd, "package", "--input", input.toString(),
                "--output", byDefault.toString()), byDefault);
        Mpd shortMpd = assertPackaged(CliRunner.run(cwd, "package", "--input", input.toString(),
                "--output", twoSeconds.toString(), "--segment-duration", "2"), twoSeconds);

        Map<String, Integer> before = segmentCounts(defaultMpd);
        Map<String, Integer> after = segmentCounts(shortMpd);
        assertEquals(before.keySet(), after.keySet(), "the same representations either way");
        for (String id : before.keySet()) {
            assertTrue(after.get(id) > before.get(id),
                    () -> id + ": " + after.get(id) + " segments at 2 s, " + before.get(id) + " at the default 4 s");
        }
    }

    @Test
    void misalignedLadderSucceedsWhenAllowed() {
        List<String> args = new ArrayList<>(List.of("package"));
        for (Path rendition : TestClips.misalignedLadder()) {
            args.addAll(List.of("--input", rendition.toString()));
        }
        Path out = tmp.resolve("misaligned");
        args.addAll(List.of("--output", out.toString(), "--allow-misaligned-keyframes"));

        CliRunner.Result r = CliRunner.run(cwd, args);

        Mpd mpd = assertPackaged(r, out);
        assertEquals(2, mpd.representations().size());
        // "Warn instead of failing", says --help: the user must still hear about it.
        assertTrue(r.stderr().contains("not keyframe-aligned"), () -> "no misalignment warning:\n" + r.describe());
    }

    @Test
    void existingEmptyOutputDirectoryIsUsedWithoutOverwrite() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("empty"));

        CliRunner.Result r = CliRunner.run(cwd, "package", "--input", TestClips.bFrames().toString(),
                "--output", out.toString());

        assertPackaged(r, out);
    }

    @Test
    void relativeOutputIsResolvedAgainstTheWorkingDirectory() {
        CliRunner.Result r = CliRunner.run(cwd, "package", "--input", TestClips.bFrames().toString(),
                "--output", "relative/out");

        assertPackaged(r, cwd.resolve("relative/out"));
    }

    @Test
    void quietPrintsNothing() {
        Path out = tmp.resolve("quiet");

        CliRunner.Result r = CliRunner.run(cwd, "package", "--input", TestClips.bFrames().toString(),
                "--output", out.toString(), "--quiet");

        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(Files.isRegularFile(out.resolve("manifest.mpd")), r::describe);
        assertTrue(r.stdout().isEmpty(), () -> "--quiet printed a summary:\n" + r.describe());
        assertTrue(r.stderr().isEmpty(), () -> "--quiet printed on stderr:\n" + r.describe());
    }

    private static Map<String, Integer> segmentCounts(Mpd mpd) {
        return mpd.representations().stream()
                .collect(Collectors.toMap(Mpd.Representation::id, Mpd.Representation::segmentCount));
    }
}
