package io.packager4j.platform.ladder;

import java.util.OptionalInt;

/**
 * Reads ffmpeg's {@code -progress} output: blocks of {@code key=value} lines, each ending with
 * {@code progress=continue} (or {@code progress=end} for the last), about twice a second. The
 * position reached is {@code out_time_us} (microseconds of output written; {@code N/A} before the
 * first frame); against the source's duration it gives a percentage.
 */
public final class FfmpegProgress {

    private final double durationMicros;
    private long outTimeMicros = -1;
    private boolean ended;

    /** @param durationSeconds the source's duration; the percentage is of that */
    public FfmpegProgress(double durationSeconds) {
        this.durationMicros = durationSeconds * 1e6;
    }

    /**
     * Takes one line; at the end of a block returns the percentage done, 0 to 100 (100 once ffmpeg
     * says it has ended), otherwise empty.
     */
    public OptionalInt accept(String line) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            return OptionalInt.empty();
        }
        String key = line.substring(0, eq).trim();
        String value = line.substring(eq + 1).trim();
        switch (key) {
            case "out_time_us" -> outTimeMicros = parseMicros(value, outTimeMicros);
            case "progress" -> {
                if (value.equals("end")) {
                    ended = true;
                    return OptionalInt.of(100);
                }
                return OptionalInt.of(percent());
            }
            default -> {
                // frame=, fps=, bitrate=, speed=, ... say nothing about the position
            }
        }
        return OptionalInt.empty();
    }

    /** Whether the last block said {@code progress=end}. */
    public boolean ended() {
        return ended;
    }

    private int percent() {
        if (outTimeMicros <= 0 || !(durationMicros > 0)) {
            return 0;
        }
        // Output can run a little past the duration (the longer of audio and video); never past 100.
        return (int) Math.min(100, Math.max(0, Math.floor(outTimeMicros * 100.0 / durationMicros)));
    }

    private static long parseMicros(String value, long fallback) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return fallback; // "N/A" before the first frame is written
        }
    }
}
