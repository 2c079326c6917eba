/**
 * JAXB model of the subset of the ISO/IEC 23009-1 MPD that packager4j writes.
 *
 * <p>Every class mirrors one complex type of {@code DASH-MPD.xsd}. Child elements are listed in
 * {@code @XmlType(propOrder)} in the order of the schema's {@code xs:sequence}, including the
 * elements a type inherits: for {@code AdaptationSet} and {@code Representation} the children of
 * {@code RepresentationBaseType} (AudioChannelConfiguration, ContentProtection, ...) come before
 * their own (Role, BaseURL, SegmentTemplate, Representation...). Getting this wrong still produces
 * well-formed XML that players often accept, so only schema validation catches it.
 *
 * <p>Optional attributes are boxed types or strings; {@code null} leaves them out.
 */
@XmlSchema(
        namespace = MpdNamespaces.MPD,
        elementFormDefault = XmlNsForm.QUALIFIED,
        xmlns = {
                @XmlNs(prefix = "", namespaceURI = MpdNamespaces.MPD),
                @XmlNs(prefix = "cenc", namespaceURI = MpdNamespaces.CENC),
                @XmlNs(prefix = "dashif", namespaceURI = MpdNamespaces.DASHIF)
        })
@XmlAccessorType(XmlAccessType.FIELD)
package io.packager4j.dash.mpd;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNs;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
