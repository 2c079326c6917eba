package io.packager4j.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The few object operations the platform needs, over S3 ({@link S3ObjectStore}). Files are sent and
 * received as streams, never held in memory. Every failure of the store or the network is an
 * {@link IOException} saying which bucket and key.
 */
public interface ObjectStore extends AutoCloseable {

    /** Stores a local file as {@code bucket/key} (multipart when it is larger than a part), replacing any object there. */
    void put(String bucket, String key, Path file, String contentType) throws IOException;

    /** The object's size, date and entity tag, or empty if there is none. */
    Optional<ObjectInfo> head(String bucket, String key) throws IOException;

    /**
     * Bytes {@code [start, start + length)} of the object. With {@code ifMatch}, the store refuses if
     * the object is no longer that version.
     */
    InputStream get(String bucket, String key, long start, long length, String ifMatch) throws IOException;

    /** Copies the whole object to {@code target} (replaced), streamed. */
    void download(String bucket, String key, Path target) throws IOException;

    /** Keys under {@code prefix}, with their sizes. */
    List<ObjectInfoWithKey> list(String bucket, String prefix) throws IOException;

    /** Deletes the keys; missing ones are not an error. */
    void delete(String bucket, Collection<String> keys) throws IOException;

    /** Fails with a message an operator can act on if the bucket cannot be reached. */
    void checkBucket(String bucket) throws IOException;

    @Override
    void close();

    /** A listed object. */
    record ObjectInfoWithKey(String key, long size) {
    }
}
