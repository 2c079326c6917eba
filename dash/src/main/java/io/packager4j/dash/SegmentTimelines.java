package io.packager4j.dash;

import io.packager4j.core.output.SegmentInfo;
import io.packager4j.dash.mpd.SegmentTimeline;
import io.packager4j.dash.mpd.TimelineEntry;

import java.util.List;

/**
 * Builds the run-length SegmentTimeline of a representation's segments.
 *
 * <p>Consecutive segments of equal duration, each starting where the previous ends, share one
 * {@code S} with {@code @r}. {@code @t} is written on the first {@code S} and after a gap, so
 * expanding the timeline yields exactly the input start times and durations.
 */
final class SegmentTimelines {

    private SegmentTimelines() {
    }

    /**
     * The timeline of {@code segments}.
     *
     * @throws IllegalArgumentException if a segment has a negative start, a non-positive duration,
     *     or starts before the previous one ends (a timeline cannot go back in time)
     */
    static SegmentTimeline of(String representationId, List<SegmentInfo> segments) {
        SegmentTimeline timeline = new SegmentTimeline();
        Long runStart = null;   // @t of the open run, null when contiguous with the run before
        long runDuration = 0;
        long runRepeats = 0;
        long end = 0;           // end time of the previous segment
        boolean open = false;
        for (int i = 0; i < segments.size(); i++) {
            SegmentInfo s = segments.get(i);
            check(representationId, i, s, open, end);
            boolean contiguous = open && s.startTime() == end;
            if (contiguous && s.duration() == runDuration) {
                runRepeats++;
            } else {
                if (open) {
                    timeline.add(new TimelineEntry(runStart, runDuration, runRepeats));
                }
                runStart = contiguous ? null : s.startTime();
                runDuration = s.duration();
                runRepeats = 0;
                open = true;
            }
            end = s.startTime() + s.duration();
        }
        if (open) {
            timeline.add(new TimelineEntry(runStart, runDuration, runRepeats));
        }
        return timeline;
    }

    private static void check(String id, int index, SegmentInfo s, boolean hasPrevious, long previousEnd) {
        if (s.startTime() < 0) {
            throw new IllegalArgumentException(
                    "representation " + id + ": segment " + index + " starts at negative time " + s.startTime());
        }
        if (s.duration() <= 0) {
            throw new IllegalArgumentException(
                    "representation " + id + ": segment " + index + " has duration " + s.duration());
        }
        if (hasPrevious && s.startTime() < previousEnd) {
            throw new IllegalArgumentException("representation " + id + ": segment " + index + " starts at "
                    + s.startTime() + ", before the previous segment ends at " + previousEnd);
        }
        if (Long.MAX_VALUE - s.startTime() < s.duration()) {
            throw new IllegalArgumentException("representation " + id + ": segment " + index + " ends past 2^63");
        }
    }
}
