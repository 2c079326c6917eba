package io.packager4j.core.cmaf;

/**
 * Where the parts of one written media segment lie, relative to the segment's first byte: what
 * HLS needs to address the segment's key frame by byte range without reading the file again.
 *
 * @param size          bytes of the whole segment
 * @param moofOffset    where the {@code moof} starts (after the {@code styp}, if any)
 * @param firstSampleEnd the byte after the first sample's data: {@code moof}, {@code mdat}
 *                      header and the first (sync) sample are {@code [moofOffset, firstSampleEnd)}
 * @param encrypted     whether the segment's samples are encrypted
 */
public record SegmentLayout(long size, long moofOffset, long firstSampleEnd, boolean encrypted) {
}
