package io.packager4j.core.packaging;

import io.packager4j.core.cmaf.BoxWriter;
import io.packager4j.core.output.SegmentInfo;

import java.util.List;

/** Writes a {@code sidx} (14496-12 8.16.3) indexing every media segment of an on-demand file. */
final class SegmentIndexWriter {

    private SegmentIndexWriter() {
    }

    /** Size of a version-1 sidx with {@code references} entries. */
    static int size(int references) {
        return 8 + 4 + 4 + 4 + 8 + 8 + 2 + 2 + 12 * references;
    }

    static void write(BoxWriter w, long timescale, List<SegmentInfo> segments) {
        int sidx = w.beginFull("sidx", 1, 0);
        w.u32(1).u32(timescale).u64(segments.get(0).startTime()).u64(0).u16(0).u16(segments.size());
        for (SegmentInfo s : segments) {
            w.u32(s.size() & 0x7FFFFFFFL); // reference_type 0: media
            w.u32(s.duration());
            w.u32(0x90000000L); // starts_with_SAP = 1, SAP_type = 1
        }
        w.end(sidx);
    }
}
