package io.packager4j.core.packaging;

import io.packager4j.core.cmaf.SegmentPlan;
import io.packager4j.core.cmaf.TrackTimeline;
import io.packager4j.core.media.Track;

/**
 * One representation to write: the track, its id, where its segments cut, and what happens to its
 * samples (decryption, encryption).
 *
 * @param id         representation id; also its folder (live) or file name stem (on-demand)
 * @param track      the source track
 * @param timeline   input-to-output timing
 * @param plan       segment boundaries
 * @param transforms decryption and encryption, {@link SampleTransforms#NONE} for clear to clear
 */
public record RepresentationSpec(String id, Track track, TrackTimeline timeline, SegmentPlan plan,
                                 SampleTransforms transforms) {
}
