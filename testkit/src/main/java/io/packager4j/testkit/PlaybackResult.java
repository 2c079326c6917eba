package io.packager4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one headless playback reported (see {@link HeadlessPlayer}).
 *
 * @param player             {@code "shaka"} or {@code "dashjs"}
 * @param reason             why the page stopped: reached the target time, player error, ended, timeout
 * @param currentTime        the media element's current time when the result was taken, seconds
 * @param totalVideoFrames   {@code getVideoPlaybackQuality().totalVideoFrames}: frames actually decoded
 * @param droppedVideoFrames {@code getVideoPlaybackQuality().droppedVideoFrames}
 * @param error              the first player or media-element error, or {@code null}
 * @param textTracks         text tracks the player listed
 * @param log                the page's event log followed by the browser's console and network notes
 * @param rawJson            the harness's JSON line as printed, for anything not mapped here
 */
public record PlaybackResult(String player, String reason, double currentTime, long totalVideoFrames,
                             long droppedVideoFrames, String error, List<TextTrack> textTracks,
                             List<String> log, String rawJson) {

    /** Least current time, in seconds, that counts as having played. */
    public static final double MIN_PLAYED_SECONDS = 3.0;

    /** A text track as a player lists it; fields the player did not give are {@code null}. */
    public record TextTrack(String language, String kind, String label, String mimeType, String codecs) {
    }

    public PlaybackResult {
        textTracks = List.copyOf(textTracks);
        log = List.copyOf(log);
    }

    /** True when every playback condition holds: time past 3 s, frames decoded, no error. */
    public boolean played() {
        return error == null && totalVideoFrames > 0 && currentTime > MIN_PLAYED_SECONDS;
    }

    /**
     * Fails unless the stream played: current time past 3 s, at least one decoded video frame and
     * no player error. All three are needed: with a wrong key, error recovery can move the current
     * time forward with nothing decoded. The failure message carries the whole playback log.
     */
    public PlaybackResult assertPlayed() {
        if (!played()) {
            throw new AssertionError(player + " did not play: " + summary() + "\n" + formattedLog());
        }
        return this;
    }

    /**
     * Fails if the stream played; for checks that must not play, such as a wrong key. Passes when
     * there was an error, or no decoded frame, or the current time stayed under 3 s.
     */
    public PlaybackResult assertFailed() {
        if (played()) {
            throw new AssertionError(player + " played although it should not have: " + summary() + "\n" + formattedLog());
        }
        return this;
    }

    /** One line: time, frames, error, reason. */
    public String summary() {
        return String.format(Locale.ROOT, "currentTime=%.3f s, totalVideoFrames=%d, droppedVideoFrames=%d, error=%s, reason=%s",
                currentTime, totalVideoFrames, droppedVideoFrames, error, reason);
    }

    /** The log, one entry a line, indented for failure messages. */
    public String formattedLog() {
        StringBuilder sb = new StringBuilder("--- playback log (").append(player).append(") ---\n");
        for (String line : log) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "PlaybackResult[" + player + ": " + summary() + ", textTracks=" + textTracks + "]";
    }

    /** Builds a result from the harness's JSON object. */
    static PlaybackResult fromJson(Map<String, Object> json, String raw) {
        List<TextTrack> tracks = new ArrayList<>();
        for (Object o : MiniJson.list(json.get("textTracks"))) {
            Map<String, Object> t = MiniJson.obj(o);
            tracks.add(new TextTrack(MiniJson.str(t, "language"), MiniJson.str(t, "kind"), MiniJson.str(t, "label"),
                    MiniJson.str(t, "mimeType"), MiniJson.str(t, "codecs")));
        }
        List<String> log = new ArrayList<>();
        for (Object o : MiniJson.list(json.get("log"))) {
            log.add(String.valueOf(o));
        }
        return new PlaybackResult(
                MiniJson.str(json, "player"),
                MiniJson.str(json, "reason"),
                MiniJson.dbl(json, "currentTime", 0),
                (long) MiniJson.dbl(json, "totalVideoFrames", 0),
                (long) MiniJson.dbl(json, "droppedVideoFrames", 0),
                MiniJson.str(json, "error"),
                tracks, log, raw);
    }
}
