package io.packager4j.cli;

import io.packager4j.testkit.SharedTestData;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.packager4j.cli.CliAssertions.PACKAGING_FAILED;
import static io.packager4j.cli.CliAssertions.USAGE;
import static io.packager4j.cli.CliAssertions.assertErrorLine;
import static io.packager4j.cli.CliAssertions.assertFailedCleanly;
import static io.packager4j.cli.CliAssertions.assertNoStagingLeftovers;
import static io.packager4j.cli.CliAssertions.assertPackaged;
import static io.packager4j.cli.CliAssertions.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way a run can fail must end the same: a non-zero exit (1 for a packaging failure, 2 for
 * a usage error), one "error: ..." line on stderr that names the problem, no stack trace, and no
 * output directory or staging litter left behind.
 */
class CliFailuresIT {

    @TempDir
    Path tmp;

    /** The child's working directory. */
    Path cwd;

    /** Holds the output directory and nothing else, so any litter beside it is visible. */
    Path parent;

    /** The output directory, which must never come into existence in these tests. */
    Path out;

    @BeforeEach
    void createDirectories() throws IOException {
        cwd = Files.createDirectory(tmp.resolve("cwd"));
        parent = Files.createDirectory(tmp.resolve("parent"));
        out = parent.resolve("out");
    }

    /** Runs {@code package --input each... --output out extra...} and checks it failed cleanly. */
    private CliRunner.Result assertPackagingFails(List<Path> inputs, List<String> extra, int exit, String phrase) {
        List<String> args = new ArrayList<>(List.of("package"));
        for (Path input : inputs) {
            args.addAll(List.of("--input", input.toString()));
        }
        args.addAll(List.of("--output", out.toString()));
        args.addAll(extra);
        Set<String> before = list(parent);
        CliRunner.Result r = CliRunner.run(cwd, args);
        assertFailedCleanly(r, exit, phrase, out, before);
        assertTrue(list(cwd).isEmpty(), () -> "the failed run wrote into its working directory:\n" + r.describe());
        return r;
    }

    // -------------------------------------------------------------------------------------------
    // Bad input files

    @Test
    void textFileIsNotAnMp4() {
        assertPackagingFails(List.of(TestClips.notAnMp4()), List.of(), PACKAGING_FAILED, "not an MP4");
    }

    @Test
    void truncatedFile() {
        assertPackagingFails(List.of(TestClips.truncated()), List.of(), PACKAGING_FAILED, "truncated");
    }

