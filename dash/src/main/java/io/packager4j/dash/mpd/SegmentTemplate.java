package io.packager4j.dash.mpd;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * The {@code SegmentTemplate} element ({@code SegmentTemplateType}): segment URLs built from a
 * template, their times from a SegmentTimeline.
 */
@XmlType(name = "SegmentTemplateType", propOrder = {"segmentTimeline"})
public class SegmentTemplate {

    @XmlAttribute(name = "timescale")
    private Long timescale;

    @XmlAttribute(name = "presentationTimeOffset")
    private Long presentationTimeOffset;

    @XmlAttribute(name = "initialization")
    private String initialization;

    @XmlAttribute(name = "media")
    private String media;

    @XmlAttribute(name = "startNumber")
    private Long startNumber;

    @XmlElement(name = "SegmentTimeline")
    private SegmentTimeline segmentTimeline;

    /** {@code @timescale}, ticks per second. */
    public Long getTimescale() {
        return timescale;
    }

    /** Sets {@code @timescale}. */
    public SegmentTemplate timescale(long timescale) {
        this.timescale = timescale;
        return this;
    }

    /** {@code @presentationTimeOffset}, or {@code null} for the default 0. */
    public Long getPresentationTimeOffset() {
        return presentationTimeOffset;
    }

    /** Sets {@code @presentationTimeOffset}; {@code null} omits it. */
    public SegmentTemplate presentationTimeOffset(Long presentationTimeOffset) {
        this.presentationTimeOffset = presentationTimeOffset;
        return this;
    }

    /** {@code @initialization}: the init segment URL template. */
    public String getInitialization() {
        return initialization;
    }

    /** Sets {@code @initialization}; the value must already be URI-escaped. */
    public SegmentTemplate initialization(String initialization) {
        this.initialization = initialization;
        return this;
    }

    /** {@code @media}: the media segment URL template, e.g. with {@code $Number$}. */
    public String getMedia() {
        return media;
    }

    /** Sets {@code @media}; the value must already be URI-escaped outside its {@code $...$} identifiers. */
    public SegmentTemplate media(String media) {
        this.media = media;
        return this;
    }

    /** {@code @startNumber}. */
    public Long getStartNumber() {
        return startNumber;
    }

    /** Sets {@code @startNumber}. */
    public SegmentTemplate startNumber(Long startNumber) {
        this.startNumber = startNumber;
        return this;
    }

    /** The SegmentTimeline, or {@code null}. */
    public SegmentTimeline getSegmentTimeline() {
        return segmentTimeline;
    }

    /** Sets or (with {@code null}) removes the SegmentTimeline. */
    public SegmentTemplate segmentTimeline(SegmentTimeline segmentTimeline) {
        this.segmentTimeline = segmentTimeline;
        return this;
    }
}
