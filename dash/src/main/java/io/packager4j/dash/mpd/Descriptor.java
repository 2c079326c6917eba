package io.packager4j.dash.mpd;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlType;

/**
 * A generic {@code DescriptorType} element: Role, AudioChannelConfiguration, EssentialProperty,
 * SupplementalProperty and the like, identified by a scheme URI and an optional value.
 */
@XmlType(name = "DescriptorType")
public class Descriptor {

    @XmlAttribute(name = "schemeIdUri", required = true)
    private String schemeIdUri;

    @XmlAttribute(name = "value")
    private String value;

    @XmlAttribute(name = "id")
    private String id;

    /** For JAXB. */
    public Descriptor() {
    }

    /** A descriptor with the given scheme and value (which may be {@code null}). */
    public Descriptor(String schemeIdUri, String value) {
        this.schemeIdUri = schemeIdUri;
        this.value = value;
    }

    /** {@code @schemeIdUri}. */
    public String getSchemeIdUri() {
        return schemeIdUri;
    }

    /** {@code @value}. */
    public String getValue() {
        return value;
    }

    /** {@code @id}. */
    public String getId() {
        return id;
    }

    /** Sets {@code @id}. */
    public Descriptor id(String id) {
        this.id = id;
        return this;
    }
}
