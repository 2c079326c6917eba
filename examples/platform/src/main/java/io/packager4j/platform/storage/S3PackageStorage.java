package io.packager4j.platform.storage;

import io.packager4j.platform.DataLayout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Presentations in the output bucket, under {@code packages/{id}/}. A bucket has no atomic rename,
 * so a presentation is made whole in another way: every segment, init segment and the download
 * are uploaded first, then the media playlists, then {@code manifest.mpd} and last
 * {@code master.m3u8}; and the platform serves none of a package's files before the package is
 * Ready (which the job records only after the last upload). A reader of the bucket itself who
 * goes by the manifests never finds one that names a missing file either. An upload that fails
 * part way leaves the package unpublished; the job's retry uploads everything again (same keys,
 * same bytes).
 */
public final class S3PackageStorage implements PackageStorage {

    static final String PREFIX = "packages/";

    private final ObjectStore store;
    private final String bucket;

    public S3PackageStorage(ObjectStore store, String bucket) {
        this.store = store;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    /** The key prefix of a package's objects. */
    public static String prefix(long packageId) {
        return PREFIX + packageId + "/";
    }

    @Override
    public boolean isPublished(long packageId) throws IOException {
        return store.head(bucket, prefix(packageId) + DataLayout.HLS_PLAYLIST_FILE).isPresent()
                && store.head(bucket, prefix(packageId) + DataLayout.MANIFEST_FILE).isPresent();
    }

    @Override
    public void publish(long packageId, Path presentation) throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(presentation)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    files.add(presentation.relativize(p).toString().replace('\\', '/'));
                }
            }
        }
        files.sort(Comparator.comparingInt(S3PackageStorage::uploadOrder).thenComparing(Comparator.naturalOrder()));
        for (String relative : files) {
            String type = MediaTypes.of(relative);
            store.put(bucket, prefix(packageId) + relative, presentation.resolve(relative),
                    type == null ? "application/octet-stream" : type);
        }
    }

    /** Media first, then playlists, then the DASH manifest, the HLS master playlist last. */
    static int uploadOrder(String relative) {
        if (relative.equals(DataLayout.HLS_PLAYLIST_FILE)) {
            return 3;
        }
        if (relative.equals(DataLayout.MANIFEST_FILE)) {
            return 2;
        }
        return MediaTypes.isManifest(relative) ? 1 : 0;
    }

    @Override
    public Optional<StoredFile> find(long packageId, String relative) throws IOException {
        if (!PackagePaths.isAcceptable(relative)) {
            return Optional.empty();
        }
        String key = prefix(packageId) + relative;
        return store.head(bucket, key).map(info -> new S3File(key, info));
    }

    @Override
    public long bytes(long packageId) throws IOException {
        return store.list(bucket, prefix(packageId)).stream().mapToLong(ObjectStore.ObjectInfoWithKey::size).sum();
    }

    @Override
    public void delete(long packageId) throws IOException {
        List<String> keys = store.list(bucket, prefix(packageId)).stream().map(ObjectStore.ObjectInfoWithKey::key).toList();
        if (!keys.isEmpty()) {
            store.delete(bucket, keys);
        }
    }

    /** An object; its ranges are read with If-Match, so they all come from the version whose size was given. */
    private final class S3File implements StoredFile {
        private final String key;
        private final ObjectInfo info;

        S3File(String key, ObjectInfo info) {
            this.key = key;
            this.info = info;
        }

        @Override
        public long size() {
            return info.size();
        }

        @Override
        public Instant lastModified() {
            return info.lastModified();
        }

        @Override
        public String etag() {
            return info.etag();
        }

        @Override
        public InputStream open(long start, long length) throws IOException {
            return store.get(bucket, key, start, length, info.etag());
        }
    }
}
