package io.packager4j.dash.mpd;

import jakarta.xml.bind.annotation.XmlEnum;
import jakarta.xml.bind.annotation.XmlEnumValue;

/** MPD@type: whether the manifest can change while it is played. */
@XmlEnum
public enum PresentationType {
    /** Video on demand: the MPD is complete and never updated. */
    @XmlEnumValue("static") STATIC,
    /** Live: the MPD is updated while the presentation is played. */
    @XmlEnumValue("dynamic") DYNAMIC
}
