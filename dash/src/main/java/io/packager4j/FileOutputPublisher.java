package io.packager4j;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Makes a single output file appear atomically: it is written inside a staging directory beside
 * the target (same file system) and renamed onto the target only when complete. The caller deletes
 * the staging directory in every case, so a failed run leaves nothing at the target and no
 * half-written file anywhere.
 */
final class FileOutputPublisher {

    private final Path target;
    private final boolean overwrite;

    FileOutputPublisher(Path target, boolean overwrite) {
        this.target = target.toAbsolutePath().normalize();
        this.overwrite = overwrite;
    }

    /** The absolute target path. */
    Path target() {
        return target;
    }

    /** Checks the target can be published to, before any work is done. */
    void checkTarget() throws PackagingException {
        if (target.getParent() == null || target.getFileName() == null) {
            throw new PackagingException("output file " + target + " has no parent directory");
        }
        if (Files.isDirectory(target)) {
            throw new PackagingException("output file " + target + " is an existing directory");
        }
        if (!overwrite && Files.exists(target)) {
            throw new PackagingException("output file " + target
                    + " already exists (choose another, or allow overwriting)");
        }
    }

    /** Creates the staging directory beside the target. */
    Path createStaging() throws PackagingException {
        return OutputPublisher.createStagingBeside(target);
    }

    /**
     * Renames the complete {@code file} (inside the staging directory) onto the target, replacing
     * an existing file in the same step when overwriting is allowed.
     */
    void publish(Path file) throws PackagingException {
        if (Files.isDirectory(target)) {
            throw new PackagingException("output file " + target + " became a directory meanwhile");
        }
        if (!overwrite && Files.exists(target)) {
            throw new PackagingException("output file " + target + " was created by someone else meanwhile");
        }
        try {
            // On POSIX file systems an atomic rename replaces an existing target in one step.
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new PackagingException("cannot move the output into place atomically (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new PackagingException("cannot move the output into " + target + ": " + e.getMessage(), e);
        }
    }
}
