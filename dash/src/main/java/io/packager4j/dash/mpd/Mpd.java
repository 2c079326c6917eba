package io.packager4j.dash.mpd;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code MPD} root element ({@code MPDtype}).
 *
 * <p>Children in schema order: ProgramInformation, BaseURL, Period.
 */
@XmlRootElement(name = "MPD")
@XmlType(name = "MPDtype", propOrder = {"programInformation", "baseUrl", "periods"})
public class Mpd {

    @XmlAttribute(name = "profiles", required = true)
    private String profiles;

    @XmlAttribute(name = "type")
    private PresentationType type;

    @XmlAttribute(name = "mediaPresentationDuration")
    @XmlJavaTypeAdapter(XsDurationAdapter.class)
    private Duration mediaPresentationDuration;

    @XmlAttribute(name = "minBufferTime", required = true)
    @XmlJavaTypeAdapter(XsDurationAdapter.class)
    private Duration minBufferTime;

    @XmlAttribute(name = "maxSegmentDuration")
    @XmlJavaTypeAdapter(XsDurationAdapter.class)
    private Duration maxSegmentDuration;

    @XmlElement(name = "ProgramInformation")
    private ProgramInformation programInformation;

    @XmlElement(name = "BaseURL")
    private String baseUrl;

    @XmlElement(name = "Period", required = true)
    private List<Period> periods = new ArrayList<>();

    /** MPD@profiles: comma-separated profile URNs. */
    public String getProfiles() {
        return profiles;
    }

    /** Sets MPD@profiles (required). */
    public Mpd profiles(String profiles) {
        this.profiles = profiles;
        return this;
    }

    /** MPD@type, {@code null} meaning the schema default {@code static}. */
    public PresentationType getType() {
        return type;
    }

    /** Sets MPD@type. */
    public Mpd type(PresentationType type) {
        this.type = type;
        return this;
    }

    /** MPD@mediaPresentationDuration. */
    public Duration getMediaPresentationDuration() {
        return mediaPresentationDuration;
    }

    /** Sets MPD@mediaPresentationDuration, written rounded to milliseconds. */
    public Mpd mediaPresentationDuration(Duration duration) {
        this.mediaPresentationDuration = duration;
        return this;
    }

    /** MPD@minBufferTime. */
    public Duration getMinBufferTime() {
        return minBufferTime;
    }

    /** Sets MPD@minBufferTime (required), written rounded to milliseconds. */
    public Mpd minBufferTime(Duration duration) {
        this.minBufferTime = duration;
        return this;
    }

    /** MPD@maxSegmentDuration. */
    public Duration getMaxSegmentDuration() {
        return maxSegmentDuration;
    }

    /** Sets MPD@maxSegmentDuration, written rounded to milliseconds. */
    public Mpd maxSegmentDuration(Duration duration) {
        this.maxSegmentDuration = duration;
        return this;
    }

    /** The optional ProgramInformation element. */
    public ProgramInformation getProgramInformation() {
        return programInformation;
    }

    /** Sets or (with {@code null}) removes the ProgramInformation element. */
    public Mpd programInformation(ProgramInformation programInformation) {
        this.programInformation = programInformation;
        return this;
    }

    /** The optional MPD-level BaseURL, already URI-escaped. */
    public String getBaseUrl() {
        return baseUrl;
    }

    /** Sets or (with {@code null}) removes the MPD-level BaseURL; the value must already be a URI reference. */
    public Mpd baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
        return this;
    }

    /** The periods, live and mutable; at least one is needed for a valid MPD. */
    public List<Period> getPeriods() {
        return periods;
    }

    /** Appends a period. */
    public Mpd addPeriod(Period period) {
        periods.add(period);
        return this;
    }
}
