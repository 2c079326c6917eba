package io.packager4j.dash.mpd;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code Period} element ({@code PeriodType}); we write only its AdaptationSets. */
@XmlType(name = "PeriodType", propOrder = {"adaptationSets"})
public class Period {

    @XmlAttribute(name = "id")
    private String id;

    @XmlAttribute(name = "start")
    @XmlJavaTypeAdapter(XsDurationAdapter.class)
    private Duration start;

    @XmlElement(name = "AdaptationSet")
    private List<AdaptationSet> adaptationSets = new ArrayList<>();

    /** Period@id. */
    public String getId() {
        return id;
    }

    /** Sets Period@id. */
    public Period id(String id) {
        this.id = id;
        return this;
    }

    /** Period@start. */
    public Duration getStart() {
        return start;
    }

    /** Sets Period@start. */
    public Period start(Duration start) {
        this.start = start;
        return this;
    }

    /** The adaptation sets, live and mutable. */
    public List<AdaptationSet> getAdaptationSets() {
        return adaptationSets;
    }

    /** Appends an adaptation set. */
    public Period addAdaptationSet(AdaptationSet set) {
        adaptationSets.add(set);
        return this;
    }
}
