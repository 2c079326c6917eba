package io.packager4j.core.output;

/**
 * One media segment as written.
 *
 * @param startTime earliest presentation time of the segment in the representation's timescale, on the
 *     media timeline (before the presentationTimeOffset is subtracted): the MPD's {@code S@t}
 * @param duration  presentation duration in the representation's timescale: the MPD's {@code S@d}
 * @param size      bytes of the segment ({@code styp}/{@code moof}/{@code mdat})
 */
public record SegmentInfo(long startTime, long duration, long size) {
}
