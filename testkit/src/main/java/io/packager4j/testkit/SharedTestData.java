package io.packager4j.testkit;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code ../shared} beside the project root: real media from other projects and the DASH
 * schema. They are read from there and never copied into the repository.
 *
 * <p>Tests that need them call {@link #file(String)}, which skips the test with a plain message
 * when the folder is absent (a checkout without {@code ../shared}); in CI it is always there.
 */
public final class SharedTestData {

    private SharedTestData() {
    }

    /** The {@code shared} folder: system property {@code packager4j.shared.dir}, else {@code ../shared}. */
    public static Path sharedDir() {
        String configured = System.getProperty("packager4j.shared.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return projectDir().resolve("../shared").toAbsolutePath().normalize();
    }

    /** The project root: system property {@code packager4j.project.dir}, else the nearest parent with a {@code .git} or root pom. */
    public static Path projectDir() {
        String configured = System.getProperty("packager4j.project.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("core")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return dir;
    }

    /** A file of {@code shared/testdata/mp4ff}, or the test is skipped (aborted) saying why. */
    public static Path mp4ff(String name) {
        return file("testdata/mp4ff/" + name);
    }

    /** A file under {@code shared/}, or the test is skipped (aborted) saying why. */
    public static Path file(String relative) {
        Path p = sharedDir().resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(p),
                () -> "SKIPPED: shared test file " + p + " is not on this machine (../shared/ missing)");
        return p;
    }

    /** The official DASH MPD schema in {@code shared/schemas}, or the test is skipped saying why. */
    public static Path dashMpdSchema() {
        return file("schemas/DASH-MPD.xsd");
    }
}
