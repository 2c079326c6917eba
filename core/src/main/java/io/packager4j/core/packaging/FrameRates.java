package io.packager4j.core.packaging;

import io.packager4j.core.media.Rational;
import io.packager4j.core.media.SampleTable;

import java.util.HashMap;
import java.util.Map;

/** Derives a video track's frame rate from its sample durations. */
final class FrameRates {

    private FrameRates() {
    }

    /** timescale / the most common sample duration; null if there are no samples. */
    static Rational of(SampleTable samples, long timescale) {
        Map<Integer, Integer> counts = new HashMap<>();
        int best = 0;
        int bestCount = 0;
        for (int i = 0; i < samples.count(); i++) {
            int d = samples.duration(i);
            int c = counts.merge(d, 1, Integer::sum);
            if (c > bestCount) {
                best = d;
                bestCount = c;
            }
        }
        return best <= 0 ? null : Rational.of(timescale, best);
    }
}
