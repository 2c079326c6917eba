package io.packager4j.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Plays packaged DASH output (or, with Shaka Player, HLS: a {@code .m3u8} manifest name) in a real
 * player (Shaka Player or dash.js) inside headless Chromium
 * and reports what happened, so tests check playback by an independent implementation rather
 * than by our own reader.
 *
 * <pre>{@code
 * HeadlessPlayer.play(outputDir, "manifest.mpd", HeadlessPlayer.Player.SHAKA, Map.of()).assertPlayed();
 * HeadlessPlayer.play(outputDir, "manifest.mpd", HeadlessPlayer.Player.DASHJS,
 *         Map.of(kidHex, keyHex)).assertPlayed();
 * HeadlessPlayer.play(outputDir, "manifest.mpd", HeadlessPlayer.Player.SHAKA,
 *         Map.of(kidHex, wrongKeyHex)).assertFailed();
 * }</pre>
 *
 * <p>How it runs: {@code player-tests/} (at the project root) holds the harness pages and a
 * locked npm dependency set; its {@code node_modules} is installed with {@code npm ci} on first
 * use (once per machine, guarded by a file lock). Each call serves {@code outputDir} under
 * {@code /content/} and {@code player-tests/} under {@code /player/} from a fresh
 * {@link StaticHttpServer}, then runs {@code node player-tests/play.mjs}, which opens the harness
 * page in Chromium ({@code /usr/bin/chromium}, or the {@code CHROMIUM} environment variable) and
 * prints the page's result as one JSON line.
 *
 * <p>Every wait is bounded: the page reports by itself after reaching 3.5 s, on the first error,
 * or at its timeout ({@link #DEFAULT_TIMEOUT}); {@code play.mjs} gives up 10 s after that and has
 * a hard exit 20 s later; this class kills node and its browser 30 s after that. A run where the
 * harness itself could not work (browser not starting, page or library missing) fails the test
 * with an {@link AssertionError} rather than returning a result, so it cannot pass as "did not play".
 */
public final class HeadlessPlayer {

    /** The page-side playback time limit used by {@link #play(Path, String, Player, Map)}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern HEX_16_BYTES = Pattern.compile("[0-9a-f]{32}");
    private static final Object INSTALL_LOCK = new Object();
    private static volatile boolean installed;

    /** The players the harness can drive; each has its own page in {@code player-tests/}. */
    public enum Player {
        /** Shaka Player 5 ({@code shaka.html}). */
        SHAKA("shaka.html"),
        /** dash.js 5 ({@code dashjs.html}). */
        DASHJS("dashjs.html");

        private final String page;

        Player(String page) {
            this.page = page;
        }

        /** The harness page's file name in {@code player-tests/}. */
        public String page() {
            return page;
        }
    }

    private HeadlessPlayer() {
    }

    /**
     * Plays {@code outputDir/manifestName} with the default time limit.
     *
     * @param outputDir     directory served as {@code /content/}; the manifest and its segments
     * @param manifestName  manifest path relative to {@code outputDir}, such as {@code "manifest.mpd"}
     * @param player        which player to use
     * @param clearKeysHex  ClearKey map, KID hex to key hex (32 hex digits each, dashes allowed); empty for clear content
     * @return what the page reported; judge it with {@link PlaybackResult#assertPlayed()} or {@link PlaybackResult#assertFailed()}
     */
    public static PlaybackResult play(Path outputDir, String manifestName, Player player, Map<String, String> clearKeysHex) {
        return play(outputDir, manifestName, player, clearKeysHex, DEFAULT_TIMEOUT);
    }

    /**
     * Plays {@code outputDir/manifestName}, giving the page {@code timeout} to reach 3.5 s.
     *
     * @see #play(Path, String, Player, Map)
     */
    public static PlaybackResult play(Path outputDir, String manifestName, Player player, Map<String, String> clearKeysHex,
                                      Duration timeout) {
        Map<String, String> keys = normalizeKeys(clearKeysHex);
        ensureNodeModules();
        Path harness = playerTestsDir();
        try (StaticHttpServer server = StaticHttpServer.start(Map.of("/content/", outputDir, "/player/", harness))) {
            long pageTimeoutMs = timeout.toMillis();
            Map<String, Object> fragment = new LinkedHashMap<>();
            fragment.put("clearKeys", keys);
            // Keys travel in the fragment, which the browser never sends to the server.
            String url = server.uri("/player/" + player.page()).toString()
                    + "?manifest=" + URLEncoder.encode("/content/" + StaticHttpServer.encodePath(manifestName), StandardCharsets.UTF_8)
                    + "&timeout=" + pageTimeoutMs
                    + "#" + URLEncoder.encode(MiniJson.object(fragment), StandardCharsets.UTF_8).replace("+", "%20");
            long nodeTimeoutMs = pageTimeoutMs + 10_000;
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("url", url);
            args.put("timeoutMs", nodeTimeoutMs);
            args.put("player", player.name().toLowerCase(Locale.ROOT));
            ProcessRunner.Result r = ProcessRunner.run(
                    List.of(node(), harness.resolve("play.mjs").toString(), MiniJson.object(args)),
                    harness, Duration.ofMillis(nodeTimeoutMs + 20_000 + 30_000), List.of(), Map.of());
            return parseResult(r, player.toString(), server);
        }
    }

    /**
     * Opens any page (not one of the harness pages), such as an application's own player page, and
     * watches its first {@code <video>} element until its current time passes 3.5 s, with
     * {@link #DEFAULT_TIMEOUT}.
     *
     * @see #playPage(URI, double, Duration)
     */
    public static PlaybackResult playPage(URI pageUrl) {
        return playPage(pageUrl, 3.5, DEFAULT_TIMEOUT);
    }

    /**
     * Opens any page served by the caller, such as an application's own player page, in headless
     * Chromium and watches the page's first {@code <video>} element instead of waiting for a harness
     * result: the run ends when its current time passes {@code targetSeconds}, when the element
     * reports an error, when the page throws or logs a {@code console.error}, when the media ends,
     * or after {@code timeout}. The result has the same form as {@link #play(Path, String, Player, Map)}'s
     * (player {@code "page"}), so {@link PlaybackResult#assertPlayed()} and
     * {@link PlaybackResult#assertFailed()} judge it the same way.
     *
     * <p>Only loopback pages can be watched: Chromium is started so that no other host resolves,
     * and every request to one is blocked. A page that is not served (HTTP error) or a browser that
     * does not start fails with an {@link AssertionError}, as for the harness pages.
     *
     * @param pageUrl       {@code http://127.0.0.1:PORT/...} or {@code http://localhost:PORT/...}
     * @param targetSeconds current time that counts as played; use more than
     *                      {@link PlaybackResult#MIN_PLAYED_SECONDS} for {@code assertPlayed()} to pass
     * @param timeout       how long to watch at most
     * @throws IllegalArgumentException if the URL is not an HTTP(S) URL on a loopback host
     */
    public static PlaybackResult playPage(URI pageUrl, double targetSeconds, Duration timeout) {
        requireLoopback(pageUrl);
        ensureNodeModules();
        Path harness = playerTestsDir();
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("url", pageUrl.toString());
        args.put("watchVideo", true);
        args.put("target", targetSeconds);
        args.put("timeoutMs", timeout.toMillis());
        ProcessRunner.Result r = ProcessRunner.run(
                List.of(node(), harness.resolve("play.mjs").toString(), MiniJson.object(args)),
                harness, Duration.ofMillis(timeout.toMillis() + 20_000 + 30_000), List.of(), Map.of());
        return parseResult(r, "page " + pageUrl, null);
    }

    /**
     * Opens a page that plays with Shaka Player and exposes it as {@code window.player} (such as an
     * application's own player page) or {@code window.__player}, and once it plays, turns ABR off
     * and selects each video height the player offers in turn: every selection must be decoded at
     * its size and play on for a second of media time. Judge the outcome with {@link
     * RenditionSwitches#assertSwitchedThrough(List)}. Only loopback pages, as for {@link
     * #playPage(URI, double, Duration)}; the media must be long enough for a second in each
     * rendition after playback starts.
     *
     * @param pageUrl {@code http://127.0.0.1:PORT/...} or {@code http://localhost:PORT/...}
     * @param timeout how long the whole run may take
     */
    public static RenditionSwitches switchRenditions(URI pageUrl, Duration timeout) {
        requireLoopback(pageUrl);
        ensureNodeModules();
        Path harness = playerTestsDir();
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("url", pageUrl.toString());
        args.put("switchRenditions", true);
        args.put("playSeconds", 1);
        args.put("timeoutMs", timeout.toMillis());
        ProcessRunner.Result r = ProcessRunner.run(
                List.of(node(), harness.resolve("play.mjs").toString(), MiniJson.object(args)),
                harness, Duration.ofMillis(timeout.toMillis() + 20_000 + 30_000), List.of(), Map.of());
        PlaybackResult playback = parseResult(r, "page " + pageUrl, null);
        return RenditionSwitches.fromJson(MiniJson.obj(MiniJson.parse(playback.rawJson())), playback);
    }

    private static void requireLoopback(URI pageUrl) {
        String scheme = pageUrl.getScheme();
        String host = pageUrl.getHost();
        if (scheme == null || !scheme.matches("https?") || host == null
                || !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
            throw new IllegalArgumentException("only http(s) pages on 127.0.0.1 or localhost can be played: " + pageUrl);
        }
    }

    /** {@code player-tests/} at the project root: the harness pages, {@code play.mjs} and the npm lock file. */
    public static Path playerTestsDir() {
        Path dir = SharedTestData.projectDir().resolve("player-tests");
        if (!Files.isRegularFile(dir.resolve("play.mjs"))) {
            throw new AssertionError("player-tests/play.mjs not found under " + SharedTestData.projectDir()
                    + " (set -Dpackager4j.project.dir to the project root)");
        }
        return dir;
    }

    /**
     * Makes sure {@code player-tests/node_modules} holds what the harness needs, running
     * {@code npm ci} when it is missing or older than {@code package-lock.json}. Runs once per JVM;
     * a file lock keeps two test JVMs from installing at the same time.
     */
    public static void ensureNodeModules() {
        if (installed) {
            return;
        }
        synchronized (INSTALL_LOCK) {
            if (installed) {
                return;
            }
            Path dir = playerTestsDir();
            Path lockFile = Path.of(System.getProperty("java.io.tmpdir"),
                    "packager4j-npm-ci-" + Integer.toHexString(dir.toString().hashCode()) + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                if (!nodeModulesUpToDate(dir)) {
                    ProcessRunner.Result r = ProcessRunner.run(
                            List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"),
                            dir, Duration.ofMinutes(5), List.of(), Map.of());
                    if (r.exitCode() != 0 || !nodeModulesUpToDate(dir)) {
                        throw new AssertionError("npm ci in " + dir + " failed (exit " + r.exitCode() + "):\n"
                                + ProcessRunner.tail(r.stdoutText() + "\n" + r.stderr(), 40, 6000));
                    }
                }
            } catch (IOException e) {
                throw new AssertionError("cannot lock " + lockFile + " for npm ci: " + e.getMessage(), e);
            }
            installed = true;
        }
    }

    private static boolean nodeModulesUpToDate(Path dir) throws IOException {
        Path modules = dir.resolve("node_modules");
        for (String needed : List.of(
                "playwright-core/package.json",
                "hls-parser/index.js",
                "shaka-player/dist/shaka-player.compiled.js",
                "dashjs/dist/modern/umd/dash.all.min.js")) {
            if (!Files.isRegularFile(modules.resolve(needed))) {
                return false;
            }
        }
        // npm writes node_modules/.package-lock.json on install; an older one means the lock file changed since.
        Path installedLock = modules.resolve(".package-lock.json");
        return Files.isRegularFile(installedLock)
                && Files.getLastModifiedTime(installedLock).compareTo(Files.getLastModifiedTime(dir.resolve("package-lock.json"))) >= 0;
    }

    private static String node() {
        String env = System.getenv("NODE");
        return env != null && !env.isBlank() ? env : "node";
    }

    /** Lower-case, dash-free hex, checked up front so a typo fails here and not as "did not play". */
    static Map<String, String> normalizeKeys(Map<String, String> clearKeysHex) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (clearKeysHex == null) {
            return keys;
        }
        clearKeysHex.forEach((kid, key) -> {
            String k = kid.replace("-", "").toLowerCase(Locale.ROOT);
            String v = key.replace("-", "").toLowerCase(Locale.ROOT);
            if (!HEX_16_BYTES.matcher(k).matches() || !HEX_16_BYTES.matcher(v).matches()) {
                throw new IllegalArgumentException("ClearKey KID and key must be 32 hex digits: " + kid + " -> " + key);
            }
            keys.put(k, v);
        });
        return keys;
    }

    /** {@code server} is the one that served the run, for its request log, or {@code null} when the caller served it. */
    private static PlaybackResult parseResult(ProcessRunner.Result r, String player, StaticHttpServer server) {
        String stdout = r.stdoutText();
        String line = null;
        for (String l : stdout.split("\n")) {
            if (l.startsWith("{")) {
                line = l.trim();
            }
        }
        String context = "\n--- node stderr (tail) ---\n" + r.stderrTail()
                + "\n--- requests served ---\n" + requestSummary(server);
        if (line == null) {
            throw new AssertionError("play.mjs printed no result (exit " + r.exitCode() + ") for " + player
                    + "\n--- stdout ---\n" + ProcessRunner.tail(stdout, 20, 4000) + context);
        }
        Map<String, Object> json;
        try {
            json = MiniJson.obj(MiniJson.parse(line));
        } catch (IllegalArgumentException e) {
            throw new AssertionError("play.mjs printed unreadable JSON: " + e.getMessage() + "\n" + line + context, e);
        }
        if (json.get("harnessError") != null || r.exitCode() != 0) {
            throw new AssertionError("the playback harness itself failed for " + player + " (exit " + r.exitCode() + "): "
                    + json.get("harnessError") + "\n" + String.join("\n", MiniJson.list(json.get("log")).stream()
                    .map(String::valueOf).toList()) + context);
        }
        PlaybackResult result = PlaybackResult.fromJson(json, line);
        if (server == null) {
            return result;
        }
        List<String> log = new java.util.ArrayList<>(result.log());
        for (StaticHttpServer.Request req : server.requests()) {
            log.add("[server] " + req);
        }
        return new PlaybackResult(result.player(), result.reason(), result.currentTime(), result.totalVideoFrames(),
                result.droppedVideoFrames(), result.error(), result.textTracks(), log, result.rawJson());
    }

    private static String requestSummary(StaticHttpServer server) {
        if (server == null) {
            return "  (served by the caller)\n";
        }
        StringBuilder sb = new StringBuilder();
        for (StaticHttpServer.Request req : server.requests()) {
            sb.append("  ").append(req).append('\n');
        }
        return sb.toString();
    }
}
