package io.packager4j.platform.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves packaged output to players: {@code GET}/{@code HEAD /content/{id}/<path>} is the file
 * {@code packagesRoot/{id}/<path>}, with byte ranges, CORS and caching headers.
 *
 * <p>Only files inside the package's directory are served: the path is checked segment by segment
 * ({@code ..}, {@code .}, empty and hidden segments, backslashes and absolute paths are refused), then
 * the real path (symbolic links resolved) must still be inside the package's real directory. Only
 * media file types are served at all, so nothing else that may sit in a package folder leaks. Every
 * refusal is the same 404 as a missing file, so probing tells nothing.
 *
 * <p>A published package never changes, so init and media segments are cacheable for a year as
 * {@code immutable}; manifests and playlists get a short max-age so a re-published package is
 * picked up. Files are streamed from a {@link FileChannel}, never loaded whole.
 */
public final class ContentFiles {

    /** The route, with the package ID as {@code {id}} and the file path as {@code <path>}. */
    public static final String PATH = "/content/{id}/<path>";

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String MANIFEST_CACHE = "public, max-age=60";

    private static final Logger LOG = LoggerFactory.getLogger(ContentFiles.class);
    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");
    private static final Pattern PACKAGE_ID = Pattern.compile("[0-9]{1,18}");
    private static final int BUFFER = 64 * 1024;

    /** Served extensions and their media types; anything else is a 404. */
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

    private final Path packagesRoot;

    /** @param packagesRoot the directory holding one folder per package, named by its ID */
    public ContentFiles(Path packagesRoot) {
        this.packagesRoot = packagesRoot.toAbsolutePath().normalize();
    }

    /** Registers {@code GET}, {@code HEAD} and the CORS preflight {@code OPTIONS} on {@link #PATH}. */
    public void register(Javalin app) {
        app.get(PATH, ctx -> serve(ctx, true));
        app.head(PATH, ctx -> serve(ctx, false));
        app.options(PATH, ctx -> {
            cors(ctx);
            ctx.header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
            ctx.header("Access-Control-Allow-Headers", "Range, If-Range, If-None-Match, If-Modified-Since");
            ctx.header("Access-Control-Max-Age", "86400");
            ctx.status(204);
        });
    }

    private void serve(Context ctx, boolean withBody) throws IOException {
        cors(ctx);
        String id = ctx.pathParam("id");
        String relative = ctx.pathParam("path");
        Path file = resolve(id, relative);
        String type = file == null ? null : mediaType(relative);
        BasicFileAttributes attrs = file == null || type == null ? null : regularFile(file);
        if (attrs == null) {
            throw new ApiError(404, "not_found", "package " + (PACKAGE_ID.matcher(id).matches() ? id : "?")
                    + " has no such file");
        }
        send(ctx, file, attrs, type, isManifest(relative) ? MANIFEST_CACHE : IMMUTABLE, withBody);
    }

    /**
     * Sends one regular file with byte ranges, conditional requests and the given caching, as the
     * presentation's files are sent; for files served under other routes (such as {@code /download}).
     *
     * @throws ApiError 404 if it is not a regular file, 416 for a range outside it
     */
    public static void sendFile(Context ctx, Path file, String type, boolean withBody) throws IOException {
        BasicFileAttributes attrs = regularFile(file);
        if (attrs == null) {
            throw new ApiError(404, "not_found", "no such file");
        }
        send(ctx, file, attrs, type, IMMUTABLE, withBody);
    }

