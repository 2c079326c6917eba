package io.packager4j.crypto.subsample;

import java.util.Arrays;

/**
 * The subsample map of one sample, as {@code senc} carries it: a list of (clear bytes, protected
 * bytes) pairs that together cover the sample. Reused from sample to sample so that building a map
 * allocates nothing once the arrays have grown; not thread-safe.
 */
public final class Subsamples {

    /** Largest BytesOfClearData a subsample entry can hold (an unsigned 16-bit field). */
    public static final int MAX_CLEAR = 0xFFFF;

    private int[] clear = new int[16];
    private int[] protectedBytes = new int[16];
    private int count;

    /** Empties the map. */
    public void reset() {
        count = 0;
    }

    /**
     * Appends {@code clearBytes} clear bytes followed by {@code protectedLength} protected bytes.
     * Clear bytes are merged into the previous entry when that entry protects nothing, and runs of
     * clear bytes longer than {@link #MAX_CLEAR} are split over several entries, so the map is
     * always the shortest one {@code senc} can express.
     */
    public void add(int clearBytes, int protectedLength) {
        if (clearBytes < 0 || protectedLength < 0) {
            throw new IllegalArgumentException("negative subsample length");
        }
        if (count > 0 && protectedBytes[count - 1] == 0) {
            // The previous entry ends in clear bytes: extend its clear run.
            clearBytes += clear[count - 1];
            count--;
        }
        while (clearBytes > MAX_CLEAR) {
            append(MAX_CLEAR, 0);
            clearBytes -= MAX_CLEAR;
        }
        append(clearBytes, protectedLength);
    }

    private void append(int c, int p) {
        if (count == clear.length) {
            clear = Arrays.copyOf(clear, count * 2);
            protectedBytes = Arrays.copyOf(protectedBytes, count * 2);
        }
        clear[count] = c;
        protectedBytes[count] = p;
        count++;
    }

    /** Number of entries. */
    public int count() {
        return count;
    }

    /** BytesOfClearData of entry {@code i}. */
    public int clearBytes(int i) {
        return clear[i];
    }

    /** BytesOfProtectedData of entry {@code i}. */
    public int protectedBytes(int i) {
        return protectedBytes[i];
    }

    /** Sum of all clear and protected bytes: the sample size the map covers. */
    public long totalBytes() {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += clear[i] + (long) protectedBytes[i];
        }
        return total;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ", ").append(clear[i]).append('+').append(protectedBytes[i]);
        }
        return sb.append(']').toString();
    }
}
