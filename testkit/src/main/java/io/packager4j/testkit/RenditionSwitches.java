package io.packager4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a rendition-switching run reported (see {@link HeadlessPlayer#switchRenditions}): the
 * playback as a whole, the video heights the player offered, and one entry per rendition selected.
 *
 * @param playback       time, frames, first error and log of the whole run
 * @param variantHeights the distinct video heights among the player's variant tracks, smallest first
 * @param switches       the selections in the order made
 */
public record RenditionSwitches(PlaybackResult playback, List<Integer> variantHeights, List<Switch> switches) {

    /**
     * One selection of a rendition with ABR off.
     *
     * @param width       the selected track's width as the manifest gives it
     * @param height      the selected track's height
     * @param fromHeight  the decoded picture height when it was selected
     * @param requestedAt media time when it was selected, seconds
     * @param shownAt     media time when the decoder first output pictures of its height with the
     *                    track active, or {@code null} if that never happened
     * @param playedTo    media time when the run moved on
     * @param videoWidth  decoded width ({@code video.videoWidth}) once shown
     * @param videoHeight decoded height ({@code video.videoHeight}) once shown
     * @param framesBefore decoded frames when it was selected
     * @param framesAfter  decoded frames when the run moved on
     * @param reached     whether it was shown and played on for the requested time
     */
    public record Switch(int width, int height, int fromHeight, double requestedAt, Double shownAt, double playedTo,
                         int videoWidth, int videoHeight, long framesBefore, long framesAfter, boolean reached) {
    }

    public RenditionSwitches {
        variantHeights = List.copyOf(variantHeights);
        switches = List.copyOf(switches);
    }

    /**
     * Fails unless the player offered exactly {@code heights} and switched to each of them in turn:
     * no error, every selection a change of picture size, decoded at the selected size, and
     * playing on (media time and decoded frames moving forward) after each switch.
     */
    public RenditionSwitches assertSwitchedThrough(List<Integer> heights) {
        StringBuilder problems = new StringBuilder();
        if (playback.error() != null) {
            problems.append("\n  error: ").append(playback.error());
        }
        if (!variantHeights.equals(heights)) {
            problems.append("\n  the player offered heights ").append(variantHeights).append(", not ").append(heights);
        }
        List<Integer> switched = new ArrayList<>();
        for (Switch s : switches) {
            switched.add(s.height());
            if (!s.reached()) {
                problems.append("\n  ").append(s.height()).append("p was not shown and played on: ").append(s);
                continue;
            }
            if (s.fromHeight() == s.height()) {
                problems.append("\n  selecting ").append(s.height()).append("p changed nothing (it was showing already)");
            }
            if (s.videoHeight() != s.height() || s.videoWidth() != s.width()) {
                problems.append("\n  ").append(s.width()).append('x').append(s.height()).append(" decoded as ")
                        .append(s.videoWidth()).append('x').append(s.videoHeight());
            }
            if (!(s.playedTo() > s.shownAt()) || s.framesAfter() <= s.framesBefore()) {
                problems.append("\n  playback did not go on after switching to ").append(s.height()).append("p: ").append(s);
            }
        }
        if (!switched.stream().sorted().toList().equals(heights)) {
            problems.append("\n  switched to ").append(switched).append(", not to each of ").append(heights);
        }
        if (problems.length() > 0) {
            throw new AssertionError("rendition switching failed: " + playback.summary() + problems + "\n"
                    + playback.formattedLog());
        }
        return this;
    }

    static RenditionSwitches fromJson(Map<String, Object> json, PlaybackResult playback) {
        List<Integer> heights = new ArrayList<>();
        for (Object o : MiniJson.list(json.get("variantHeights"))) {
            heights.add(o instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(o)));
        }
        List<Switch> switches = new ArrayList<>();
        for (Object o : MiniJson.list(json.get("switches"))) {
            Map<String, Object> s = MiniJson.obj(o);
            double shown = MiniJson.dbl(s, "shownAt", Double.NaN);
            switches.add(new Switch(intOf(s, "width"), intOf(s, "height"), intOf(s, "fromHeight"),
                    MiniJson.dbl(s, "requestedAt", 0), Double.isNaN(shown) ? null : shown,
                    MiniJson.dbl(s, "playedTo", 0), intOf(s, "videoWidth"), intOf(s, "videoHeight"),
                    (long) MiniJson.dbl(s, "framesBefore", 0), (long) MiniJson.dbl(s, "framesAfter", 0),
                    Boolean.TRUE.equals(s.get("reached"))));
        }
        return new RenditionSwitches(playback, heights, switches);
    }

    private static int intOf(Map<String, Object> m, String key) {
        Integer v = MiniJson.integer(m, key);
        return v == null ? 0 : v;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RenditionSwitches[%s, heights=%s, switches=%s]", playback.summary(),
                variantHeights, switches);
    }
}
