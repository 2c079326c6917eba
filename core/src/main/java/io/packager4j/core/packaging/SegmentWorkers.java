package io.packager4j.core.packaging;

import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * Threads that prepare media segments, shared by all representations of a run.
 *
 * @param pool        the threads; null for {@link #SEQUENTIAL}
 * @param parallelism segments of one representation prepared at the same time
 */
public record SegmentWorkers(ExecutorService pool, int parallelism) {

    /** Every segment prepared on the calling thread, one after the other. */
    public static final SegmentWorkers SEQUENTIAL = new SegmentWorkers(null, 1);

    public SegmentWorkers {
        if (parallelism < 1 || (parallelism > 1 && pool == null)) {
            throw new IllegalArgumentException("parallelism " + parallelism + " needs a pool");
        }
    }

    /** Workers on {@code pool}, up to {@code parallelism} segments of a representation at once. */
    public static SegmentWorkers of(ExecutorService pool, int parallelism) {
        return parallelism <= 1 ? SEQUENTIAL : new SegmentWorkers(Objects.requireNonNull(pool, "pool"), parallelism);
    }
}
