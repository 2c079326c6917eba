package io.packager4j.dash.mpd;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code AdaptationSet} element ({@code AdaptationSetType}): interchangeable representations
 * of one content component.
 *
 * <p>Children in schema order. {@code AdaptationSetType} extends {@code RepresentationBaseType},
 * so the inherited children (AudioChannelConfiguration, ContentProtection, EssentialProperty,
 * SupplementalProperty) come first, then the set's own (Role, SegmentTemplate, Representation).
 */
@XmlType(name = "AdaptationSetType", propOrder = {
        "roles", "segmentTemplate", "representations"})
public class AdaptationSet extends RepresentationBase<AdaptationSet> {

    @XmlAttribute(name = "id")
    private Long id;

    @XmlAttribute(name = "contentType")
    private String contentType;

    @XmlAttribute(name = "lang")
    private String lang;

    @XmlAttribute(name = "par")
    private String par;

    @XmlAttribute(name = "maxWidth")
    private Long maxWidth;

    @XmlAttribute(name = "maxHeight")
    private Long maxHeight;

    @XmlAttribute(name = "maxFrameRate")
    private String maxFrameRate;

    @XmlAttribute(name = "segmentAlignment")
    private Boolean segmentAlignment;

    @XmlAttribute(name = "subsegmentAlignment")
    private Boolean subsegmentAlignment;

    @XmlAttribute(name = "subsegmentStartsWithSAP")
    private Integer subsegmentStartsWithSap;

    @XmlAttribute(name = "bitstreamSwitching")
    private Boolean bitstreamSwitching;

    @XmlElement(name = "Role")
    private List<Descriptor> roles = new ArrayList<>();

    @XmlElement(name = "SegmentTemplate")
    private SegmentTemplate segmentTemplate;

    @XmlElement(name = "Representation")
    private List<Representation> representations = new ArrayList<>();

    /** AdaptationSet@id. */
    public Long getId() {
        return id;
    }

    /** Sets AdaptationSet@id, unique within the period. */
    public AdaptationSet id(long id) {
        this.id = id;
        return this;
    }

    /** AdaptationSet@contentType ({@code video}, {@code audio}, ...). */
    public String getContentType() {
        return contentType;
    }

    /** Sets AdaptationSet@contentType. */
    public AdaptationSet contentType(String contentType) {
        this.contentType = contentType;
        return this;
    }

    /** AdaptationSet@lang. */
    public String getLang() {
        return lang;
    }

    /** Sets AdaptationSet@lang, an {@code xs:language} tag. */
    public AdaptationSet lang(String lang) {
        this.lang = lang;
        return this;
    }

    /** AdaptationSet@par, the picture aspect ratio such as {@code 16:9}. */
    public String getPar() {
        return par;
    }

    /** Sets AdaptationSet@par. */
    public AdaptationSet par(String par) {
        this.par = par;
        return this;
    }

    /** AdaptationSet@maxWidth. */
    public Long getMaxWidth() {
        return maxWidth;
    }

    /** Sets AdaptationSet@maxWidth. */
    public AdaptationSet maxWidth(long maxWidth) {
        this.maxWidth = maxWidth;
        return this;
    }

    /** AdaptationSet@maxHeight. */
    public Long getMaxHeight() {
        return maxHeight;
    }

    /** Sets AdaptationSet@maxHeight. */
    public AdaptationSet maxHeight(long maxHeight) {
        this.maxHeight = maxHeight;
        return this;
    }

    /** AdaptationSet@maxFrameRate such as {@code 30} or {@code 30000/1001}. */
    public String getMaxFrameRate() {
        return maxFrameRate;
    }

    /** Sets AdaptationSet@maxFrameRate. */
    public AdaptationSet maxFrameRate(String maxFrameRate) {
        this.maxFrameRate = maxFrameRate;
        return this;
    }

    /** AdaptationSet@segmentAlignment. */
    public Boolean getSegmentAlignment() {
        return segmentAlignment;
    }

    /** Sets AdaptationSet@segmentAlignment. */
    public AdaptationSet segmentAlignment(Boolean segmentAlignment) {
        this.segmentAlignment = segmentAlignment;
        return this;
    }

    /** AdaptationSet@subsegmentAlignment. */
    public Boolean getSubsegmentAlignment() {
        return subsegmentAlignment;
    }

    /** Sets AdaptationSet@subsegmentAlignment. */
    public AdaptationSet subsegmentAlignment(Boolean subsegmentAlignment) {
        this.subsegmentAlignment = subsegmentAlignment;
        return this;
    }

    /** AdaptationSet@subsegmentStartsWithSAP, the SAP type (0 to 6) every subsegment starts with. */
    public Integer getSubsegmentStartsWithSap() {
        return subsegmentStartsWithSap;
    }

    /** Sets AdaptationSet@subsegmentStartsWithSAP. */
    public AdaptationSet subsegmentStartsWithSap(Integer sapType) {
        this.subsegmentStartsWithSap = sapType;
        return this;
    }

    /** AdaptationSet@bitstreamSwitching. */
    public Boolean getBitstreamSwitching() {
        return bitstreamSwitching;
    }

    /** Sets AdaptationSet@bitstreamSwitching. */
    public AdaptationSet bitstreamSwitching(Boolean bitstreamSwitching) {
        this.bitstreamSwitching = bitstreamSwitching;
        return this;
    }

    /** Role descriptors, live and mutable. */
    public List<Descriptor> getRoles() {
        return roles;
    }

    /** The SegmentTemplate shared by the representations, or {@code null}. */
    public SegmentTemplate getSegmentTemplate() {
        return segmentTemplate;
    }

    /** Sets or (with {@code null}) removes the set-level SegmentTemplate. */
    public AdaptationSet segmentTemplate(SegmentTemplate segmentTemplate) {
        this.segmentTemplate = segmentTemplate;
        return this;
    }

    /** The representations, live and mutable. */
    public List<Representation> getRepresentations() {
        return representations;
    }

    /** Appends a representation. */
    public AdaptationSet addRepresentation(Representation representation) {
        representations.add(representation);
        return this;
    }

    @Override
    protected AdaptationSet self() {
        return this;
    }
}
