package io.packager4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.packager4j.cli.CliAssertions.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --help} and {@code --version}: exit 0, text on stdout, nothing on stderr, nothing written. */
class CliHelpIT {

    /** Every option a user needs to find in {@code package --help}. */
    private static final List<String> PACKAGE_FLAGS = List.of("--input", "--output", "--segment-duration",
            "--profile", "--overwrite", "--allow-misaligned-keyframes", "--quiet", "--verbose");

    @TempDir
    Path cwd;

    @Test
    void topLevelHelpNamesThePackageCommand() {
        CliRunner.Result r = CliRunner.run(cwd, "--help");

        assertSuccessOnStdout(r);
        assertTrue(r.stdout().contains("Usage: packager4j"), r::describe);
        assertTrue(r.stdout().lines().anyMatch(l -> l.strip().startsWith("package ")),
                () -> "the 'package' command is not listed:\n" + r.describe());
        assertTrue(r.stdout().contains("--help") && r.stdout().contains("--version"), r::describe);
    }

    @Test
    void packageHelpListsEveryFlag() {
        for (String help : List.of("--help", "-h")) {
            CliRunner.Result r = CliRunner.run(cwd, "package", help);

            assertSuccessOnStdout(r);
            assertTrue(r.stdout().contains("Usage: packager4j package"), r::describe);
            for (String flag : PACKAGE_FLAGS) {
                assertTrue(r.stdout().contains(flag), () -> "'package " + help + "' does not list " + flag + ":\n"
                        + r.describe());
            }
            // The documented profile values and the default segment duration.
            assertTrue(r.stdout().contains("live") && r.stdout().contains("on-demand"), r::describe);
            assertTrue(r.stdout().contains("default: 4"), r::describe);
        }
    }

    @Test
    void helpWinsOverMissingRequiredOptions() {
        // `package --help` has neither --input nor --output, which are required: help must still work.
        CliRunner.Result r = CliRunner.run(cwd, "package", "--input", "whatever.mp4", "--help");

        assertSuccessOnStdout(r);
        assertTrue(r.stdout().contains("--segment-duration"), r::describe);
    }

    @Test
    void version() {
        CliRunner.Result r = CliRunner.run(cwd, "--version");

        assertSuccessOnStdout(r);
        assertTrue(r.stdout().startsWith("packager4j "), r::describe);
    }

    private void assertSuccessOnStdout(CliRunner.Result r) {
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stderr().isEmpty(), () -> "help printed on stderr:\n" + r.describe());
        assertTrue(list(cwd).isEmpty(), () -> "help wrote files:\n" + r.describe());
    }
}
