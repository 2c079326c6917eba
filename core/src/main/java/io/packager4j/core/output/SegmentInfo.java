package io.packager4j.core.output;

/**
 * One media segment as written.
 *
 * @param startTime earliest presentation time of the segment in the representation's timescale, on the
 *     media timeline (before the presentationTimeOffset is subtracted): the MPD's {@code S@t}
 * @param duration  presentation duration in the representation's timescale: the MPD's {@code S@d}
 * @param size      bytes of the segment ({@code styp}/{@code moof}/{@code mdat})
 * @param offset    where the segment starts in its file: 0 for a segment file of its own (live
 *     profile), after the init segment, the {@code sidx} and the earlier segments on demand
 * @param keyFrame  the bytes a player needs to show the segment's first picture on its own, in the
 *     same file: from the {@code moof} through the {@code mdat} header to the end of the first
 *     sample, which is a sync sample (HLS I-frame playlists address exactly these); null when not
 *     known, for example for hand-built outputs
 * @param encrypted whether the segment's samples are encrypted (false for clear output and for
 *     the segments of a clear lead)
 */
public record SegmentInfo(long startTime, long duration, long size, long offset, ByteRange keyFrame,
                          boolean encrypted) {

    public SegmentInfo {
        if (offset < 0) {
            throw new IllegalArgumentException("negative segment offset " + offset);
        }
        if (keyFrame != null && (keyFrame.offset() < offset || keyFrame.end() > offset + size)) {
            throw new IllegalArgumentException("key frame " + keyFrame + " lies outside the segment "
                    + size + "@" + offset);
        }
    }

    /** A clear segment at the start of its own file, with no key-frame range. */
    public SegmentInfo(long startTime, long duration, long size) {
        this(startTime, duration, size, 0, null, false);
    }

    /** The segment's bytes in its file. */
    public ByteRange range() {
        return new ByteRange(offset, size);
    }

    /** This segment moved to {@code newOffset} in its file (the key frame moves with it). */
    public SegmentInfo at(long newOffset) {
        ByteRange frame = keyFrame == null ? null
                : new ByteRange(keyFrame.offset() - offset + newOffset, keyFrame.length());
        return new SegmentInfo(startTime, duration, size, newOffset, frame, encrypted);
    }
}
