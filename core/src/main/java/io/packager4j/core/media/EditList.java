package io.packager4j.core.media;

/**
 * What a track's edit list ({@code elst}) asks of presentation, reduced to what CMAF can carry: an
 * initial delay (leading empty edits) and the media time where presentation starts (the first
 * non-empty edit). Both are in the track's media timescale.
 *
 * @param delay          presentation time before the first sample is shown (empty edits)
 * @param mediaStartTime composition time of the media that is shown first (e.g. the B-frame delay or
 *                       AAC encoder priming); earlier samples are not presented
 */
public record EditList(long delay, long mediaStartTime) {

    public static final EditList NONE = new EditList(0, 0);
}
