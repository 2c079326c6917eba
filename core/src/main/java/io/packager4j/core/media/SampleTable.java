package io.packager4j.core.media;

import java.util.Arrays;

/**
 * Where every sample of a track lies in its file, and when it is decoded and presented, held in
 * primitive arrays (about 25 bytes a sample: a two-hour 60 fps track costs 11 MB, not its media).
 *
 * <p>Times are in the track's media timescale, as in the input: decode time and composition offset
 * (which may be negative, as in {@code ctts} v1 or {@code trun} v1).
 */
public final class SampleTable {

    private final int count;
    private final long[] offsets;
    private final int[] sizes;
    private final long[] decodeTimes;
    private final int[] durations;
    private final int[] compositionOffsets;
    private final boolean[] sync;

    private SampleTable(int count, long[] offsets, int[] sizes, long[] decodeTimes, int[] durations,
                        int[] compositionOffsets, boolean[] sync) {
        this.count = count;
        this.offsets = offsets;
        this.sizes = sizes;
        this.decodeTimes = decodeTimes;
        this.durations = durations;
        this.compositionOffsets = compositionOffsets;
        this.sync = sync;
    }

    public int count() {
        return count;
    }

    /** Byte offset of sample {@code i} (0-based) in the file. */
    public long offset(int i) {
        return offsets[i];
    }

    public int size(int i) {
        return sizes[i];
    }

    public long decodeTime(int i) {
        return decodeTimes[i];
    }

    public int duration(int i) {
        return durations[i];
    }

    public int compositionOffset(int i) {
        return compositionOffsets[i];
    }

    /** True if the sample is a sync sample (a random access point). */
    public boolean isSync(int i) {
        return sync[i];
    }

    /** Sum of sample sizes from {@code from} (inclusive) to {@code to} (exclusive). */
    public long bytes(int from, int to) {
        long total = 0;
        for (int i = from; i < to; i++) {
            total += sizes[i];
        }
        return total;
    }

    /** Decode time just past the last sample. */
    public long endDecodeTime() {
        return count == 0 ? 0 : decodeTimes[count - 1] + durations[count - 1];
    }

    /** Accumulates samples in file order; grows its arrays geometrically. */
    public static final class Builder {
        private int count;
        private long[] offsets = new long[256];
        private int[] sizes = new int[256];
        private long[] decodeTimes = new long[256];
        private int[] durations = new int[256];
        private int[] compositionOffsets = new int[256];
        private boolean[] sync = new boolean[256];

        public Builder add(long offset, int size, long decodeTime, int duration, int compositionOffset, boolean isSync) {
            if (count == offsets.length) {
                int n = count * 2;
                offsets = Arrays.copyOf(offsets, n);
                sizes = Arrays.copyOf(sizes, n);
                decodeTimes = Arrays.copyOf(decodeTimes, n);
                durations = Arrays.copyOf(durations, n);
                compositionOffsets = Arrays.copyOf(compositionOffsets, n);
                sync = Arrays.copyOf(sync, n);
            }
            offsets[count] = offset;
            sizes[count] = size;
            decodeTimes[count] = decodeTime;
            durations[count] = duration;
            compositionOffsets[count] = compositionOffset;
            sync[count] = isSync;
            count++;
            return this;
        }

        public int count() {
            return count;
        }

        public SampleTable build() {
            return new SampleTable(count, Arrays.copyOf(offsets, count), Arrays.copyOf(sizes, count),
                    Arrays.copyOf(decodeTimes, count), Arrays.copyOf(durations, count),
                    Arrays.copyOf(compositionOffsets, count), Arrays.copyOf(sync, count));
        }
    }
}
