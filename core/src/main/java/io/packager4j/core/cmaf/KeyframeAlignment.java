package io.packager4j.core.cmaf;

/** What to do when video renditions do not have keyframes at the same times. */
public enum KeyframeAlignment {
    /** Refuse with an error naming the rendition and time: a switching set must align. */
    STRICT,
    /** Warn and segment each misaligned rendition on its own keyframes (switching may glitch). */
    WARN
}
