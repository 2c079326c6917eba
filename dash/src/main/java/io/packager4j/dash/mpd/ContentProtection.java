package io.packager4j.dash.mpd;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * A {@code ContentProtection} element ({@code ContentProtectionType}, which extends
 * {@code DescriptorType} in the schema as this class extends {@link Descriptor}).
 *
 * <p>Besides the descriptor attributes it carries the Common Encryption attribute
 * {@code cenc:default_KID} and, as children from other namespaces (which the schema admits through
 * {@code xs:any namespace="##other"}), {@code cenc:pssh} and {@code dashif:Laurl}.
 */
@XmlType(name = "ContentProtectionType", propOrder = {"pssh", "licenseUrl"})
public class ContentProtection extends Descriptor {

    @XmlAttribute(name = "default_KID", namespace = MpdNamespaces.CENC)
    private String defaultKid;

    @XmlElement(name = "pssh", namespace = MpdNamespaces.CENC)
    private String pssh;

    @XmlElement(name = "Laurl", namespace = MpdNamespaces.DASHIF)
    private LicenseUrl licenseUrl;

    /** For JAXB. */
    public ContentProtection() {
    }

    /** A ContentProtection with the given scheme (e.g. {@code urn:mpeg:dash:mp4protection:2011}) and value. */
    public ContentProtection(String schemeIdUri, String value) {
        super(schemeIdUri, value);
    }

    /** Sets {@code @id}. */
    @Override
    public ContentProtection id(String id) {
        super.id(id);
        return this;
    }

    /** {@code cenc:default_KID}: the key id as a UUID string. */
    public String getDefaultKid() {
        return defaultKid;
    }

    /** Sets {@code cenc:default_KID}, a UUID string such as {@code 10000000-1000-1000-1000-100000000001}. */
    public ContentProtection defaultKid(String defaultKid) {
        this.defaultKid = defaultKid;
        return this;
    }

    /** The {@code cenc:pssh} child: a base64 {@code pssh} box. */
    public String getPssh() {
        return pssh;
    }

    /** Sets or (with {@code null}) removes the {@code cenc:pssh} child (base64 of a whole {@code pssh} box). */
    public ContentProtection pssh(String base64PsshBox) {
        this.pssh = base64PsshBox;
        return this;
    }

    /** The {@code dashif:Laurl} child. */
    public LicenseUrl getLicenseUrl() {
        return licenseUrl;
    }

    /** Sets or (with {@code null}) removes the {@code dashif:Laurl} child. */
    public ContentProtection licenseUrl(LicenseUrl licenseUrl) {
        this.licenseUrl = licenseUrl;
        return this;
    }
}
