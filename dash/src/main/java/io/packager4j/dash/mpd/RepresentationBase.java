package io.packager4j.dash.mpd;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code AdaptationSet} and {@code Representation} share, as both extend
 * {@code RepresentationBaseType} in DASH-MPD.xsd: the common attributes and the descriptor
 * children that the schema puts before each element's own children (JAXB writes a superclass's
 * elements first, which is exactly the schema's extension order).
 *
 * @param <T> the concrete element, so that fluent setters keep its type
 */
@XmlType(name = "RepresentationBaseType", propOrder = {
        "audioChannelConfigurations", "contentProtections", "essentialProperties", "supplementalProperties"})
public abstract class RepresentationBase<T extends RepresentationBase<T>> {

    @XmlAttribute(name = "mimeType")
    private String mimeType;

    @XmlAttribute(name = "codecs")
    private String codecs;

    @XmlAttribute(name = "startWithSAP")
    private Integer startWithSap;

    @XmlElement(name = "AudioChannelConfiguration")
    private List<Descriptor> audioChannelConfigurations = new ArrayList<>();

    @XmlElement(name = "ContentProtection")
    private List<ContentProtection> contentProtections = new ArrayList<>();

    @XmlElement(name = "EssentialProperty")
    private List<Descriptor> essentialProperties = new ArrayList<>();

    @XmlElement(name = "SupplementalProperty")
    private List<Descriptor> supplementalProperties = new ArrayList<>();

    /** This element, typed as itself. */
    protected abstract T self();

    /** {@code @mimeType}. */
    public String getMimeType() {
        return mimeType;
    }

    /** Sets {@code @mimeType}. */
    public T mimeType(String mimeType) {
        this.mimeType = mimeType;
        return self();
    }

    /** {@code @codecs}: RFC 6381 codecs, on the set when common to all its representations. */
    public String getCodecs() {
        return codecs;
    }

    /** Sets {@code @codecs}. */
    public T codecs(String codecs) {
        this.codecs = codecs;
        return self();
    }

    /** {@code @startWithSAP}. */
    public Integer getStartWithSap() {
        return startWithSap;
    }

    /** Sets {@code @startWithSAP}. */
    public T startWithSap(Integer sapType) {
        this.startWithSap = sapType;
        return self();
    }

    /** AudioChannelConfiguration descriptors, live and mutable. */
    public List<Descriptor> getAudioChannelConfigurations() {
        return audioChannelConfigurations;
    }

    /** ContentProtection descriptors, live and mutable. */
    public List<ContentProtection> getContentProtections() {
        return contentProtections;
    }

    /** EssentialProperty descriptors, live and mutable. */
    public List<Descriptor> getEssentialProperties() {
        return essentialProperties;
    }

    /** SupplementalProperty descriptors, live and mutable. */
    public List<Descriptor> getSupplementalProperties() {
        return supplementalProperties;
    }
}
