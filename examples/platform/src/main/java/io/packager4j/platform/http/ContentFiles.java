package io.packager4j.platform.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.packager4j.platform.storage.LocalPackageStorage;
import io.packager4j.platform.storage.MediaTypes;
import io.packager4j.platform.storage.PackagePaths;
import io.packager4j.platform.storage.PackageStorage;
import io.packager4j.platform.storage.StoredFile;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves packaged output to players: {@code GET}/{@code HEAD /content/{id}/<path>} is the file
 * {@code <path>} of package {@code id} in its {@link PackageStorage} (the data directory's
 * {@code packages/{id}/}, or the output bucket), with byte ranges, CORS and caching headers.
 *
 * <p>Only files inside the package are served: the path is checked segment by segment
 * ({@code ..}, {@code .}, empty and hidden segments, backslashes and absolute paths are refused, see
 * {@link PackagePaths}); on disk the real path (symbolic links resolved) must still be inside the
 * package's real directory. Only media file types are served at all, so nothing else that may sit in
 * a package leaks. Every refusal is the same 404 as a missing file, so probing tells nothing. With
 * storage whose publication is not atomic (a bucket), nothing of a package is served before it is
 * Ready.
 *
 * <p>A published package never changes, so init and media segments are cacheable for a year as
 * {@code immutable}; manifests and playlists get a short max-age so a re-published package is
 * picked up. Files are streamed (from the file, or the object's byte range), never loaded whole.
 */
public final class ContentFiles {

    /** The route, with the package ID as {@code {id}} and the file path as {@code <path>}. */
    public static final String PATH = "/content/{id}/<path>";

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String MANIFEST_CACHE = "public, max-age=60";

    private static final Logger LOG = LoggerFactory.getLogger(ContentFiles.class);
    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");
    private static final int BUFFER = 64 * 1024;

    private final PackageStorage storage;
    private final LongPredicate servable;

    /** Files of the packages under {@code packagesRoot} (one folder per package, named by its ID), on local disk. */
    public ContentFiles(Path packagesRoot) {
        this(new LocalPackageStorage(packagesRoot), id -> true);
    }

    /**
     * @param storage  where the packages' files are
     * @param servable whether a package's files may be served (with a bucket: whether it is Ready)
     */
    public ContentFiles(PackageStorage storage, LongPredicate servable) {
        this.storage = storage;
        this.servable = servable;
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
        String type = PackagePaths.isAcceptable(relative) ? MediaTypes.of(relative) : null;
        Optional<StoredFile> file = Optional.empty();
        if (type != null && PackagePaths.isPackageId(id) && servable.test(Long.parseLong(id))) {
            file = storage.find(Long.parseLong(id), relative);
        }
        if (file.isEmpty()) {
            throw new ApiError(404, "not_found", "package " + (PackagePaths.isPackageId(id) ? id : "?")
                    + " has no such file");
        }
        send(ctx, file.get(), type, MediaTypes.isManifest(relative) ? MANIFEST_CACHE : IMMUTABLE, withBody);
    }

    /**
     * Sends one stored file with byte ranges, conditional requests and the given caching, as the
     * presentation's files are sent; for files served under other routes (such as {@code /download}).
     *
     * @throws ApiError 404 if there is no such file, 416 for a range outside it
     */
    public static void sendFile(Context ctx, Optional<StoredFile> file, String type, boolean withBody) throws IOException {
        if (file.isEmpty()) {
            throw new ApiError(404, "not_found", "no such file");
        }
        send(ctx, file.get(), type, IMMUTABLE, withBody);
    }

    private static void send(Context ctx, StoredFile file, String type, String cacheControl, boolean withBody)
            throws IOException {
        long size = file.size();
        String etag = file.etag();
        Instant modified = file.lastModified();

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
        // Only the slice is read from storage (a ranged GET for an object), before the status is
        // set: a store that fails to open it is a 500, not a truncated 200.
        InputStream body = withBody && length > 0 ? file.open(start, length) : null;
        // Written straight to the servlet response: Javalin's result pipeline could compress the
        // body or buffer it, and Content-Length must be exactly the slice being sent.
        HttpServletResponse res = ctx.res();
        res.setStatus(status);
        res.setContentType(type);
        res.setContentLengthLong(length);
        if (body != null) {
            try (InputStream in = body) {
                copy(in, length, res);
            }
        }
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

    private static void copy(InputStream in, long length, HttpServletResponse res) throws IOException {
        OutputStream out = res.getOutputStream();
        byte[] buffer = new byte[(int) Math.min(BUFFER, length)];
        long remaining = length;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new IOException("the file became shorter while being served");
            }
            try {
                out.write(buffer, 0, n);
            } catch (IOException e) {
                // Players abort requests all the time (seeking, switching renditions): not an error.
                LOG.debug("client went away while receiving a file: {}", e.toString());
                return;
            }
            remaining -= n;
        }
    }

    private static void cors(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Expose-Headers", "Content-Length, Content-Range");
    }
}
