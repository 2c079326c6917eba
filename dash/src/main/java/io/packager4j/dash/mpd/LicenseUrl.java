package io.packager4j.dash.mpd;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.XmlValue;

/**
 * The DASH-IF {@code dashif:Laurl} element inside a ContentProtection: the license server URL a
 * player should use. Earlier DASH-IF texts spelled it {@code laurl}; the current spelling with a
 * capital L is what Shaka Player reads, and dash.js reads both.
 */
@XmlType(name = "LaurlType")
public class LicenseUrl {

    @XmlValue
    private String url;

    @XmlAttribute(name = "licenseType")
    private String licenseType;

    /** For JAXB. */
    public LicenseUrl() {
    }

    /** A license server URL with no {@code licenseType}. */
    public LicenseUrl(String url) {
        this.url = url;
    }

    /** The license server URL. */
    public String getUrl() {
        return url;
    }

    /** The optional {@code @licenseType}, e.g. {@code EME-1.0}. */
    public String getLicenseType() {
        return licenseType;
    }

    /** Sets {@code @licenseType}. */
    public LicenseUrl licenseType(String licenseType) {
        this.licenseType = licenseType;
        return this;
    }
}
