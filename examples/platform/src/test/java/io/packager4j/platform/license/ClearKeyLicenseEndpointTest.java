package io.packager4j.platform.license;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packager4j.platform.http.TestServer;
import io.packager4j.platform.keys.MasterKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClearKeyLicenseEndpointTest {

    private static final byte[] KEY = HexFormat.of().parseHex("87237d20a19f58a740c05684e699b4aa");
    private static final byte[] KID = HexFormat.of().parseHex("a16e402b9056e371f36d348aa62bb749");
    private static final String KID_B64 = Base64.getUrlEncoder().withoutPadding().encodeToString(KID);
    private static final String REQUEST = "{\"kids\":[\"" + KID_B64 + "\"],\"type\":\"temporary\"}";

    private final ObjectMapper json = new ObjectMapper();
    private final LicenseTokens tokens = new LicenseTokens(MasterKey.generate(), Clock.systemUTC(), Duration.ofMinutes(5));
    private TestServer server;

    @BeforeEach
    void start() {
        LicenseKeys keys = id -> id == 7 ? Optional.of(new ContentKeyPair(KID, KEY)) : Optional.empty();
        server = TestServer.start(app -> new ClearKeyLicenseEndpoint(tokens, keys).register(app));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return server.send(b);
    }

    private JsonNode body(HttpResponse<byte[]> r) throws Exception {
        return json.readTree(r.body());
    }

    @Test
    void answersWithTheRequestedKeyAsAJsonWebKeySet() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        HttpResponse<byte[]> r;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            r = post("/license/7?token=" + tokens.issue(7), REQUEST);
        } finally {
            System.setErr(err);
        }
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        JsonNode body = body(r);
        assertEquals("temporary", body.get("type").asText());
        assertEquals(1, body.get("keys").size());
        JsonNode key = body.get("keys").get(0);
        assertEquals("oct", key.get("kty").asText());
        assertFalse(key.get("kid").asText().contains("="), "no padding");
        assertFalse(key.get("k").asText().contains("="), "no padding");
        assertArrayEquals(KID, Base64.getUrlDecoder().decode(key.get("kid").asText()));
        assertArrayEquals(KEY, Base64.getUrlDecoder().decode(key.get("k").asText()));
        String log = captured.toString(StandardCharsets.UTF_8);
        assertFalse(log.contains(key.get("k").asText()) || log.contains(HexFormat.of().formatHex(KEY)), "the key is never logged: " + log);
    }

    @Test
    void acceptsTheTokenAsABearerHeaderAndPaddedKids() throws Exception {
        String padded = Base64.getUrlEncoder().encodeToString(KID);
        HttpResponse<byte[]> r = post("/license/7", "{\"kids\":[\"" + padded + "\"]}",
                "Authorization", "Bearer " + tokens.issue(7), "Content-Type", "application/json");
        assertEquals(200, r.statusCode());
        assertEquals(1, body(r).get("keys").size());
    }

    @Test
    void anUnknownKidGetsAnEmptyKeyList() throws Exception {
        String other = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]);
        HttpResponse<byte[]> r = post("/license/7?token=" + tokens.issue(7), "{\"kids\":[\"" + other + "\"],\"type\":\"temporary\"}");
        assertEquals(200, r.statusCode());
        assertEquals(0, body(r).get("keys").size());
    }

    @Test
    void withoutAValidTokenTheAnswerIs403() throws Exception {
        for (String path : new String[] {"/license/7", "/license/7?token=", "/license/7?token=123.abc",
                "/license/7?token=" + tokens.issue(8), "/license/abc?token=" + tokens.issue(7)}) {
            HttpResponse<byte[]> r = post(path, REQUEST);
            assertEquals(403, r.statusCode(), path);
            assertEquals("forbidden", body(r).get("code").asText(), path);
            assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        }
        HttpResponse<byte[]> r = post("/license/7", REQUEST, "Authorization", "Bearer nonsense");
        assertEquals(403, r.statusCode());
        r = post("/license/7", REQUEST, "Authorization", "Basic " + tokens.issue(7));
        assertEquals(403, r.statusCode());
    }

    @Test
    void anUnknownPackageIs404() throws Exception {
        HttpResponse<byte[]> r = post("/license/99?token=" + tokens.issue(99), REQUEST);
        assertEquals(404, r.statusCode());
        assertEquals("not_found", body(r).get("code").asText());
    }

    @Test
    void aMalformedRequestIs400() throws Exception {
        String token = tokens.issue(7);
        for (String bad : new String[] {"", "not json", "[]", "{}", "{\"kids\":\"x\"}", "{\"kids\":[]}", "{\"kids\":[1]}",
                "{\"kids\":[\"***\"]}", "{\"kids\":[\"AAAA\"]}", "{\"kids\":[\"" + KID_B64 + "\"],\"type\":5}"}) {
            HttpResponse<byte[]> r = post("/license/7?token=" + token, bad);
            assertEquals(400, r.statusCode(), bad);
            assertEquals("bad_license_request", body(r).get("code").asText(), bad);
        }
    }

    @Test
    void answersTheCorsPreflight() throws Exception {
        HttpResponse<byte[]> r = server.send(HttpRequest.newBuilder(server.uri("/license/7"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .headers("Origin", "http://example.test", "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "authorization"));
        assertEquals(204, r.statusCode());
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(r.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
    }

    @Test
    void aKeyPairNeverShowsItsKey() {
        ContentKeyPair pair = new ContentKeyPair(KID, KEY);
        assertFalse(pair.toString().contains(HexFormat.of().formatHex(KEY)));
        assertTrue(pair.toString().contains(HexFormat.of().formatHex(KID)));
        assertEquals(pair, new ContentKeyPair(KID.clone(), KEY.clone()));
    }
}
