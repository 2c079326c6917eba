package io.packager4j.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaticHttpServerTest {

    @TempDir
    static Path dir;
    static byte[] data;
    static StaticHttpServer server;
    static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        Path content = Files.createDirectories(dir.resolve("content"));
        Files.write(content.resolve("seg 1.m4s"), data);
        Files.writeString(content.resolve("manifest.mpd"), "<MPD/>");
        Files.writeString(dir.resolve("secret.txt"), "must not be served");
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("page.html"), "<html></html>");
        server = StaticHttpServer.start(Map.of("/content/", content, "/player", other));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesWholeFilesWithDashContentTypesAndCors() throws Exception {
        HttpResponse<byte[]> r = get("/content/manifest.mpd");
        assertEquals(200, r.statusCode());
        assertEquals("application/dash+xml", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("<MPD/>", new String(r.body()));

        HttpResponse<byte[]> seg = get("/content/" + StaticHttpServer.encodePath("seg 1.m4s"));
        assertEquals(200, seg.statusCode());
        assertEquals("video/iso.segment", seg.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("bytes", seg.headers().firstValue("Accept-Ranges").orElseThrow());
        assertArrayEquals(data, seg.body());

        assertEquals("text/html; charset=utf-8", get("/player/page.html").headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void contentTypesForEveryPackagedKind() {
        assertEquals("video/mp4", StaticHttpServer.contentType("a.mp4"));
        assertEquals("application/vnd.apple.mpegurl", StaticHttpServer.contentType("a.m3u8"));
        assertEquals("text/vtt", StaticHttpServer.contentType("a.VTT"));
        assertEquals("text/javascript; charset=utf-8", StaticHttpServer.contentType("x.js"));
        assertEquals("application/octet-stream", StaticHttpServer.contentType("noext"));
    }

    @Test
    void answersSingleByteRanges() throws Exception {
        String seg = "/content/seg%201.m4s";
        HttpResponse<byte[]> r = get(seg, "Range", "bytes=100-199");
        assertEquals(206, r.statusCode());
        assertEquals("bytes 100-199/100000", r.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(data, 100, 200), r.body());

        HttpResponse<byte[]> open = get(seg, "Range", "bytes=99990-");
        assertEquals(206, open.statusCode());
        assertArrayEquals(Arrays.copyOfRange(data, 99990, 100000), open.body());

        HttpResponse<byte[]> suffix = get(seg, "Range", "bytes=-5");
        assertEquals("bytes 99995-99999/100000", suffix.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(data, 99995, 100000), suffix.body());

        HttpResponse<byte[]> pastEnd = get(seg, "Range", "bytes=99000-200000");
        assertEquals("bytes 99000-99999/100000", pastEnd.headers().firstValue("Content-Range").orElseThrow());
        assertEquals(1000, pastEnd.body().length);

        HttpResponse<byte[]> unsatisfiable = get(seg, "Range", "bytes=100000-");
        assertEquals(416, unsatisfiable.statusCode());
        assertEquals("bytes */100000", unsatisfiable.headers().firstValue("Content-Range").orElseThrow());

        assertTrue(server.requests().stream().anyMatch(q -> q.status() == 206 && "bytes=100-199".equals(q.range())),
                server.requests()::toString);
    }

    @Test
    void headSendsLengthWithoutBody() throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(server.uri("/content/seg%201.m4s"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals(0, r.body().length);
    }

    @Test
    void neverLeavesAMount() throws Exception {
        assertEquals(404, get("/content/../secret.txt").statusCode());
        assertEquals(404, get("/content/%2e%2e/secret.txt").statusCode());
        assertEquals(404, get("/content/..%2fsecret.txt").statusCode());
        assertEquals(404, get("/secret.txt").statusCode());
        assertEquals(404, get("/content/missing.m4s").statusCode());
    }

    @Test
    void answersCorsPreflight() throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(server.uri("/content/manifest.mpd"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(204, r.statusCode());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().contains("Range"));
    }

    @Test
    void uriIsOnLoopback() {
        URI base = server.baseUri();
        assertEquals("127.0.0.1", base.getHost());
        assertTrue(server.port() > 0);
    }
}