    private static void send(Context ctx, Path file, BasicFileAttributes attrs, String type, String cacheControl,
                             boolean withBody) throws IOException {
        long size = attrs.size();
        String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(attrs.lastModifiedTime().toMillis()) + "\"";
        Instant modified = attrs.lastModifiedTime().toInstant();

        ctx.header("Accept-Ranges", "bytes");
        ctx.header("Cache-Control", cacheControl);
        ctx.header("ETag", etag);
        ctx.header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atZone(ZoneOffset.UTC)));
        ctx.header("X-Content-Type-Options", "nosniff");
        if (notModified(ctx, etag, modified)) {
            ctx.status(304);
            return;
        }

        long start = 0;
        long length = size;
        int status = 200;
        String range = ctx.header("Range");
        if (range != null && rangeApplies(ctx.header("If-Range"), etag, modified)) {
            long[] r = parseRange(range, size);
            if (r == UNSATISFIABLE) {
                ctx.header("Content-Range", "bytes */" + size);
                throw new ApiError(416, "range_not_satisfiable", "the requested range is outside the file's " + size + " bytes");
            }
            if (r != null) {
                start = r[0];
                length = r[1] - r[0] + 1;
                status = 206;
                ctx.header("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + size);
            }
        }
        // Written straight to the servlet response: Javalin's result pipeline could compress the
        // body or buffer it, and Content-Length must be exactly the slice being sent.
        HttpServletResponse res = ctx.res();
        res.setStatus(status);
        res.setContentType(type);
        res.setContentLengthLong(length);
        if (withBody && length > 0) {
            copy(file, start, length, res);
        }
    }

    /** The file for {@code id} and {@code relative}, or {@code null} if either is not acceptable. */
    Path resolve(String id, String relative) {
        if (id == null || !PACKAGE_ID.matcher(id).matches() || relative == null || relative.isEmpty()
                || relative.length() > 1024 || relative.startsWith("/") || relative.indexOf('\\') >= 0
                || relative.indexOf('\0') >= 0 || relative.indexOf(':') >= 0) {
            return null;
        }
        for (String segment : relative.split("/", -1)) {
            // Empty, "." and ".." segments, and hidden files (such as a packager's temporary files).
            if (segment.isEmpty() || segment.startsWith(".")) {
                return null;
            }
        }
        Path packageDir = packagesRoot.resolve(id);
        Path file;
        try {
            file = packageDir.resolve(relative).normalize();
        } catch (RuntimeException e) { // InvalidPathException: characters the file system refuses
            return null;
        }
        if (!file.startsWith(packageDir)) {
            return null;
        }
        try {
            // Symbolic links may point anywhere: the resolved file must still be in the resolved package folder.
            Path realDir = packageDir.toRealPath();
            Path realFile = file.toRealPath();
            return realFile.startsWith(realDir) ? realFile : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static BasicFileAttributes regularFile(Path file) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attrs.isRegularFile() ? attrs : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The media type for the file name, or {@code null} if such files are not served. */
    static String mediaType(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.get(ext);
        // The packager names audio representations audio_<language>: their .mp4 files are audio.
        if ("video/mp4".equals(type) && relative.toLowerCase(Locale.ROOT).startsWith("audio")) {
            return "audio/mp4";
        }
        return type;
    }

    private static boolean isManifest(String relative) {
        String lower = relative.toLowerCase(Locale.ROOT);
        return lower.endsWith(".mpd") || lower.endsWith(".m3u8");
    }

    private static final long[] UNSATISFIABLE = new long[0];

    /**
     * A single byte range {@code bytes=a-b}, {@code a-} or {@code -n} as inclusive [first, last];
     * {@code null} to send the whole file (no usable or several ranges, which RFC 9110 allows to
     * ignore); {@link #UNSATISFIABLE} when no byte of the file is in the range.
     */
    static long[] parseRange(String header, long size) {
        Matcher m = SINGLE_RANGE.matcher(header);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())
                || m.group(1).length() > 18 || m.group(2).length() > 18) {
            return null;
        }
        if (m.group(1).isEmpty()) { // suffix: the last n bytes
            long n = Long.parseLong(m.group(2));
            if (n == 0 || size == 0) {
                return UNSATISFIABLE;
            }
            return new long[] {Math.max(0, size - n), size - 1};
        }
        long first = Long.parseLong(m.group(1));
        if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
            return null; // syntactically invalid: ignored
        }
        if (first >= size) {
            return UNSATISFIABLE;
        }
        long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        return new long[] {first, last};
    }

    /** If-Range: the range applies only while the client's copy is still the current file. */
    private static boolean rangeApplies(String ifRange, String etag, Instant modified) {
        if (ifRange == null || ifRange.isBlank()) {
            return true;
        }
        String v = ifRange.strip();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            return v.equals(etag);
        }
        Instant since = httpDate(v);
        return since != null && !modified.isAfter(since.plusMillis(999));
    }

    private static boolean notModified(Context ctx, String etag, Instant modified) {
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                    return true;
                }
            }
            return false; // If-None-Match takes precedence over If-Modified-Since
        }
        Instant since = httpDate(ctx.header("If-Modified-Since"));
        // HTTP dates have whole seconds: compare at that resolution.
        return since != null && modified.getEpochSecond() <= since.getEpochSecond();
    }

    private static Instant httpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void copy(Path file, long start, long length, HttpServletResponse res) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            OutputStream out = res.getOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BUFFER, length));
            long position = start;
            long remaining = length;
            while (remaining > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                int n = ch.read(buffer, position);
                if (n < 0) {
                    throw new IOException(file.getFileName() + " became shorter while being served");
                }
                try {
                    out.write(buffer.array(), 0, n);
                } catch (IOException e) {
                    // Players abort requests all the time (seeking, switching renditions): not an error.
                    LOG.debug("client went away while receiving {}: {}", file.getFileName(), e.toString());
                    return;
                }
                position += n;
                remaining -= n;
            }
        }
    }

    private static void cors(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Expose-Headers", "Content-Length, Content-Range");
    }
}
