package io.packager4j.platform.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.packager4j.platform.keys.MasterKey;
import io.packager4j.platform.license.LicenseTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlayPageTest {

    private final LicenseTokens tokens = new LicenseTokens(MasterKey.generate(), Clock.systemUTC(), Duration.ofMinutes(5));
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(app -> new PlayPage(tokens, id -> id == 12).register(app));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void thePageCarriesTheManifestTheLicenceUrlAndAFreshToken() throws Exception {
        HttpResponse<byte[]> r = server.get("/play/12");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        String html = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("data-manifest-url=\"/content/12/manifest.mpd\""), html);
        assertTrue(html.contains("data-license-url=\"/license/12\""), html);
        assertTrue(html.contains("<script src=\"/web/vendor/shaka-player/shaka-player.compiled.js\"></script>"), html);
        assertTrue(html.contains("<script src=\"/web/play.js\"></script>"), html);
        assertFalse(html.contains("{{"), "every placeholder is filled");
        assertFalse(html.matches("(?s).*src=\"(https?:)?//.*"), "nothing is loaded from another host");
        Matcher token = Pattern.compile("data-token=\"([^\"]+)\"").matcher(html);
        assertTrue(token.find(), html);
        assertTrue(tokens.isValid(token.group(1), 12), "the page's token opens package 12's licence");
        assertFalse(tokens.isValid(token.group(1), 13));
    }

    @Test
    void theScriptsThePageNeedsAreServed() throws Exception {
        HttpResponse<byte[]> shaka = server.get("/web/vendor/shaka-player/shaka-player.compiled.js");
        assertEquals(200, shaka.statusCode(), "bundled by the build into target/classes/web/vendor");
        assertTrue(shaka.body().length > 100_000);
        HttpResponse<byte[]> play = server.get("/web/play.js");
        assertEquals(200, play.statusCode());
        assertTrue(new String(play.body(), StandardCharsets.UTF_8).contains("org.w3.clearkey"));
    }

    @Test
    void unknownOrUnreadyPackagesAre404() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String path : new String[] {"/play/13", "/play/abc", "/play/-1", "/play/99999999999999999999"}) {
            HttpResponse<byte[]> r = server.get(path);
            assertEquals(404, r.statusCode(), path);
            assertEquals("not_found", json.readTree(r.body()).get("code").asText(), path);
        }
    }

    @Test
    void insertedValuesAreHtmlEscaped() {
        String out = PlayPage.render("<p title=\"{{a}}\">{{a}}</p>", Map.of("a", "\"><script>alert('x')</script>&"));
        assertEquals("<p title=\"&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;\">"
                + "&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>", out);
        assertEquals("a$1\\b", PlayPage.render("{{v}}", Map.of("v", "a$1\\b")), "replacement syntax is not interpreted");
    }
}
