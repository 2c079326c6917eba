package io.packager4j.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A static file server on 127.0.0.1 with an ephemeral port, for playing packaged output in a
 * browser. Directories are mounted under URL prefixes (for example {@code /content/} for a
 * packager's output and {@code /player/} for the harness pages).
 *
 * <p>What a DASH player needs from a server, and nothing more: DASH/CMAF content types, single
 * byte-range requests ({@code 206}; the on-demand profile reads {@code sidx} and media by range),
 * {@code HEAD}, CORS headers, and no caching. Every request is recorded (bounded) so a test can
 * see what a player fetched, for example that it used ranges.
 *
 * <pre>{@code
 * try (StaticHttpServer server = StaticHttpServer.start(Map.of("/content/", outputDir))) {
 *     URI mpd = server.uri("/content/manifest.mpd");
 * }
 * }</pre>
 */
public final class StaticHttpServer implements AutoCloseable {

    private static final int MAX_RECORDED_REQUESTS = 5000;
    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("mpd", "application/dash+xml"),
            Map.entry("m4s", "video/iso.segment"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("m4v", "video/mp4"),
            Map.entry("m4a", "audio/mp4"),
            Map.entry("cmfv", "video/mp4"),
            Map.entry("cmfa", "audio/mp4"),
            Map.entry("cmft", "application/mp4"),
            Map.entry("m3u8", "application/vnd.apple.mpegurl"),
            Map.entry("vtt", "text/vtt"),
            Map.entry("ttml", "application/ttml+xml"),
            Map.entry("xml", "application/xml"),
            Map.entry("ts", "video/mp2t"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    /** One request as served: method, decoded path, the Range header if any, and the status sent. */
    public record Request(String method, String path, String range, int status) {
        @Override
        public String toString() {
            return method + " " + path + (range == null ? "" : " [" + range + "]") + " -> " + status;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Path> mounts;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    private StaticHttpServer(HttpServer server, ExecutorService executor, Map<String, Path> mounts) {
        this.server = server;
        this.executor = executor;
        this.mounts = mounts;
    }

    /**
     * Starts a server with the given mounts: URL prefix (such as {@code "/content/"}) to directory.
     * A longer prefix wins over a shorter one; a path outside every mount is a 404.
     */
    public static StaticHttpServer start(Map<String, Path> mounts) {
        Map<String, Path> normalized = new LinkedHashMap<>();
        mounts.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()))
                .forEach(e -> {
                    String prefix = e.getKey().startsWith("/") ? e.getKey() : "/" + e.getKey();
                    if (!prefix.endsWith("/")) {
                        prefix += "/";
                    }
                    Path dir = e.getValue().toAbsolutePath().normalize();
                    if (!Files.isDirectory(dir)) {
                        throw new IllegalArgumentException("not a directory: " + dir + " (for " + prefix + ")");
                    }
                    normalized.put(prefix, dir);
                });
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            AtomicInteger n = new AtomicInteger();
            // Players fetch audio, video and manifest in parallel; one thread would serialize them.
            ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "static-http-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            http.setExecutor(executor);
            StaticHttpServer s = new StaticHttpServer(http, executor, Collections.unmodifiableMap(normalized));
            http.createContext("/", s::handle);
            http.start();
            return s;
        } catch (IOException e) {
            throw new AssertionError("cannot start the test HTTP server: " + e.getMessage(), e);
        }
    }

    /** The server's port on 127.0.0.1. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    /** An absolute URI for a path on this server; {@code path} is used as given (encode it yourself). */
    public URI uri(String path) {
        return baseUri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    /** Encodes each segment of a relative file path for use in a URL ({@code a b/c.mpd -> a%20b/c.mpd}). */
    public static String encodePath(String relative) {
        StringBuilder sb = new StringBuilder();
        for (String seg : relative.replace('\\', '/').split("/", -1)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(URLEncoder.encode(seg, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }

    /** A copy of the requests served so far, oldest first (at most the first 5000). */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The content type this server sends for a file name. */
    public static String contentType(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(ext, "application/octet-stream");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        int status;
        try {
            status = serve(ex, method, path, range);
        } catch (IOException e) {
            // The client went away mid-body (players abort requests when they seek or stop).
            status = -1;
        } catch (RuntimeException e) {
            status = 500;
            try {
                sendText(ex, 500, "internal error: " + e);
            } catch (IOException ignored) {
                // nothing more to tell a client that is gone
            }
        } finally {
            ex.close();
        }
        synchronized (requests) {
            if (requests.size() < MAX_RECORDED_REQUESTS) {
                requests.add(new Request(method, path, range, status));
            }
        }
    }

    private int serve(HttpExchange ex, String method, String path, String range) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("Access-Control-Allow-Origin", "*");
        h.set("Access-Control-Expose-Headers", "Content-Length, Content-Range, Content-Type");
        h.set("Cache-Control", "no-store");
        if (method.equals("OPTIONS")) {
            h.set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
            h.set("Access-Control-Allow-Headers", "Range, Content-Type");
            h.set("Access-Control-Max-Age", "600");
            ex.sendResponseHeaders(204, -1);
            return 204;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            h.set("Allow", "GET, HEAD, OPTIONS");
            return sendText(ex, 405, "method not allowed");
        }
        if (path.equals("/favicon.ico")) {
            // Browsers ask for it on every page; a 404 would only add noise to playback logs.
            ex.sendResponseHeaders(204, -1);
            return 204;
        }
        Path file = resolve(path);
        if (file == null || !Files.isRegularFile(file)) {
            return sendText(ex, 404, "not found: " + path);
        }
        long length = Files.size(file);
        h.set("Content-Type", contentType(file.getFileName().toString()));
        h.set("Accept-Ranges", "bytes");
        boolean head = method.equals("HEAD");

        long start = 0;
        long end = length - 1;
        int status = 200;
        if (range != null) {
            Matcher m = SINGLE_RANGE.matcher(range.trim());
            // Several ranges in one request are allowed to be answered with the whole file.
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                if (m.group(1).isEmpty()) {
                    long suffix = Long.parseLong(m.group(2));
                    start = Math.max(0, length - suffix);
                    if (suffix == 0) {
                        start = length;
                    }
                } else {
                    start = Long.parseLong(m.group(1));
                    if (!m.group(2).isEmpty()) {
                        end = Math.min(Long.parseLong(m.group(2)), length - 1);
                    }
                }
                if (start >= length || start > end) {
                    h.set("Content-Range", "bytes */" + length);
                    return sendText(ex, 416, "range not satisfiable: " + range + " of " + length + " bytes");
                }
                status = 206;
                h.set("Content-Range", "bytes " + start + "-" + end + "/" + length);
            } else if (!range.contains(",")) {
                h.set("Content-Range", "bytes */" + length);
                return sendText(ex, 416, "malformed range: " + range);
            }
        }
        long count = end - start + 1;
        if (head) {
            h.set("Content-Length", Long.toString(count));
            ex.sendResponseHeaders(status, -1);
            return status;
        }
        ex.sendResponseHeaders(status, count == 0 ? -1 : count);
        if (count > 0) {
            try (InputStream in = Files.newInputStream(file); OutputStream out = ex.getResponseBody()) {
                in.skipNBytes(start);
                byte[] buf = new byte[64 * 1024];
                long left = count;
                while (left > 0) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                    if (n < 0) {
                        break;
                    }
                    out.write(buf, 0, n);
                    left -= n;
                }
            }
        }
        return status;
    }

    /** Maps a URL path to a file inside a mount, or null; "..", encoded or not, cannot leave the mount. */
    private Path resolve(String path) {
        for (Map.Entry<String, Path> e : mounts.entrySet()) {
            if (path.startsWith(e.getKey())) {
                String rest = path.substring(e.getKey().length());
                Path root = e.getValue();
                Path p = root.resolve(rest).normalize();
                return p.startsWith(root) ? p : null;
            }
        }
        return null;
    }

    private static int sendText(HttpExchange ex, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (ex.getRequestMethod().equalsIgnoreCase("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return status;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
        return status;
    }
}
