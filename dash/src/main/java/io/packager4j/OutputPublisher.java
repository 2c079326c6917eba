package io.packager4j;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Makes output appear atomically: everything is written into a staging directory beside the
 * target (same file system), which is renamed into place only when complete. A failed run deletes
 * its staging directory, so nothing half-written is ever left at the target.
 */
final class OutputPublisher {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OutputPublisher.class);
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Path target;
    private final boolean overwrite;

    OutputPublisher(Path target, boolean overwrite) {
        this.target = target.toAbsolutePath().normalize();
        this.overwrite = overwrite;
    }

    /** Checks the target can be published to, before any work is done. */
    void checkTarget() throws PackagingException {
        Path parent = target.getParent();
        if (parent == null) {
            throw new PackagingException("output directory " + target + " has no parent directory");
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new PackagingException("output " + target + " exists and is not a directory");
        }
        if (!overwrite && isNonEmptyDirectory(target)) {
            throw new PackagingException("output directory " + target
                    + " already exists and is not empty (choose another, or allow overwriting)");
        }
    }

    /** Creates the staging directory beside the target. */
    Path createStaging() throws PackagingException {
        return createStagingBeside(target);
    }

    /**
     * Creates a new hidden directory in {@code target}'s parent (made if missing), named after the
     * target, so that what is written there can be renamed onto the target on the same file system.
     */
    static Path createStagingBeside(Path target) throws PackagingException {
        try {
            Path parent = Files.createDirectories(target.getParent());
            // Not Files.createTempDirectory: its owner-only permissions would be published with the
            // output, and a web server running as another user could not serve it.
            for (int attempt = 0; ; attempt++) {
                Path staging = parent.resolve("." + target.getFileName() + ".packager4j-"
                        + Long.toUnsignedString(RANDOM.nextLong(), 36));
                try {
                    return Files.createDirectory(staging);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    if (attempt > 10) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new PackagingException("cannot create a staging directory beside " + target + ": " + e.getMessage(), e);
        }
    }

    /** Renames the complete staging directory to the target, replacing an old output if allowed. */
    void publish(Path staging) throws PackagingException {
        Path aside = null;
        boolean published = false;
        try {
            if (Files.isDirectory(target)) {
                if (isNonEmptyDirectory(target)) {
                    if (!overwrite) {
                        throw new PackagingException("output directory " + target + " was filled by someone else meanwhile");
                    }
                    aside = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
                    Files.move(target, aside.resolve("content"), StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.delete(target);
                }
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            published = true;
        } catch (AtomicMoveNotSupportedException e) {
            throw new PackagingException("cannot move the output into place atomically (" + e.getMessage() + ")", e);
        } catch (DirectoryNotEmptyException e) {
            throw new PackagingException("output directory " + target + " is not empty", e);
        } catch (IOException e) {
            throw new PackagingException("cannot move the output into " + target + ": " + e.getMessage(), e);
        } finally {
            if (aside != null && (published || restore(aside.resolve("content")))) {
                deleteQuietly(aside);
            }
        }
    }

    /**
     * Puts the previous output back when the new one could not take its place; false if it could
     * not, and then the previous output stays, not deleted, under its hidden ".old-" name.
     */
    private boolean restore(Path previous) {
        try {
            if (Files.exists(previous) && !Files.exists(target)) {
                Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return true;
        } catch (IOException e) {
            LOG.error("cannot put the previous output back at {}; it is kept at {}", target, previous, e);
            return false;
        }
    }

    static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // Best effort: a leftover hidden staging directory is harmless and named as ours.
        }
    }

    private static boolean isNonEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return true;
        }
    }
}
