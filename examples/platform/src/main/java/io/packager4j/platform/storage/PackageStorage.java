package io.packager4j.platform.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where published presentations live: {@link LocalPackageStorage} ({@code packages/{id}/} in the
 * data directory) or {@link S3PackageStorage} (the output bucket). A presentation is published
 * whole or not at all, so players never see part of one.
 */
public interface PackageStorage {

    /** Whether the package's presentation is completely stored (a job that died after publishing it finds it so). */
    boolean isPublished(long packageId) throws IOException;

    /**
     * Publishes the complete presentation in {@code presentation} (manifest.mpd, master.m3u8,
     * segments, download.mp4). Safe to call again after a failure or crash part way: it then
     * stores everything again.
     */
    void publish(long packageId, Path presentation) throws IOException;

    /**
     * The published file at {@code relative} (a checked, {@code /}-separated path inside the
     * package, see {@link PackagePaths#isAcceptable}), or empty if there is none.
     */
    Optional<StoredFile> find(long packageId, String relative) throws IOException;

    /** Bytes of every file of the published package (0 if none), for metrics. */
    long bytes(long packageId) throws IOException;

    /** Deletes the published package; nothing published is not an error. */
    void delete(long packageId) throws IOException;
}
