package io.packager4j.dash.mpd;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * The {@code Representation} element ({@code RepresentationType}).
 *
 * <p>Children in schema order: first those inherited from {@code RepresentationBaseType}
 * (AudioChannelConfiguration, ContentProtection, EssentialProperty, SupplementalProperty), then
 * BaseURL, SegmentBase, SegmentTemplate. A representation has SegmentBase (on-demand) or
 * SegmentTemplate (live), not both.
 */
@XmlType(name = "RepresentationType", propOrder = {
        "baseUrl", "segmentBase", "segmentTemplate"})
public class Representation extends RepresentationBase<Representation> {

    @XmlAttribute(name = "id", required = true)
    private String id;

    @XmlAttribute(name = "bandwidth", required = true)
    private Long bandwidth;

    @XmlAttribute(name = "width")
    private Long width;

    @XmlAttribute(name = "height")
    private Long height;

    @XmlAttribute(name = "frameRate")
    private String frameRate;

    @XmlAttribute(name = "sar")
    private String sar;

    @XmlAttribute(name = "audioSamplingRate")
    private String audioSamplingRate;

    @XmlElement(name = "BaseURL")
    private String baseUrl;

    @XmlElement(name = "SegmentBase")
    private SegmentBase segmentBase;

    @XmlElement(name = "SegmentTemplate")
    private SegmentTemplate segmentTemplate;

    /** Representation@id. */
    public String getId() {
        return id;
    }

    /** Sets Representation@id (required, no whitespace, unique within the period). */
    public Representation id(String id) {
        this.id = id;
        return this;
    }

    /** Representation@bandwidth in bits per second. */
    public Long getBandwidth() {
        return bandwidth;
    }

    /** Sets Representation@bandwidth (required). */
    public Representation bandwidth(long bandwidth) {
        this.bandwidth = bandwidth;
        return this;
    }

    /** {@code @width}. */
    public Long getWidth() {
        return width;
    }

    /** Sets {@code @width}. */
    public Representation width(long width) {
        this.width = width;
        return this;
    }

    /** {@code @height}. */
    public Long getHeight() {
        return height;
    }

    /** Sets {@code @height}. */
    public Representation height(long height) {
        this.height = height;
        return this;
    }

    /** {@code @frameRate} such as {@code 25} or {@code 30000/1001}. */
    public String getFrameRate() {
        return frameRate;
    }

    /** Sets {@code @frameRate}. */
    public Representation frameRate(String frameRate) {
        this.frameRate = frameRate;
        return this;
    }

    /** {@code @sar}, the sample aspect ratio such as {@code 1:1}. */
    public String getSar() {
        return sar;
    }

    /** Sets {@code @sar}. */
    public Representation sar(String sar) {
        this.sar = sar;
        return this;
    }

    /** {@code @audioSamplingRate} in Hz. */
    public String getAudioSamplingRate() {
        return audioSamplingRate;
    }

    /** Sets {@code @audioSamplingRate}. */
    public Representation audioSamplingRate(long hertz) {
        this.audioSamplingRate = Long.toString(hertz);
        return this;
    }

    /** The BaseURL, already URI-escaped. */
    public String getBaseUrl() {
        return baseUrl;
    }

    /** Sets or (with {@code null}) removes the BaseURL; the value must already be a URI reference. */
    public Representation baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
        return this;
    }

    /** The SegmentBase (on-demand profile), or {@code null}. */
    public SegmentBase getSegmentBase() {
        return segmentBase;
    }

    /** Sets or (with {@code null}) removes the SegmentBase. */
    public Representation segmentBase(SegmentBase segmentBase) {
        this.segmentBase = segmentBase;
        return this;
    }

    /** The SegmentTemplate (live profile), or {@code null}. */
    public SegmentTemplate getSegmentTemplate() {
        return segmentTemplate;
    }

    /** Sets or (with {@code null}) removes the SegmentTemplate. */
    public Representation segmentTemplate(SegmentTemplate segmentTemplate) {
        this.segmentTemplate = segmentTemplate;
        return this;
    }

    @Override
    protected Representation self() {
        return this;
    }
}
