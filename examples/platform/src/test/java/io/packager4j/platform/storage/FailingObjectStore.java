package io.packager4j.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real {@link ObjectStore} that can be told to fail a PUT part way through a run of them, as a
 * network or the store would, that records the keys it stored in order, and that can run an action
 * before a download.
 */
public final class FailingObjectStore implements ObjectStore {

    private final ObjectStore real;
    private final List<String> stored = new ArrayList<>();
    private final AtomicInteger putsBeforeFailure = new AtomicInteger(-1);
    private final AtomicReference<Runnable> beforeNextDownload = new AtomicReference<>();

    public FailingObjectStore(ObjectStore real) {
        this.real = real;
    }

    /** The next {@code n} PUTs succeed, every later one fails. */
    public void failAfterPuts(int n) {
        putsBeforeFailure.set(n);
    }

    /** Runs {@code action} once, just before the next download starts (to change the world under a job). */
    public void beforeNextDownload(Runnable action) {
        beforeNextDownload.set(action);
    }

    public void stopFailing() {
        putsBeforeFailure.set(-1);
    }

    /** Keys stored, in order, since the last call. */
    public synchronized List<String> takeStored() {
        List<String> keys = List.copyOf(stored);
        stored.clear();
        return keys;
    }

    @Override
    public void put(String bucket, String key, Path file, String contentType) throws IOException {
        if (putsBeforeFailure.get() == 0) {
            throw new IOException("S3 PUT " + bucket + "/" + key + " failed: connection reset (injected by the test)");
        }
        putsBeforeFailure.updateAndGet(n -> n > 0 ? n - 1 : n);
        real.put(bucket, key, file, contentType);
        synchronized (this) {
            stored.add(key);
        }
    }

    @Override
    public Optional<ObjectInfo> head(String bucket, String key) throws IOException {
        return real.head(bucket, key);
    }

    @Override
    public InputStream get(String bucket, String key, long start, long length, String ifMatch) throws IOException {
        return real.get(bucket, key, start, length, ifMatch);
    }

    @Override
    public void download(String bucket, String key, Path target) throws IOException {
        Runnable action = beforeNextDownload.getAndSet(null);
        if (action != null) {
            action.run();
        }
        real.download(bucket, key, target);
    }

    @Override
    public List<ObjectInfoWithKey> list(String bucket, String prefix) throws IOException {
        return real.list(bucket, prefix);
    }

    @Override
    public void delete(String bucket, Collection<String> keys) throws IOException {
        real.delete(bucket, keys);
    }

    @Override
    public void checkBucket(String bucket) throws IOException {
        real.checkBucket(bucket);
    }

    @Override
    public void close() {
        real.close();
    }
}