    @Test
    void zeroByteFile() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.mp4"));
        assertPackagingFails(List.of(empty), List.of(), PACKAGING_FAILED, "empty");
    }

    @Test
    void missingFile() {
        CliRunner.Result r = assertPackagingFails(List.of(tmp.resolve("no-such.mp4")), List.of(), PACKAGING_FAILED,
                "no such file");
        assertTrue(r.stderr().contains("no-such.mp4"), () -> "the error does not name the file:\n" + r.describe());
    }

    @Test
    void unsupportedCodecIsNamed() {
        assertPackagingFails(List.of(TestClips.unsupportedCodec()), List.of(), PACKAGING_FAILED, "'mp4v'");
    }

    @Test
    void misalignedLadderIsRefusedByDefault() {
        assertPackagingFails(TestClips.misalignedLadder(), List.of(), PACKAGING_FAILED, "not keyframe-aligned");
    }

    @Test
    void sharedFileWithTruncatedInitSegment() {
        assertPackagingFails(List.of(SharedTestData.mp4ff("init_truncated.mp4")), List.of(), PACKAGING_FAILED,
                "truncated");
    }

    @Test
    void oneBadInputAmongGoodOnesFailsTheWholeRun() {
        List<Path> inputs = new ArrayList<>(TestClips.ladder());
        inputs.add(TestClips.notAnMp4());
        assertPackagingFails(inputs, List.of(), PACKAGING_FAILED, "not an MP4");
    }

    // -------------------------------------------------------------------------------------------
    // Bad command lines

    @Test
    void unknownFlag() {
        assertPackagingFails(List.of(TestClips.bFrames()), List.of("--no-such-flag"), USAGE, "--no-such-flag");
    }

    @Test
    void missingOutput() {
        List<String> args = List.of("package", "--input", TestClips.bFrames().toString());
        CliRunner.Result r = CliRunner.run(cwd, args);
        assertErrorLine(r, USAGE, "--output");
        assertTrue(list(cwd).isEmpty(), () -> "wrote into the working directory without --output:\n" + r.describe());
    }

    @Test
    void missingInput() {
        assertPackagingFails(List.of(), List.of(), USAGE, "--input");
    }

    @Test
    void badProfile() {
        CliRunner.Result r = assertPackagingFails(List.of(TestClips.bFrames()), List.of("--profile", "vod"), USAGE,
                "--profile");
        assertTrue(r.stderr().contains("vod"), () -> "the error does not quote the bad value:\n" + r.describe());
    }

    @Test
    void negativeSegmentDuration() {
        assertPackagingFails(List.of(TestClips.bFrames()), List.of("--segment-duration", "-1"), USAGE,
                "--segment-duration");
    }

    @Test
    void zeroSegmentDuration() {
        assertPackagingFails(List.of(TestClips.bFrames()), List.of("--segment-duration", "0"), USAGE,
                "--segment-duration");
    }

    @Test
    void nonNumericSegmentDuration() {
        assertPackagingFails(List.of(TestClips.bFrames()), List.of("--segment-duration", "four"), USAGE,
                "four");
    }

    @Test
    void noCommandAtAll() {
        CliRunner.Result r = CliRunner.run(cwd);
        assertErrorLine(r, USAGE, "package");
    }

    // -------------------------------------------------------------------------------------------
    // The output directory

    @Test
    void nonEmptyOutputIsKeptUnlessOverwriteThenReplaced() throws IOException {
        Path old = Files.createDirectory(out).resolve("old-presentation.txt");
        Files.writeString(old, "from an earlier run", StandardCharsets.UTF_8);
        String input = TestClips.bFrames().toString();

        CliRunner.Result refused = CliRunner.run(cwd, "package", "--input", input, "--output", out.toString());

        assertErrorLine(refused, PACKAGING_FAILED, "already exists and is not empty");
        assertEquals(Set.of("old-presentation.txt"), list(out), "the existing output must be left untouched");
        assertEquals("from an earlier run", Files.readString(old, StandardCharsets.UTF_8));
        assertNoStagingLeftovers(out);
        assertEquals(Set.of("out"), list(parent), () -> "litter beside the output:\n" + refused.describe());

        CliRunner.Result replaced = CliRunner.run(cwd, "package", "--input", input, "--output", out.toString(),
                "--overwrite");

        assertPackaged(replaced, out);
        assertFalse(Files.exists(old), "--overwrite replaces the old output, it does not merge into it");
        assertEquals(Set.of("out"), list(parent), () -> "litter beside the output:\n" + replaced.describe());
    }

    @Test
    void failedOverwriteKeepsTheOldOutput() throws IOException {
        Path old = Files.createDirectory(out).resolve("old-presentation.txt");
        Files.writeString(old, "from an earlier run", StandardCharsets.UTF_8);

        CliRunner.Result r = CliRunner.run(cwd, "package", "--input", TestClips.notAnMp4().toString(),
                "--output", out.toString(), "--overwrite");

        assertErrorLine(r, PACKAGING_FAILED, "not an MP4");
        assertEquals(Set.of("old-presentation.txt"), list(out), "a failed run must not touch the old output");
        assertNoStagingLeftovers(out);
        assertEquals(Set.of("out"), list(parent), () -> "litter beside the output:\n" + r.describe());
    }

    @Test
    void outputThatIsAFile() throws IOException {
        Files.writeString(out, "not a directory", StandardCharsets.UTF_8);

        CliRunner.Result r = CliRunner.run(cwd, "package", "--input", TestClips.bFrames().toString(),
                "--output", out.toString());

        assertErrorLine(r, PACKAGING_FAILED, "not a directory");
        assertEquals("not a directory", Files.readString(out, StandardCharsets.UTF_8));
        assertEquals(Set.of("out"), list(parent));
    }
}
