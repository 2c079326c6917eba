package io.packager4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory for a fuzz target whose code under test reads and writes files rather
 * than bytes: each input is written to one named file in it, outputs go beside it, and the whole
 * directory is removed when the run ends.
 *
 * <pre>{@code
 * private static FuzzScratch scratch;
 *
 * @BeforeAll static void create() throws IOException { scratch = FuzzScratch.create("reader-fuzz"); }
 * @AfterAll static void delete() throws IOException { scratch.close(); }
 *
 * @FuzzTest void read(byte[] data) throws IOException {
 *     Path file = scratch.write("input.mp4", data);
 *     ...
 * }
 * }</pre>
 */
public final class FuzzScratch implements AutoCloseable {

    private final Path dir;

    private FuzzScratch(Path dir) {
        this.dir = dir;
    }

    /** A new empty directory under the system's temporary directory, named from {@code prefix}. */
    public static FuzzScratch create(String prefix) throws IOException {
        return new FuzzScratch(Files.createTempDirectory(prefix));
    }

    /** A path in the directory (not created). */
    public Path resolve(String name) {
        return dir.resolve(name);
    }

    /** Writes one input to the file {@code name}, replacing the previous input. */
    public Path write(String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name), data);
    }

    /** Removes {@code name} (a file or a whole directory) if it exists: a previous input's output. */
    public void delete(String name) throws IOException {
        deleteTree(dir.resolve(name));
    }

    @Override
    public void close() throws IOException {
        deleteTree(dir);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
