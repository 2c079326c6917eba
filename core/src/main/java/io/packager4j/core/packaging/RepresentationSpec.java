package io.packager4j.core.packaging;

import io.packager4j.core.cmaf.SampleDecryption;
import io.packager4j.core.cmaf.SampleProtection;
import io.packager4j.core.cmaf.SegmentPlan;
import io.packager4j.core.cmaf.TrackTimeline;
import io.packager4j.core.media.Track;

/**
 * One representation to write: the track, its id, where its segments cut, and how it is protected.
 *
 * @param id         representation id; also its folder (live) or file name stem (on-demand)
 * @param track      the source track
 * @param timeline   input-to-output timing
 * @param plan       segment boundaries
 * @param decryption decrypts an encrypted input's samples, or null for a clear input
 * @param protection encryption hook, or null for clear output
 */
public record RepresentationSpec(String id, Track track, TrackTimeline timeline, SegmentPlan plan,
                                 SampleDecryption decryption, SampleProtection protection) {
}
