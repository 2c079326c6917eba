package io.packager4j.hls.playlist;

import java.util.Objects;

/**
 * Prints playlists as RFC 8216 text: UTF-8 without a byte order mark, one tag or URI per line,
 * lines ended by LF. Stateless and thread-safe.
 */
public final class PlaylistPrinter {

    private PlaylistPrinter() {
    }

    /** The text of a multivariant playlist. */
    public static String print(MultivariantPlaylist p) {
        StringBuilder out = new StringBuilder(1024);
        line(out, "#EXTM3U");
        line(out, "#EXT-X-VERSION:" + p.version());
        if (p.independentSegments()) {
            line(out, "#EXT-X-INDEPENDENT-SEGMENTS");
        }
        for (KeyTag key : p.sessionKeys()) {
            line(out, "#EXT-X-SESSION-KEY:" + key.attributes());
        }
        if (!p.renditions().isEmpty()) {
            out.append('\n');
        }
        for (Rendition r : p.renditions()) {
            line(out, "#EXT-X-MEDIA:" + r.attributes());
        }
        out.append('\n');
        for (VariantStream v : p.variants()) {
            line(out, "#EXT-X-STREAM-INF:" + v.attributes());
            line(out, v.uri());
        }
        if (!p.iFrameStreams().isEmpty()) {
            out.append('\n');
        }
        for (IFrameStream i : p.iFrameStreams()) {
            line(out, "#EXT-X-I-FRAME-STREAM-INF:" + i.attributes());
        }
        return out.toString();
    }

    /** The text of a VOD media playlist. */
    public static String print(MediaPlaylist p) {
        StringBuilder out = new StringBuilder(64 + 48 * p.segments().size());
        line(out, "#EXTM3U");
        line(out, "#EXT-X-VERSION:" + p.version());
        line(out, "#EXT-X-TARGETDURATION:" + p.targetDuration());
        line(out, "#EXT-X-MEDIA-SEQUENCE:0");
        line(out, "#EXT-X-PLAYLIST-TYPE:VOD");
        if (p.iFramesOnly()) {
            line(out, "#EXT-X-I-FRAMES-ONLY");
        }
        // Every segment starts with a key frame (a sync sample; WebVTT cues stand alone).
        line(out, "#EXT-X-INDEPENDENT-SEGMENTS");
        if (p.map() != null) {
            line(out, "#EXT-X-MAP:" + p.map().attributes());
        }
        KeyTag current = null;
        for (MediaSegment s : p.segments()) {
            if (!Objects.equals(current, s.key())) {
                // After a clear lead the key starts; a return to clear would need METHOD=NONE.
                line(out, s.key() == null ? "#EXT-X-KEY:METHOD=NONE" : "#EXT-X-KEY:" + s.key().attributes());
                current = s.key();
            }
            line(out, "#EXTINF:" + s.duration().toPlainString() + ",");
            if (s.byteRange() != null) {
                line(out, "#EXT-X-BYTERANGE:" + s.byteRange());
            }
            line(out, s.uri());
        }
        line(out, "#EXT-X-ENDLIST");
        return out.toString();
    }

    private static void line(StringBuilder out, String line) {
        out.append(line).append('\n');
    }
}
