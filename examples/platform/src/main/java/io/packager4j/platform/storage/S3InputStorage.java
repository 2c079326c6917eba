package io.packager4j.platform.storage;

import io.packager4j.platform.store.InputContent;
import io.packager4j.platform.store.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Inputs in the input bucket. An upload is stored as {@code inputs/<random>.mp4} before its row
 * exists and the row records the key, so no database transaction stays open while bytes travel; if
 * the row cannot be committed the object is deleted again. Objects named in {@code POST /encode}
 * are the client's: read, never deleted. Inputs recorded without a key were kept on local disk
 * before S3 was configured and are still read from there.
 */
public final class S3InputStorage implements InputStorage {

    private static final Logger LOG = LoggerFactory.getLogger(S3InputStorage.class);
    static final String UPLOAD_PREFIX = "inputs/";
    static final String LOCAL_COPY = "source.mp4";

    private final DataSource dataSource;
    private final ObjectStore store;
    private final String bucket;
    private final LocalInputStorage local;

    public S3InputStorage(DataSource dataSource, ObjectStore store, String bucket, LocalInputStorage local) {
        this.dataSource = dataSource;
        this.store = store;
        this.bucket = bucket;
        this.local = local;
    }

    public String bucket() {
        return bucket;
    }

    /** The object {@code key} of the input bucket, if there is one. */
    public Optional<ObjectInfo> find(String key) throws IOException {
        return store.head(bucket, key);
    }

    @Override
    public InputContent keep(Path upload, RowInsert insert) throws IOException {
        String key = UPLOAD_PREFIX + UUID.randomUUID() + ".mp4";
        store.put(bucket, key, upload, "video/mp4");
        try {
            return Jdbc.inTransaction(dataSource, c -> insert.insert(c, key));
        } catch (IOException | RuntimeException e) {
            deleteAfterFailure(key, e);
            throw e;
        } catch (Exception e) {
            deleteAfterFailure(key, e);
            throw new IOException("cannot record the upload: " + e.getMessage(), e);
        }
    }

    /** The row was not committed: the object it would have named goes too. */
    private void deleteAfterFailure(String key, Exception failure) {
        try {
            store.delete(bucket, List.of(key));
        } catch (IOException | RuntimeException cleanup) {
            LOG.warn("cannot delete {}/{} after its row failed: {}", bucket, key, cleanup.getMessage());
            failure.addSuppressed(cleanup);
        }
    }

    @Override
    public Path localCopy(InputContent input, Path workDir) throws IOException, MissingInputException {
        if (input.objectKey() == null) {
            return local.localCopy(input, workDir);
        }
        Path copy = workDir.resolve(LOCAL_COPY);
        if (Files.isRegularFile(copy)) {
            return copy; // fetched completely by an earlier attempt (it appears by rename only)
        }
        Path part = workDir.resolve(LOCAL_COPY + ".part");
        try {
            store.download(bucket, input.objectKey(), part);
        } catch (NoSuchObjectException e) {
            Files.deleteIfExists(part);
            throw new MissingInputException("the input content " + input.id() + " is no longer stored: there is "
                    + "no object \"" + input.objectKey() + "\" in the input bucket");
        }
        try {
            Files.move(part, copy, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    @Override
    public void delete(InputContent input) throws IOException {
        if (input.objectKey() == null) {
            local.delete(input);
        } else if (!input.external()) {
            store.delete(bucket, List.of(input.objectKey()));
        }
    }
}
