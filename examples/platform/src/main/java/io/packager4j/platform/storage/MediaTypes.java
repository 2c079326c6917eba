package io.packager4j.platform.storage;

import java.util.Locale;
import java.util.Map;

/**
 * The media types of a presentation's files by extension: what {@code /content} serves them as
 * (anything else is not served) and what they are stored as in a bucket.
 */
public final class MediaTypes {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("mpd", "application/dash+xml"),
            Map.entry("m3u8", "application/vnd.apple.mpegurl"),
            Map.entry("m4s", "video/iso.segment"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("m4v", "video/mp4"),
            Map.entry("m4a", "audio/mp4"),
            Map.entry("cmfv", "video/mp4"),
            Map.entry("cmfa", "audio/mp4"),
            Map.entry("vtt", "text/vtt; charset=utf-8"),
            Map.entry("ttml", "application/ttml+xml"));

    private MediaTypes() {
    }

    /** The media type for the file at {@code relative}, or {@code null} if such files are not served. */
    public static String of(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        String type = TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        // The packager names audio representations audio_<language>: their .mp4 files are audio.
        if ("video/mp4".equals(type) && relative.toLowerCase(Locale.ROOT).startsWith("audio")) {
            return "audio/mp4";
        }
        return type;
    }

    /** Manifests and playlists (as opposed to media): re-read by players, cached briefly. */
    public static boolean isManifest(String relative) {
        String lower = relative.toLowerCase(Locale.ROOT);
        return lower.endsWith(".mpd") || lower.endsWith(".m3u8");
    }
}
