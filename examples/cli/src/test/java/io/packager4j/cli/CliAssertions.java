package io.packager4j.cli;

import io.packager4j.testkit.MpdSchemaValidator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The checks every successful and every failed CLI run must pass, shared by the *IT classes. */
final class CliAssertions {

    /** Exit codes documented on {@link Main#run}. */
    static final int PACKAGING_FAILED = 1;
    static final int USAGE = 2;

    /** A summary line: two spaces, the representation id, ..., "N segments". */
    private static final Pattern SUMMARY_LINE = Pattern.compile("^\\s+(\\S+)\\s.*?\\s(\\d+) segments\\s");

    private CliAssertions() {
    }

    /**
     * Asserts a run packaged {@code output} completely and cleanly, and returns its manifest. Schema
     * validation comes last because it is skipped (not failed) on a machine without ../shared, and
     * everything else should still have been checked by then.
     */
    static Mpd assertPackaged(CliRunner.Result r, Path output) {
        assertEquals(0, r.exitCode(), () -> "the CLI failed:\n" + r.describe());
        Path manifest = output.resolve("manifest.mpd");
        assertTrue(Files.isRegularFile(manifest), () -> manifest + " was not written:\n" + r.describe());
        Mpd mpd = Mpd.read(manifest);
        assertFalse(mpd.representations().isEmpty(), "the MPD has no representation");

        for (Mpd.Representation rep : mpd.representations()) {
            assertFalse(rep.files().isEmpty(), () -> "representation " + rep.id() + " references no file");
            for (String name : rep.files()) {
                Path file = output.resolve(name);
                assertTrue(Files.isRegularFile(file), () -> "representation " + rep.id() + ": " + file + " is missing");
                assertTrue(size(file) > 0, () -> "representation " + rep.id() + ": " + file + " is empty");
            }
        }

        assertSummary(r, mpd);
        assertNoStackTrace(r);
        assertNoProgressBar(r);
        assertNoStagingLeftovers(output);
        MpdSchemaValidator.assertValid(manifest);
        return mpd;
    }

    /**
     * The summary on stdout: a "wrote ...manifest.mpd" line, then one line per representation of
     * the MPD; for SegmentTimeline representations, its segment count must be the MPD's.
     */
    static void assertSummary(CliRunner.Result r, Mpd mpd) {
        List<String> lines = r.stdout().lines().toList();
        assertFalse(lines.isEmpty(), () -> "no summary on stdout:\n" + r.describe());
        assertTrue(lines.get(0).startsWith("wrote ") && lines.get(0).contains("manifest.mpd"),
                () -> "the summary does not start with 'wrote .../manifest.mpd':\n" + r.describe());
        for (Mpd.Representation rep : mpd.representations()) {
            Matcher line = lines.stream()
                    .map(SUMMARY_LINE::matcher)
                    .filter(m -> m.find() && m.group(1).equals(rep.id()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the summary has no line for representation "
                            + rep.id() + ":\n" + r.describe()));
            if (rep.segmentCount() >= 0) {
                assertEquals(rep.segmentCount(), Integer.parseInt(line.group(2)),
                        () -> "the summary's segment count for " + rep.id() + " differs from the MPD's:\n" + r.describe());
            }
        }
    }

    /**
     * Asserts a run failed as the contract says: the expected exit code, nothing on stdout, exactly
     * one non-empty stderr line "error: ..." naming the problem, no stack trace, no output directory,
     * and nothing left beside it (no hidden staging directory, no other litter).
     *
     * @param parentBefore the names in the output's parent directory before the run
     */
    static void assertFailedCleanly(CliRunner.Result r, int expectedExit, String phrase, Path output,
                                    Set<String> parentBefore) {
        assertErrorLine(r, expectedExit, phrase);
        assertFalse(Files.exists(output), () -> "the output " + output + " exists after a failure:\n" + r.describe());
        assertNoStagingLeftovers(output);
        assertEquals(parentBefore, list(output.getParent()),
                () -> "the failed run left files beside the output:\n" + r.describe());
    }

    /** The one-line error part of {@link #assertFailedCleanly}, for failures whose output is not fresh. */
    static void assertErrorLine(CliRunner.Result r, int expectedExit, String phrase) {
        assertEquals(expectedExit, r.exitCode(), () -> "unexpected exit code:\n" + r.describe());
        assertNoStackTrace(r);
        List<String> errLines = r.stderrLines();
        assertEquals(1, errLines.size(), () -> "expected exactly one line on stderr:\n" + r.describe());
        String line = errLines.get(0);
        assertTrue(line.startsWith("error: "), () -> "the stderr line does not start with 'error: ':\n" + r.describe());
        assertTrue(line.contains(phrase), () -> "the error does not say '" + phrase + "':\n" + r.describe());
        assertTrue(r.stdout().isBlank(), () -> "a failed run printed on stdout:\n" + r.describe());
    }

    static void assertNoStackTrace(CliRunner.Result r) {
        for (String line : r.stderr().lines().toList()) {
            if (line.contains("Exception") || line.contains("at io.") || line.matches("\\s+at \\S+\\(.*")
                    || line.startsWith("Caused by:")) {
                fail("stack trace material on stderr (" + line.strip() + "):\n" + r.describe());
            }
        }
    }

    /** Not a terminal, so no bar: neither its text nor the carriage returns that redraw it. */
    static void assertNoProgressBar(CliRunner.Result r) {
        assertFalse(r.stderr().contains("packaging [") || r.stdout().contains("packaging ["),
                () -> "a progress bar was drawn although no stream is a terminal:\n" + r.describe());
        assertFalse(r.stderr().contains("\r") || r.stdout().contains("\r"),
                () -> "carriage returns in piped output:\n" + r.describe());
    }

    /** No ".<name>.packager4j-*" staging directory and no ".<name>.old-*" one remains beside {@code output}. */
    static void assertNoStagingLeftovers(Path output) {
        String prefix = "." + output.getFileName() + ".";
        Set<String> leftovers = list(output.getParent()).stream()
                .filter(n -> n.startsWith(prefix))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(leftovers.isEmpty(), () -> "hidden staging leftovers beside " + output + ": " + leftovers);
    }

    /** The names in {@code dir} (sorted), including hidden ones. */
    static Set<String> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
