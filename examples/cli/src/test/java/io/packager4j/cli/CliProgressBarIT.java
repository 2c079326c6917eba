package io.packager4j.cli;

import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The progress bar appears only on a terminal. The piped case is checked by every run of the other
 * *IT classes; here the CLI runs under a pseudo-terminal made by util-linux {@code script}, which
 * is what {@code System.console()} needs to be non-null.
 */
class CliProgressBarIT {

    @TempDir
    Path tmp;

    Path cwd;

    @BeforeEach
    void requireScript() throws IOException {
        cwd = Files.createDirectory(tmp.resolve("cwd"));
        // BSD script has other options (no -c, no -e), so only util-linux's is accepted.
        CliRunner.Result version;
        try {
            version = CliRunner.exec(List.of("script", "--version"), cwd, Map.of());
        } catch (AssertionError e) {
            version = null;
        }
        CliRunner.Result v = version;
        assumeTrue(v != null && v.exitCode() == 0 && (v.stdout() + v.stderr()).contains("util-linux"),
                () -> "SKIPPED: util-linux 'script' is not available to run the CLI under a pseudo-terminal"
                        + (v == null ? "" : " ('script --version' said: " + (v.stdout() + v.stderr()).strip() + ")"));
    }

    @Test
    void progressBarIsDrawnOnATerminal() {
        Path out = tmp.resolve("out");

        CliRunner.Result r = runInTerminal("package", "--input", TestClips.bFrames().toString(),
                "--output", out.toString());

        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(Files.isRegularFile(out.resolve("manifest.mpd")), r::describe);
        // The terminal merges stdout and stderr, so both are in the captured output.
        assertTrue(r.stdout().contains("packaging ["), () -> "no progress bar on a terminal:\n" + r.describe());
        assertTrue(r.stdout().contains("100%"), () -> "the progress bar never reached 100%:\n" + r.describe());
        assertTrue(r.stdout().contains("wrote "), () -> "no summary after the bar:\n" + r.describe());
        // The bar's line is ended before the summary, so the summary does not overwrite it.
        assertTrue(r.stdout().indexOf("100%") < r.stdout().indexOf("wrote "), r::describe);
    }

    @Test
    void quietDrawsNoBarEvenOnATerminal() {
        Path out = tmp.resolve("out");

        CliRunner.Result r = runInTerminal("package", "--input", TestClips.bFrames().toString(),
                "--output", out.toString(), "--quiet");

        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(Files.isRegularFile(out.resolve("manifest.mpd")), r::describe);
        assertFalse(r.stdout().contains("packaging ["), () -> "--quiet drew a progress bar:\n" + r.describe());
        assertFalse(r.stdout().contains("wrote "), () -> "--quiet printed a summary:\n" + r.describe());
    }

    @Test
    void errorsOnATerminalAreStillOneLine() {
        Path out = tmp.resolve("out");

        CliRunner.Result r = runInTerminal("package", "--input", TestClips.notAnMp4().toString(),
                "--output", out.toString());

        assertEquals(CliAssertions.PACKAGING_FAILED, r.exitCode(), r::describe);
        List<String> lines = r.stdout().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), r::describe);
        assertTrue(lines.get(0).startsWith("error: "), r::describe);
        assertFalse(Files.exists(out), r::describe);
    }

    /**
     * {@code script -qec CMD /dev/null}: runs CMD on a new pseudo-terminal, copies what it prints to
     * script's stdout, and exits with CMD's exit code (-e); the typescript file is discarded.
     */
    private CliRunner.Result runInTerminal(String... args) {
        String command = CliRunner.javaCommand(List.of(args)).stream()
                .map(CliRunner::shellQuote)
                .collect(Collectors.joining(" "));
        // script runs CMD with $SHELL -c; a POSIX shell, whatever the user's login shell is.
        return CliRunner.exec(List.of("script", "-qec", command, "/dev/null"), cwd, Map.of("SHELL", "/bin/sh"));
    }
}
