package io.packager4j.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads HLS playlists with an independent parser: {@code hls-parser} from npm, in strict mode, run
 * by {@code player-tests/hls-parse.mjs}. A playlist it rejects fails the test with the parser's
 * message; otherwise the result is what the parser read, for tests to compare with the MPD and
 * the files on disk.
 *
 * <pre>{@code
 * HlsParser.Result hls = HlsParser.parse(outputDir, "master.m3u8");
 * hls.master().variants();                        // bandwidth, codecs, resolution, renditions...
 * hls.playlists().get("video_720p.m3u8").segments();  // duration, uri, byte range, key, map
 * }</pre>
 */
public final class HlsParser {

    /** Everything read: the multivariant playlist and every playlist it names, by URI. */
    public record Result(Master master, Map<String, Media> playlists) {
    }

    /** The multivariant playlist. */
    public record Master(Integer version, boolean independentSegments, List<Key> sessionKeys, List<Variant> variants) {
    }

    /** A variant or (isIFrameOnly) an I-frame variant; absent numbers are null. */
    public record Variant(String uri, boolean isIFrameOnly, Long bandwidth, Long averageBandwidth, String codecs,
                          Integer width, Integer height, Double frameRate, List<Rendition> audio,
                          List<Rendition> subtitles) {
    }

    /** An EXT-X-MEDIA rendition. */
    public record Rendition(String type, String groupId, String language, String name, boolean isDefault,
                            boolean autoselect, String channels, String uri) {
    }

    /** An EXT-X-KEY or EXT-X-SESSION-KEY. */
    public record Key(String method, String uri, String format, String formatVersion, boolean hasIv) {
    }

    /** A byte range. */
    public record Range(long length, long offset) {
    }

    /** A media segment with the map and key in effect for it. */
    public record Segment(String uri, double duration, Range byteRange, Key key, String mapUri, Range mapByteRange) {
    }

    /** A media playlist. */
    public record Media(Integer version, Integer targetDuration, String playlistType, boolean endlist, boolean isIFrame,
                        boolean independentSegments, List<Segment> segments) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private HlsParser() {
    }

    /**
     * Parses {@code dir/masterName} and every playlist it names.
     *
     * @return what the parser read
     */
    public static Result parse(Path dir, String masterName) {
        if (!Files.isRegularFile(dir.resolve(masterName))) {
            throw new AssertionError("no playlist " + dir.resolve(masterName));
        }
        HeadlessPlayer.ensureNodeModules();
        Path harness = HeadlessPlayer.playerTestsDir();
        String node = System.getenv("NODE") != null && !System.getenv("NODE").isBlank() ? System.getenv("NODE") : "node";
        ProcessRunner.Result r = ProcessRunner.run(
                List.of(node, harness.resolve("hls-parse.mjs").toString(), dir.toAbsolutePath().toString(), masterName),
                harness, TIMEOUT, List.of(), Map.of());
        String line = r.stdoutText().trim();
        Map<String, Object> json;
        try {
            json = MiniJson.obj(MiniJson.parse(line));
        } catch (IllegalArgumentException e) {
            throw new AssertionError("hls-parse.mjs printed no JSON (exit " + r.exitCode() + "): " + line
                    + "\n--- stderr ---\n" + r.stderrTail(), e);
        }
        if (r.exitCode() != 0 || json.get("error") != null) {
            throw new AssertionError("hls-parser rejected the playlists in " + dir + ": " + json.get("error")
                    + "\n--- stderr ---\n" + r.stderrTail());
        }
        return toResult(json);
    }

    private static Result toResult(Map<String, Object> json) {
        Map<String, Object> m = MiniJson.obj(json.get("master"));
        List<Key> sessionKeys = MiniJson.list(m.get("sessionKeys")).stream().map(HlsParser::key).toList();
        List<Variant> variants = MiniJson.list(m.get("variants")).stream().map(o -> {
            Map<String, Object> v = MiniJson.obj(o);
            Map<String, Object> res = MiniJson.obj(v.get("resolution"));
            return new Variant(MiniJson.str(v, "uri"), Boolean.TRUE.equals(v.get("isIFrameOnly")), longOrNull(v, "bandwidth"),
                    longOrNull(v, "averageBandwidth"), MiniJson.str(v, "codecs"), MiniJson.integer(res, "width"),
                    MiniJson.integer(res, "height"), v.get("frameRate") == null ? null : MiniJson.dbl(v, "frameRate", 0),
                    renditions(v.get("audio")), renditions(v.get("subtitles")));
        }).toList();
        Master master = new Master(MiniJson.integer(m, "version"), Boolean.TRUE.equals(m.get("independentSegments")),
                sessionKeys, variants);
        Map<String, Media> playlists = new java.util.LinkedHashMap<>();
        MiniJson.obj(json.get("playlists")).forEach((uri, o) -> {
            Map<String, Object> p = MiniJson.obj(o);
            List<Segment> segments = MiniJson.list(p.get("segments")).stream().map(so -> {
                Map<String, Object> s = MiniJson.obj(so);
                Map<String, Object> map = MiniJson.obj(s.get("map"));
                return new Segment(MiniJson.str(s, "uri"), MiniJson.dbl(s, "duration", -1), range(s.get("byterange")),
                        s.get("key") == null ? null : key(s.get("key")), MiniJson.str(map, "uri"), range(map.get("byterange")));
            }).toList();
            playlists.put(uri, new Media(MiniJson.integer(p, "version"), MiniJson.integer(p, "targetDuration"),
                    MiniJson.str(p, "playlistType"), Boolean.TRUE.equals(p.get("endlist")), Boolean.TRUE.equals(p.get("isIFrame")),
                    Boolean.TRUE.equals(p.get("independentSegments")), segments));
        });
        return new Result(master, playlists);
    }

    private static List<Rendition> renditions(Object list) {
        return MiniJson.list(list).stream().map(o -> {
            Map<String, Object> r = MiniJson.obj(o);
            return new Rendition(MiniJson.str(r, "type"), MiniJson.str(r, "groupId"), MiniJson.str(r, "language"),
                    MiniJson.str(r, "name"), Boolean.TRUE.equals(r.get("isDefault")), Boolean.TRUE.equals(r.get("autoselect")),
                    MiniJson.str(r, "channels"), MiniJson.str(r, "uri"));
        }).toList();
    }

    private static Key key(Object o) {
        Map<String, Object> k = MiniJson.obj(o);
        return new Key(MiniJson.str(k, "method"), MiniJson.str(k, "uri"), MiniJson.str(k, "format"),
                MiniJson.str(k, "formatVersion"), Boolean.TRUE.equals(k.get("hasIv")));
    }

    private static Range range(Object o) {
        if (o == null) {
            return null;
        }
        Map<String, Object> r = MiniJson.obj(o);
        return new Range(longOrNull(r, "length"), longOrNull(r, "offset"));
    }

    private static Long longOrNull(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : null;
    }
}
