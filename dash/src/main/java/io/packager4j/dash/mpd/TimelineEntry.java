package io.packager4j.dash.mpd;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlType;

/**
 * One {@code S} element of a SegmentTimeline: {@code r + 1} consecutive segments of duration
 * {@code d}, the first starting at {@code t} or, when {@code t} is absent, where the previous
 * entry ends.
 */
@XmlType(name = "SType")
public class TimelineEntry {

    @XmlAttribute(name = "t")
    private Long t;

    @XmlAttribute(name = "d", required = true)
    private long d;

    @XmlAttribute(name = "r")
    private Long r;

    /** For JAXB. */
    public TimelineEntry() {
    }

    /**
     * An entry.
     *
     * @param t start time, or {@code null} when contiguous with the previous entry
     * @param d duration of each segment
     * @param r how many more segments of the same duration follow; 0 is written as no attribute
     */
    public TimelineEntry(Long t, long d, long r) {
        this.t = t;
        this.d = d;
        this.r = r == 0 ? null : r;
    }

    /** {@code @t}, or {@code null}. */
    public Long getT() {
        return t;
    }

    /** {@code @d}. */
    public long getD() {
        return d;
    }

    /** {@code @r}: repeat count, 0 when absent. */
    public long getR() {
        return r == null ? 0 : r;
    }
}
