package io.packager4j.platform.storage;

import io.packager4j.platform.store.InputContent;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where inputs' bytes live: {@link LocalInputStorage} ({@code inputs/{id}.mp4} in the data
 * directory) or {@link S3InputStorage} (the input bucket).
 */
public interface InputStorage {

    /** Adds an input's row inside the caller's transaction, recording {@code objectKey} (null on local disk). */
    @FunctionalInterface
    interface RowInsert {
        InputContent insert(Connection c, String objectKey) throws SQLException;
    }

    /**
     * Keeps a probed upload as a new input: its bytes are stored and its row committed together, or
     * neither (a failure leaves no row, no file, no object). The upload file is consumed or left for
     * the caller to delete.
     */
    InputContent keep(Path upload, RowInsert insert) throws IOException;

    /**
     * A local file with the input's bytes for packaging: the kept file itself, or a copy fetched
     * into {@code workDir} (reused if an earlier attempt fetched it completely).
     *
     * @throws MissingInputException if the input's bytes are no longer stored
     */
    Path localCopy(InputContent input, Path workDir) throws IOException, MissingInputException;

    /** Deletes the input's bytes if the platform stored them (never a client's object named in {@code POST /encode}). */
    void delete(InputContent input) throws IOException;

    /** The input's bytes are gone (deleted from the store by someone else). */
    final class MissingInputException extends Exception {
        public MissingInputException(String message) {
            super(message);
        }
    }
}
