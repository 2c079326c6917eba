package io.packager4j.platform.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.packager4j.platform.DataLayout;
import io.packager4j.platform.license.LicenseTokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /play/{id}}: a page that plays a package's {@code /content/{id}/manifest.mpd} (or, with
 * {@code ?format=hls}, its {@code master.m3u8}) with the
 * platform's own copy of Shaka Player ({@code /web/vendor/shaka-player/shaka-player.compiled.js}, no
 * CDN), getting ClearKey licences from {@code /license/{id}} with a fresh short-lived token.
 *
 * <p>The HTML is the classpath template {@code web/play.html}; the values put into it (package ID,
 * URLs, token) are HTML-escaped and travel as {@code data-} attributes that {@code /web/play.js}
 * reads, so no value is ever spliced into script text. The page is {@code no-store} (it holds a
 * token) and sends a Content-Security-Policy that allows scripts from this server only.
 */
public final class PlayPage {

    /** The route, with the package ID as {@code {id}}. */
    public static final String PATH = "/play/{id}";

    /** Classpath location of the page template. */
    static final String TEMPLATE = "/web/play.html";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");
    private static final Pattern PACKAGE_ID = Pattern.compile("[0-9]{1,18}");

    /** Blob URLs are how Media Source Extensions attach to the video element; the rest is same-origin. */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "media-src 'self' blob:; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'self'";

    private final LicenseTokens tokens;
    private final LongPredicate isPlayable;
    private final String template;

    /**
     * @param tokens     issues the licence token embedded in the page
     * @param isPlayable whether a package exists and is ready to play; otherwise the page is a 404
     */
    public PlayPage(LicenseTokens tokens, LongPredicate isPlayable) {
        this.tokens = tokens;
        this.isPlayable = isPlayable;
        this.template = loadTemplate();
    }

    /** Registers {@code GET /play/{id}}. */
    public void register(Javalin app) {
        app.get(PATH, this::page);
    }

    private void page(Context ctx) {
        String idText = ctx.pathParam("id");
        if (!PACKAGE_ID.matcher(idText).matches()) {
            throw new ApiError(404, "not_found", "no such package");
        }
        long id = Long.parseLong(idText);
        if (!isPlayable.test(id)) {
            throw new ApiError(404, "not_found", "package " + id + " does not exist or is not ready to play");
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("packageId", Long.toString(id));
        // ?format=hls plays the HLS playlists written over the same segments.
        boolean hls = "hls".equalsIgnoreCase(ctx.queryParam("format"));
        values.put("manifestUrl", "/content/" + id + "/" + (hls ? DataLayout.HLS_PLAYLIST_FILE : DataLayout.MANIFEST_FILE));
        values.put("licenseUrl", "/license/" + id);
        values.put("token", tokens.issue(id));
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType("text/html; charset=utf-8").result(render(template, values));
    }

    /** The template with each {@code {{name}}} replaced by its HTML-escaped value. */
    static String render(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("the play page template uses an unknown value {{" + m.group(1) + "}}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(escapeHtml(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Escapes for HTML text and quoted attribute values alike. */
    static String escapeHtml(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String loadTemplate() {
        try (InputStream in = PlayPage.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + TEMPLATE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TEMPLATE, e);
        }
    }
}
