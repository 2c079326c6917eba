package io.packager4j.dash.mpd;

import java.time.Duration;

/**
 * Formats {@code xs:duration} values the way MPDs conventionally carry them: {@code PT1M4.000S}.
 *
 * <p>Durations are rounded to the nearest millisecond (players do not need more, and it keeps
 * the manifest stable across tiny floating-point differences). Hours are not folded into days,
 * which {@code xs:duration} allows and every DASH player parses. Numbers are built from integers,
 * so there is never a scientific notation such as {@code 1.0E7S}.
 */
public final class XsDuration {

    private XsDuration() {
    }

    /**
     * Formats a non-negative duration, for example {@code PT0S}, {@code PT4.000S},
     * {@code PT1M4.000S} or {@code PT2H0.500S}.
     *
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + duration);
        }
        return formatMillis(roundToMillis(duration));
    }

    /**
     * A duration of {@code seconds}, rounded to the nearest millisecond.
     *
     * @throws IllegalArgumentException if {@code seconds} is negative, NaN or infinite
     */
    public static Duration ofSeconds(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("not a non-negative finite number of seconds: " + seconds);
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static long roundToMillis(Duration d) {
        // toMillis() truncates; adding half a millisecond first rounds half up for non-negative values.
        return d.plusNanos(500_000).toMillis();
    }

    private static String formatMillis(long totalMillis) {
        if (totalMillis == 0) {
            return "PT0S";
        }
        long hours = totalMillis / 3_600_000;
        long minutes = totalMillis / 60_000 % 60;
        long seconds = totalMillis / 1000 % 60;
        long millis = totalMillis % 1000;
        StringBuilder sb = new StringBuilder("PT");
        if (hours > 0) {
            sb.append(hours).append('H');
        }
        if (minutes > 0) {
            sb.append(minutes).append('M');
        }
        sb.append(seconds).append('.');
        // Zero-pad to three digits: 5 ms is ".005", not ".5".
        if (millis < 100) {
            sb.append('0');
        }
        if (millis < 10) {
            sb.append('0');
        }
        return sb.append(millis).append('S').toString();
    }
}
