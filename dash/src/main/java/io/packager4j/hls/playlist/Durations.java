package io.packager4j.hls.playlist;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Durations as HLS writes them. */
public final class Durations {

    /** EXTINF precision: microseconds, finer than any frame and exact for the usual timescales' sums. */
    private static final int MAX_DECIMALS = 6;

    private Durations() {
    }

    /**
     * {@code ticks / timescale} seconds, to the microsecond, written with at least three decimals
     * ({@code 2.000}, {@code 2.002}, {@code 0.021333}).
     */
    public static BigDecimal seconds(long ticks, long timescale) {
        if (timescale < 1) {
            throw new IllegalArgumentException("timescale " + timescale + " is not positive");
        }
        BigDecimal exact = BigDecimal.valueOf(ticks).divide(BigDecimal.valueOf(timescale), MAX_DECIMALS,
                RoundingMode.HALF_EVEN).stripTrailingZeros();
        return exact.scale() < 3 ? exact.setScale(3) : exact;
    }

    /** The duration rounded to the nearest integer, halves up: how RFC 8216 compares it with the target duration. */
    public static long roundToNearest(BigDecimal seconds) {
        return seconds.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * The target duration for segments of these durations: the largest rounded to the nearest
     * integer (RFC 8216 section 4.3.3.1), at least 1.
     */
    public static long targetDuration(Iterable<BigDecimal> durations) {
        long max = 1;
        for (BigDecimal d : durations) {
            max = Math.max(max, roundToNearest(d));
        }
        return max;
    }
}
