package io.packager4j.dash.mpd;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** The {@code ProgramInformation} element: descriptive metadata for people, ignored by players. */
@XmlType(name = "ProgramInformationType", propOrder = {"title", "source", "copyright"})
public class ProgramInformation {

    @XmlAttribute(name = "lang")
    private String lang;

    @XmlAttribute(name = "moreInformationURL")
    private String moreInformationUrl;

    @XmlElement(name = "Title")
    private String title;

    @XmlElement(name = "Source")
    private String source;

    @XmlElement(name = "Copyright")
    private String copyright;

    /** ProgramInformation@lang, an {@code xs:language} tag. */
    public String getLang() {
        return lang;
    }

    /** Sets ProgramInformation@lang. */
    public ProgramInformation lang(String lang) {
        this.lang = lang;
        return this;
    }

    /** ProgramInformation@moreInformationURL. */
    public String getMoreInformationUrl() {
        return moreInformationUrl;
    }

    /** Sets ProgramInformation@moreInformationURL; the value must already be a URI reference. */
    public ProgramInformation moreInformationUrl(String url) {
        this.moreInformationUrl = url;
        return this;
    }

    /** The Title element. */
    public String getTitle() {
        return title;
    }

    /** Sets the Title element. */
    public ProgramInformation title(String title) {
        this.title = title;
        return this;
    }

    /** The Source element. */
    public String getSource() {
        return source;
    }

    /** Sets the Source element. */
    public ProgramInformation source(String source) {
        this.source = source;
        return this;
    }

    /** The Copyright element. */
    public String getCopyright() {
        return copyright;
    }

    /** Sets the Copyright element. */
    public ProgramInformation copyright(String copyright) {
        this.copyright = copyright;
        return this;
    }
}
