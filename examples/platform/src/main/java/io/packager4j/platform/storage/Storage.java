package io.packager4j.platform.storage;

import io.packager4j.platform.DataLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.Optional;

/**
 * Where the platform keeps inputs and presentations, chosen by configuration: local disk under the
 * data directory (no {@link ObjectStorageConfig}, the default), or the S3 input and output buckets.
 */
public final class Storage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);

    private final InputStorage inputs;
    private final PackageStorage packages;
    private final S3InputStorage bucketInputs;
    private final ObjectStore store;

    private Storage(InputStorage inputs, PackageStorage packages, S3InputStorage bucketInputs, ObjectStore store) {
        this.inputs = inputs;
        this.packages = packages;
        this.bucketInputs = bucketInputs;
        this.store = store;
    }

    /** Local disk. */
    public static Storage local(DataSource dataSource, DataLayout layout) {
        return new Storage(new LocalInputStorage(dataSource, layout), new LocalPackageStorage(layout.packagesRoot()),
                null, null);
    }

    /**
     * The configured storage; with S3, both buckets are checked first so a wrong name, endpoint or
     * credentials stop the start with a clear message.
     *
     * @param config null for local disk
     */
    public static Storage open(ObjectStorageConfig config, DataSource dataSource, DataLayout layout) throws IOException {
        if (config == null) {
            return local(dataSource, layout);
        }
        return on(S3ObjectStore.create(config), config.inputBucket(), config.outputBucket(), dataSource, layout);
    }

    /** S3 storage over {@code store} (closed with this). */
    public static Storage on(ObjectStore store, String inputBucket, String outputBucket, DataSource dataSource,
                             DataLayout layout) throws IOException {
        try {
            store.checkBucket(inputBucket);
            store.checkBucket(outputBucket);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        LOG.info("inputs in S3 bucket {}, presentations in S3 bucket {}", inputBucket, outputBucket);
        S3InputStorage inputs = new S3InputStorage(dataSource, store, inputBucket, new LocalInputStorage(dataSource, layout));
        return new Storage(inputs, new S3PackageStorage(store, outputBucket), inputs, store);
    }

    public InputStorage inputs() {
        return inputs;
    }

    public PackageStorage packages() {
        return packages;
    }

    /** The input bucket, for {@code POST /encode}; empty on local disk. */
    public Optional<S3InputStorage> bucketInputs() {
        return Optional.ofNullable(bucketInputs);
    }

    /**
     * Whether a package's files may be served only once it is Ready. On local disk a presentation
     * appears by one rename, complete; in a bucket its objects appear one by one.
     */
    public boolean servesOnlyReadyPackages() {
        return store != null;
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
