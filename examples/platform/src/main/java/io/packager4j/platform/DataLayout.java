package io.packager4j.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the platform keeps files under its data directory. Names are built from database ids only,
 * never from anything a client sent.
 *
 * <pre>
 * uploads/            incoming uploads while they are received and probed
 * inputs/{id}.mp4     kept sources
 * work/{id}/          a packaging job's intermediate files (fragmented and encrypted MP4, DASH)
 * packages/{id}/      published presentations: manifest.mpd, master.m3u8, segments, download.mp4
 * </pre>
 */
public final class DataLayout {

    /** The encrypted single-file fragmented MP4 inside a package, served by {@code /download/{id}}. */
    public static final String DOWNLOAD_FILE = "download.mp4";
    public static final String MANIFEST_FILE = "manifest.mpd";
    public static final String HLS_PLAYLIST_FILE = "master.m3u8";

    private final Path root;

    public DataLayout(Path root) {
        this.root = root;
    }

    /** Creates the folders; fails early when the data directory is not writable. */
    public DataLayout create() throws IOException {
        for (Path dir : new Path[] {uploads(), inputsDir(), workRoot(), packagesRoot()}) {
            Files.createDirectories(dir);
        }
        return this;
    }

    public Path root() {
        return root;
    }

    public Path uploads() {
        return root.resolve("uploads");
    }

    public Path inputsDir() {
        return root.resolve("inputs");
    }

    public Path input(long inputContentId) {
        return inputsDir().resolve(inputContentId + ".mp4");
    }

    public Path workRoot() {
        return root.resolve("work");
    }

    public Path work(long packageId) {
        return workRoot().resolve(Long.toString(packageId));
    }

    public Path packagesRoot() {
        return root.resolve("packages");
    }

    public Path published(long packageId) {
        return packagesRoot().resolve(Long.toString(packageId));
    }

    public Path download(long packageId) {
        return published(packageId).resolve(DOWNLOAD_FILE);
    }
}
