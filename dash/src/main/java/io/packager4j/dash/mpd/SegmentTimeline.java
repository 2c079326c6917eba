package io.packager4j.dash.mpd;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** The {@code SegmentTimeline} element: a run-length list of segment times ({@code S} elements). */
@XmlType(name = "SegmentTimelineType", propOrder = {"entries"})
public class SegmentTimeline {

    @XmlElement(name = "S")
    private List<TimelineEntry> entries = new ArrayList<>();

    /** The {@code S} elements in order, live and mutable. */
    public List<TimelineEntry> getEntries() {
        return entries;
    }

    /** Appends an {@code S} element. */
    public SegmentTimeline add(TimelineEntry entry) {
        entries.add(entry);
        return this;
    }
}
