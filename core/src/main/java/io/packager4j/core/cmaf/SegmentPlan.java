package io.packager4j.core.cmaf;

import java.util.Arrays;

/**
 * Where a representation's segments start and end, as sample indices in decode order: segment
 * {@code k} holds samples {@code [start(k), start(k + 1))}.
 */
public final class SegmentPlan {

    private final int[] bounds;

    /** @param bounds ascending sample indices: every segment's first sample, then the end (exclusive) */
    public SegmentPlan(int[] bounds) {
        if (bounds.length < 2) {
            throw new IllegalArgumentException("a plan needs at least one segment");
        }
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException("segment bounds must ascend: " + Arrays.toString(bounds));
            }
        }
        this.bounds = bounds.clone();
    }

    public int segmentCount() {
        return bounds.length - 1;
    }

    /** First sample of segment {@code k} (0-based). */
    public int start(int k) {
        return bounds[k];
    }

    /** One past the last sample of segment {@code k}. */
    public int end(int k) {
        return bounds[k + 1];
    }

    /** First sample of the whole plan (samples before it are not packaged). */
    public int firstSample() {
        return bounds[0];
    }

    public int endSample() {
        return bounds[bounds.length - 1];
    }
}
