package io.packager4j.core.packaging;

import io.packager4j.PackagingException;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Threads that prepare media segments, shared by all representations of a run, and the run's
 * cancellation flag: when one representation fails, the others stop at their next segment
 * instead of being interrupted in the middle of I/O.
 */
public final class SegmentWorkers {

    private final ExecutorService pool;
    private final int parallelism;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private SegmentWorkers(ExecutorService pool, int parallelism) {
        this.pool = pool;
        this.parallelism = parallelism;
    }

    /** Every segment prepared on the calling thread, one after the other. */
    public static SegmentWorkers sequential() {
        return new SegmentWorkers(null, 1);
    }

    /** Workers on {@code pool}, up to {@code parallelism} segments of a representation at once. */
    public static SegmentWorkers of(ExecutorService pool, int parallelism) {
        return parallelism <= 1 ? sequential() : new SegmentWorkers(Objects.requireNonNull(pool, "pool"), parallelism);
    }

    /** The threads; null when {@link #parallelism()} is 1. */
    public ExecutorService pool() {
        return pool;
    }

    /** Segments of one representation prepared at the same time. */
    public int parallelism() {
        return parallelism;
    }

    /** Asks every representation of the run to stop before its next segment. */
    public void cancel() {
        cancelled.set(true);
    }

    /** @throws PackagingException if the run was cancelled */
    void checkNotCancelled() throws PackagingException {
        if (cancelled.get()) {
            throw new PackagingException("packaging was cancelled");
        }
    }
}
