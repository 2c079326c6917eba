package io.packager4j.platform.ladder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An ABR ladder: the renditions a client asked for, and the ones that are made from its source.
 *
 * <p>No rendition is made by scaling up. A requested rendition taller than the source is made at
 * the source's own height instead (rounded down to an even number, as 4:2:0 video needs), and only
 * once: renditions that end up the same height are one. So asking for 360p, 720p and 1080p of a
 * 720p upload makes 360p and 720p, and asking only for 1080p of it makes one 720p rendition; a
 * request never ends up with nothing to make. Widths are not decided here: ffmpeg keeps the source's
 * display aspect ratio (see {@link FfmpegLadderCommand}).
 *
 * <p>An object named in {@code POST /encode} is only probed by its job, so its ladder starts
 * {@linkplain #unplanned(List) unplanned} (no rungs yet) and is {@linkplain #planFor(int) planned}
 * there, before anything is transcoded.
 *
 * @param requested what the client asked for, in its order
 * @param rungs     what is made, shortest first, each height once; empty until planned
 */
public record Ladder(List<Rendition> requested, List<Rung> rungs) {

    /** The audio output beside the video renditions: one AAC track for all of them. */
    public static final String AUDIO_FILE = "audio.mp4";

    /** Ingest's description of a video track: {@code video avc1.64001f 1280x720}. */
    private static final Pattern VIDEO_TRACK = Pattern.compile("(?:^|, )video \\S+ (\\d+)x(\\d+)");

    public Ladder {
        requested = List.copyOf(requested);
        rungs = List.copyOf(rungs);
        if (requested.isEmpty()) {
            throw new IllegalArgumentException("a ladder needs at least one rendition");
        }
    }

    /** The requested renditions of a source whose height is not known yet. */
    public static Ladder unplanned(List<Rendition> requested) {
        return new Ladder(requested, List.of());
    }

    /** Whether the rungs are decided (always, except for an {@link #unplanned(List)} ladder). */
    public boolean planned() {
        return !rungs.isEmpty();
    }

    /** This ladder's requested renditions planned for a source {@code sourceHeight} pixels tall. */
    public Ladder planFor(int sourceHeight) {
        return plan(requested, sourceHeight);
    }

    /**
     * One video rendition that is made.
     *
     * @param height       pixels
     * @param videoBitrate H.264 target, bits per second
     */
    public record Rung(int height, long videoBitrate) {

        public Rung {
            if (height < 2 || height % 2 != 0) {
                throw new IllegalArgumentException("a rendition's height must be even and positive, not " + height);
            }
            if (videoBitrate < 1) {
                throw new IllegalArgumentException("a rendition's bitrate must be positive, not " + videoBitrate);
            }
        }

        /** {@code "720p"}. */
        public String name() {
            return height + "p";
        }

        /** Its file among the transcoder's outputs (a name from numbers only). */
        public String fileName() {
            return "video-" + height + ".mp4";
        }
    }

    /**
     * The rungs made from a source {@code sourceHeight} pixels tall for the {@code requested}
     * renditions (see the class comment for the no-upscaling rule).
     */
    public static Ladder plan(List<Rendition> requested, int sourceHeight) {
        if (sourceHeight < 2) {
            throw new IllegalArgumentException("the source's height must be at least 2 pixels, not " + sourceHeight);
        }
        int cap = sourceHeight - sourceHeight % 2;
        TreeSet<Integer> heights = new TreeSet<>();
        for (Rendition r : requested) {
            heights.add(Math.min(r.height(), cap));
        }
        List<Rung> rungs = new ArrayList<>();
        for (int h : heights) {
            rungs.add(new Rung(h, bitrateFor(h)));
        }
        return new Ladder(requested, rungs);
    }

    /**
     * A named rendition's bitrate; for a height between two of them (a capped rendition), the
     * bitrate in proportion to the pixel count between theirs; under the smallest, its bits per
     * pixel.
     */
    static long bitrateFor(int height) {
        Rendition[] table = Rendition.values();
        if (height <= table[0].height()) {
            return roundToKbps(table[0].videoBitrate() * square(height) / (double) square(table[0].height()));
        }
        for (int i = 1; i < table.length; i++) {
            Rendition below = table[i - 1];
            Rendition above = table[i];
            if (height <= above.height()) {
                double t = (square(height) - square(below.height())) / (double) (square(above.height()) - square(below.height()));
                return roundToKbps(below.videoBitrate() + t * (above.videoBitrate() - below.videoBitrate()));
            }
        }
        Rendition top = table[table.length - 1];
        return roundToKbps(top.videoBitrate() * square(height) / (double) square(top.height()));
    }

    private static long square(int v) {
        return (long) v * v;
    }

    private static long roundToKbps(double bitsPerSecond) {
        return Math.max(1, Math.round(bitsPerSecond / 1000)) * 1000;
    }

    /** The tallest rung: with the audio, what {@code /download} serves. */
    public Rung top() {
        return rungs.get(rungs.size() - 1);
    }

    /**
     * The height of the first video track in an input's track description (as {@code Ingest}
     * writes it, e.g. {@code video avc1.64001f 1280x720, audio mp4a.40.2}); empty without video.
     */
    public static OptionalInt videoHeight(String tracksDescription) {
        if (tracksDescription == null) {
            return OptionalInt.empty();
        }
        Matcher m = VIDEO_TRACK.matcher(tracksDescription);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(2))) : OptionalInt.empty();
    }

    /** The requested renditions as stored: {@code 360p,720p,1080p}. */
    public String requestedColumn() {
        return requested.stream().map(Rendition::label).collect(Collectors.joining(","));
    }

    /** The rungs as stored: {@code 360:800000,720:3000000}; null while {@linkplain #planned() unplanned}. */
    public String rungsColumn() {
        if (rungs.isEmpty()) {
            return null;
        }
        return rungs.stream().map(r -> r.height() + ":" + r.videoBitrate()).collect(Collectors.joining(","));
    }

    /**
     * A ladder read back from its two columns; null when the package has none (both null), unplanned
     * when only the renditions are stored.
     */
    public static Ladder fromColumns(String requestedColumn, String rungsColumn) {
        if (requestedColumn == null && rungsColumn == null) {
            return null;
        }
        Objects.requireNonNull(requestedColumn, "renditions column");
        List<Rendition> requested = Arrays.stream(requestedColumn.split(",")).map(Rendition::parse).toList();
        if (rungsColumn == null) {
            return unplanned(requested);
        }
        List<Rung> rungs = new ArrayList<>();
        for (String part : rungsColumn.split(",")) {
            String[] hb = part.split(":");
            if (hb.length != 2) {
                throw new IllegalArgumentException("malformed ladder column: " + rungsColumn);
            }
            rungs.add(new Rung(Integer.parseInt(hb[0]), Long.parseLong(hb[1])));
        }
        return new Ladder(requested, rungs);
    }
}
