package io.packager4j.dash.mpd;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlType;

/** The {@code Initialization} element ({@code URLType}): where the initialization segment is. */
@XmlType(name = "URLType")
public class Initialization {

    @XmlAttribute(name = "sourceURL")
    private String sourceUrl;

    @XmlAttribute(name = "range")
    private String range;

    /** {@code @sourceURL}, or {@code null} for the representation's own BaseURL. */
    public String getSourceUrl() {
        return sourceUrl;
    }

    /** Sets {@code @sourceURL}; the value must already be a URI reference. */
    public Initialization sourceUrl(String sourceUrl) {
        this.sourceUrl = sourceUrl;
        return this;
    }

    /** {@code @range}: the byte range {@code "first-last"}. */
    public String getRange() {
        return range;
    }

    /** Sets {@code @range}. */
    public Initialization range(String range) {
        this.range = range;
        return this;
    }
}
