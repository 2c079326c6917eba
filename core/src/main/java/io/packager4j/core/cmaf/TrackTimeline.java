package io.packager4j.core.cmaf;

import io.packager4j.core.media.EditList;
import io.packager4j.core.media.SampleTable;
import io.packager4j.core.media.Track;

/**
 * Maps a track's input timing to CMAF output timing so that the edit list is honoured without an
 * edit list in the output, and audio and video stay in sync.
 *
 * <p>Presentation time of a sample, in the input: {@code dts + cto - mediaStartTime + delay}. The
 * output keeps the decode times (shifted by {@link #decodeTimeOffset()}), shifts composition
 * offsets by {@link #compositionShift()} for video (so the first frame is presented at its decode
 * time; offsets may become negative and are written with {@code trun} version 1) and carries any
 * remainder as the representation's {@code presentationTimeOffset}:
 * {@code presentation = dts + decodeTimeOffset + cto - compositionShift - presentationTimeOffset}.
 */
public final class TrackTimeline {

    private final SampleTable samples;
    private final long timescale;
    private final long compositionShift;
    private final long decodeTimeOffset;
    private final long presentationTimeOffset;

    private TrackTimeline(SampleTable samples, long timescale, long compositionShift, long decodeTimeOffset,
                          long presentationTimeOffset) {
        this.samples = samples;
        this.timescale = timescale;
        this.compositionShift = compositionShift;
        this.decodeTimeOffset = decodeTimeOffset;
        this.presentationTimeOffset = presentationTimeOffset;
    }

    public static TrackTimeline of(Track track) {
        SampleTable s = track.samples();
        EditList edit = track.editList();
        boolean reorders = false;
        for (int i = 0; i < s.count() && !reorders; i++) {
            reorders = s.compositionOffset(i) != 0;
        }
        // Video with composition offsets absorbs the start time into the offsets (CMAF's negative
        // offsets); audio keeps its offsets at zero and carries the start time as presentationTimeOffset.
        long shift = reorders ? edit.mediaStartTime() : 0;
        long residual = edit.delay() - edit.mediaStartTime() + shift;
        return new TrackTimeline(s, track.timescale(), shift, Math.max(residual, 0), Math.max(-residual, 0));
    }

    public long timescale() {
        return timescale;
    }

    public long compositionShift() {
        return compositionShift;
    }

    public long decodeTimeOffset() {
        return decodeTimeOffset;
    }

    /** The MPD's presentationTimeOffset for this representation, in its timescale. */
    public long presentationTimeOffset() {
        return presentationTimeOffset;
    }

    /** Output decode time ({@code tfdt}) of sample {@code i}. */
    public long decodeTime(int i) {
        return samples.decodeTime(i) + decodeTimeOffset;
    }

    /** Output composition offset of sample {@code i}; may be negative. */
    public long compositionOffset(int i) {
        return samples.compositionOffset(i) - compositionShift;
    }

    /** Output composition time of sample {@code i}: the media time the MPD timeline uses. */
    public long mediaTime(int i) {
        return decodeTime(i) + compositionOffset(i);
    }

    /** Presentation time of sample {@code i} on the period timeline, in ticks. */
    public long presentationTicks(int i) {
        return mediaTime(i) - presentationTimeOffset;
    }

    /** Earliest media time of samples {@code [from, to)}. */
    public long earliestMediaTime(int from, int to) {
        long min = Long.MAX_VALUE;
        for (int i = from; i < to; i++) {
            min = Math.min(min, mediaTime(i));
        }
        return min;
    }

    /** Latest media time at which samples {@code [from, to)} stop being presented. */
    public long mediaEndTime(int from, int to) {
        long max = Long.MIN_VALUE;
        for (int i = from; i < to; i++) {
            max = Math.max(max, mediaTime(i) + samples.duration(i));
        }
        return max;
    }
}
