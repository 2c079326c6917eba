package io.packager4j.core.output;

/** How a presentation is laid out on disk and addressed in the manifest. */
public enum OutputProfile {
    /**
     * {@code urn:mpeg:dash:profile:isoff-live:2011}: per representation an init segment and numbered
     * media segments, addressed by SegmentTemplate with a SegmentTimeline.
     */
    LIVE("urn:mpeg:dash:profile:isoff-live:2011"),
    /**
     * {@code urn:mpeg:dash:profile:isoff-on-demand:2011}: per representation one file holding the
     * init segment, a {@code sidx} and all media segments, addressed by SegmentBase with indexRange.
     */
    ON_DEMAND("urn:mpeg:dash:profile:isoff-on-demand:2011");

    private final String urn;

    OutputProfile(String urn) {
        this.urn = urn;
    }

    /** The DASH profile identifier written to MPD@profiles. */
    public String urn() {
        return urn;
    }
}
