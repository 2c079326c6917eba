package io.packager4j.dash.mpd;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * The {@code SegmentBase} element ({@code SegmentBaseType}): a single-file representation whose
 * segments are found through the {@code sidx} at {@code indexRange}.
 */
@XmlType(name = "SegmentBaseType", propOrder = {"initialization"})
public class SegmentBase {

    @XmlAttribute(name = "timescale")
    private Long timescale;

    @XmlAttribute(name = "presentationTimeOffset")
    private Long presentationTimeOffset;

    @XmlAttribute(name = "indexRange")
    private String indexRange;

    @XmlAttribute(name = "indexRangeExact")
    private Boolean indexRangeExact;

    @XmlElement(name = "Initialization")
    private Initialization initialization;

    /** {@code @timescale}, ticks per second. */
    public Long getTimescale() {
        return timescale;
    }

    /** Sets {@code @timescale}. */
    public SegmentBase timescale(long timescale) {
        this.timescale = timescale;
        return this;
    }

    /** {@code @presentationTimeOffset}, or {@code null} for the default 0. */
    public Long getPresentationTimeOffset() {
        return presentationTimeOffset;
    }

    /** Sets {@code @presentationTimeOffset}; {@code null} omits it. */
    public SegmentBase presentationTimeOffset(Long presentationTimeOffset) {
        this.presentationTimeOffset = presentationTimeOffset;
        return this;
    }

    /** {@code @indexRange}: the byte range of the {@code sidx}, {@code "first-last"}. */
    public String getIndexRange() {
        return indexRange;
    }

    /** Sets {@code @indexRange}. */
    public SegmentBase indexRange(String indexRange) {
        this.indexRange = indexRange;
        return this;
    }

    /** {@code @indexRangeExact}. */
    public Boolean getIndexRangeExact() {
        return indexRangeExact;
    }

    /** Sets {@code @indexRangeExact}: true when {@code indexRange} is exactly the {@code sidx}. */
    public SegmentBase indexRangeExact(Boolean exact) {
        this.indexRangeExact = exact;
        return this;
    }

    /** The Initialization element, or {@code null}. */
    public Initialization getInitialization() {
        return initialization;
    }

    /** Sets or (with {@code null}) removes the Initialization element. */
    public SegmentBase initialization(Initialization initialization) {
        this.initialization = initialization;
        return this;
    }
}
