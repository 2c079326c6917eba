package io.packager4j.dash.mpd;

/** XML namespace URIs used in the MPDs packager4j writes. */
public final class MpdNamespaces {

    /** The MPD namespace of ISO/IEC 23009-1, written as the default namespace. */
    public static final String MPD = "urn:mpeg:dash:schema:mpd:2011";

    /** Common Encryption (ISO/IEC 23001-7) namespace, prefix {@code cenc}: {@code default_KID}, {@code pssh}. */
    public static final String CENC = "urn:mpeg:cenc:2013";

    /** DASH-IF content protection namespace, prefix {@code dashif}: the {@code Laurl} license server URL. */
    public static final String DASHIF = "https://dashif.org/CPS";

    private MpdNamespaces() {
    }
}
