package io.packager4j.platform.ladder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The renditions a client may ask for, named by their height as people name them ({@code "720p"}),
 * with the H.264 bitrate each is encoded at. The bitrates are for ordinary 24–30 fps content at
 * the widths of a 16:9 picture, about 0.1 bit per pixel at 720p: comfortably watchable, small enough
 * for mobile networks at the bottom of the ladder.
 */
public enum Rendition {
    P240(240, 400_000),
    P360(360, 800_000),
    P480(480, 1_400_000),
    P540(540, 2_000_000),
    P720(720, 3_000_000),
    P1080(1080, 5_500_000);

    private final int height;
    private final long videoBitrate;

    Rendition(int height, long videoBitrate) {
        this.height = height;
        this.videoBitrate = videoBitrate;
    }

    /** The output height in pixels. */
    public int height() {
        return height;
    }

    /** The H.264 target bitrate, bits per second. */
    public long videoBitrate() {
        return videoBitrate;
    }

    /** As clients write it: {@code "360p"}. */
    public String label() {
        return height + "p";
    }

    /** Every label, smallest first, for messages and documents: {@code "240p, 360p, ..."}. */
    public static String allLabels() {
        return Arrays.stream(values()).map(Rendition::label).collect(Collectors.joining(", "));
    }

    /**
     * The requested names as renditions, in the order given.
     *
     * @throws IllegalArgumentException with a message for the client: an empty list, an unknown
     *                                  name or one named twice
     */
    public static List<Rendition> parseAll(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("\"renditions\" must name at least one of " + allLabels()
                    + " (leave it out to package the upload as it is)");
        }
        List<Rendition> result = new ArrayList<>();
        Set<Rendition> seen = EnumSet.noneOf(Rendition.class);
        for (String name : names) {
            Rendition r = parse(name);
            if (!seen.add(r)) {
                throw new IllegalArgumentException("\"renditions\" names " + r.label() + " twice");
            }
            result.add(r);
        }
        return result;
    }

    /** {@code "720p"} (any case, surrounding blanks ignored) to {@link #P720}. */
    public static Rendition parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Rendition r : values()) {
            if (r.label().equals(n)) {
                return r;
            }
        }
        throw new IllegalArgumentException("\"renditions\": unknown rendition \"" + shorten(name) + "\"; use any of "
                + allLabels());
    }

    /** A client's string in a message, cut so a huge one cannot bloat the response. */
    private static String shorten(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }
}
