package io.packager4j.platform.http;

import io.packager4j.platform.storage.LocalPackageStorage;
import io.packager4j.platform.storage.PackagePaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentFilesTest {

    private static final byte[] SECRET = "TOP-SECRET-OUTSIDE".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;
    private Path root;
    private byte[] segment;
    private TestServer server;
    private ContentFiles files;

    @BeforeEach
    void start() throws Exception {
        root = tmp.resolve("packages");
        Path pkg = root.resolve("5");
        Files.createDirectories(pkg.resolve("video_360p"));
        Files.createDirectories(pkg.resolve("audio_und"));
        segment = new byte[200_000];
        new Random(1).nextBytes(segment);
        Files.write(pkg.resolve("video_360p/seg-1.m4s"), segment);
        Files.write(pkg.resolve("video_360p/init.mp4"), new byte[] {1, 2, 3});
        Files.write(pkg.resolve("audio_und/init.mp4"), new byte[] {4, 5});
        Files.writeString(pkg.resolve("manifest.mpd"), "<MPD/>");
        Files.writeString(pkg.resolve("master.m3u8"), "#EXTM3U\n");
        Files.writeString(pkg.resolve("subs.vtt"), "WEBVTT\n");
        Files.write(pkg.resolve("empty.m4s"), new byte[0]);
        Files.write(pkg.resolve("notes.txt"), SECRET);
        Files.write(pkg.resolve(".partial.m4s"), SECRET);
        // Files outside package 5: beside the packages, and in another package.
        Files.write(tmp.resolve("outside.mpd"), SECRET);
        Files.createDirectories(root.resolve("6"));
        Files.write(root.resolve("6/other.m4s"), SECRET);
        try {
            Files.createSymbolicLink(pkg.resolve("link.m4s"), tmp.resolve("outside.mpd"));
            Files.createSymbolicLink(pkg.resolve("linkdir"), tmp);
            Files.createSymbolicLink(pkg.resolve("inside.m4s"), pkg.resolve("video_360p/init.mp4"));
        } catch (UnsupportedOperationException | java.io.IOException e) {
            // No symbolic links on this file system: those cases are simply not exercised.
        }
        files = new ContentFiles(root);
        server = TestServer.start(files::register);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    void servesWholeFilesWithLengthCorsAndCaching() throws Exception {
        HttpResponse<byte[]> r = server.get("/content/5/video_360p/seg-1.m4s");
        assertEquals(200, r.statusCode());
        assertArrayEquals(segment, r.body());
        assertEquals(String.valueOf(segment.length), header(r, "Content-Length"));
        assertEquals("bytes", header(r, "Accept-Ranges"));
        assertEquals("*", header(r, "Access-Control-Allow-Origin"));
        assertTrue(header(r, "Access-Control-Expose-Headers").contains("Content-Range"));
        assertTrue(header(r, "Access-Control-Expose-Headers").contains("Content-Length"));
        assertEquals("public, max-age=31536000, immutable", header(r, "Cache-Control"));
        assertTrue(header(r, "ETag") != null && header(r, "Last-Modified") != null);

        HttpResponse<byte[]> mpd = server.get("/content/5/manifest.mpd");
        assertEquals("public, max-age=60", header(mpd, "Cache-Control"));
        assertEquals("<MPD/>", new String(mpd.body(), StandardCharsets.UTF_8));
        assertEquals("public, max-age=31536000, immutable", header(server.get("/content/5/video_360p/init.mp4"), "Cache-Control"));

        HttpResponse<byte[]> empty = server.get("/content/5/empty.m4s");
        assertEquals(200, empty.statusCode());
        assertEquals(0, empty.body().length);
    }

    @Test
    void setsMediaTypes() throws Exception {
        assertEquals("application/dash+xml", header(server.get("/content/5/manifest.mpd"), "Content-Type"));
        assertEquals("application/vnd.apple.mpegurl", header(server.get("/content/5/master.m3u8"), "Content-Type"));
        assertEquals("video/iso.segment", header(server.get("/content/5/video_360p/seg-1.m4s"), "Content-Type"));
        assertEquals("video/mp4", header(server.get("/content/5/video_360p/init.mp4"), "Content-Type"));
        assertEquals("audio/mp4", header(server.get("/content/5/audio_und/init.mp4"), "Content-Type"));
        assertTrue(header(server.get("/content/5/subs.vtt"), "Content-Type").startsWith("text/vtt"));
    }

    @Test
    void servesSingleByteRanges() throws Exception {
        int size = segment.length;
        assertRange("bytes=10-19", 10, 19);
        assertRange("bytes=199990-", size - 10, size - 1);
        assertRange("bytes=-100", size - 100, size - 1);
        assertRange("bytes=0-", 0, size - 1);
        assertRange("bytes=100-99999999", 100, size - 1); // clamped to the end
        assertRange("bytes=-999999999", 0, size - 1);     // suffix longer than the file
        assertRange("bytes=0-0", 0, 0);
    }

    private void assertRange(String range, int first, int last) throws Exception {
        HttpResponse<byte[]> r = server.get("/content/5/video_360p/seg-1.m4s", "Range", range);
        assertEquals(206, r.statusCode(), range);
        assertArrayEquals(Arrays.copyOfRange(segment, first, last + 1), r.body(), range);
        assertEquals("bytes " + first + "-" + last + "/" + segment.length, header(r, "Content-Range"), range);
        assertEquals(String.valueOf(last - first + 1), header(r, "Content-Length"), range);
        assertEquals("video/iso.segment", header(r, "Content-Type"), range);
    }

    @Test
    void unsatisfiableRangesAre416AndOthersGetTheWholeFile() throws Exception {
        for (String range : new String[] {"bytes=200000-", "bytes=300000-300010", "bytes=-0"}) {
            HttpResponse<byte[]> r = server.get("/content/5/video_360p/seg-1.m4s", "Range", range);
            assertEquals(416, r.statusCode(), range);
            assertEquals("bytes */" + segment.length, header(r, "Content-Range"), range);
        }
        HttpResponse<byte[]> emptyFile = server.get("/content/5/empty.m4s", "Range", "bytes=0-");
        assertEquals(416, emptyFile.statusCode());
        // Several ranges, other units or nonsense: answered with the whole file, as RFC 9110 allows.
        for (String range : new String[] {"bytes=0-1,5-6", "items=0-5", "bytes=abc", "bytes=9-3"}) {
            HttpResponse<byte[]> r = server.get("/content/5/video_360p/seg-1.m4s", "Range", range);
            assertEquals(200, r.statusCode(), range);
            assertArrayEquals(segment, r.body(), range);
        }
    }

    @Test
    void ifRangeAndConditionalRequests() throws Exception {
        HttpResponse<byte[]> first = server.get("/content/5/video_360p/seg-1.m4s");
        String etag = header(first, "ETag");
        HttpResponse<byte[]> notModified = server.get("/content/5/video_360p/seg-1.m4s", "If-None-Match", etag);
        assertEquals(304, notModified.statusCode());
        assertEquals(0, notModified.body().length);
        assertEquals(206, server.get("/content/5/video_360p/seg-1.m4s", "Range", "bytes=0-9", "If-Range", etag).statusCode());
        assertEquals(200, server.get("/content/5/video_360p/seg-1.m4s", "Range", "bytes=0-9", "If-Range", "\"stale\"").statusCode());
    }

    @Test
    void headGivesTheHeadersWithoutTheBody() throws Exception {
        HttpResponse<byte[]> r = server.send(HttpRequest.newBuilder(server.uri("/content/5/video_360p/seg-1.m4s"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, r.statusCode());
        assertEquals(String.valueOf(segment.length), header(r, "Content-Length"));
        assertEquals("video/iso.segment", header(r, "Content-Type"));
        assertEquals(0, r.body().length);
        HttpResponse<byte[]> ranged = server.send(HttpRequest.newBuilder(server.uri("/content/5/video_360p/seg-1.m4s"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Range", "bytes=0-99"));
        assertEquals(206, ranged.statusCode());
        assertEquals("100", header(ranged, "Content-Length"));
        assertEquals(404, server.send(HttpRequest.newBuilder(server.uri("/content/5/nothing.m4s"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    @Test
    void answersTheCorsPreflight() throws Exception {
        HttpResponse<byte[]> r = server.send(HttpRequest.newBuilder(server.uri("/content/5/video_360p/seg-1.m4s"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .headers("Origin", "http://example.test", "Access-Control-Request-Method", "GET",
                        "Access-Control-Request-Headers", "range"));
        assertEquals(204, r.statusCode());
        assertEquals("*", header(r, "Access-Control-Allow-Origin"));
        assertTrue(header(r, "Access-Control-Allow-Headers").contains("Range"));
        assertTrue(header(r, "Access-Control-Allow-Methods").contains("GET"));
    }

    @Test
    void neverServesAnythingOutsideThePackage() throws Exception {
        String[] attempts = {
            "/content/5/../6/other.m4s",
            "/content/5/video_360p/../../6/other.m4s",
            "/content/5/../../outside.mpd",
            "/content/5/%2e%2e/6/other.m4s",
            "/content/5/%2E%2E/%2E%2E/outside.mpd",
            "/content/5/..%2f6%2fother.m4s",
            "/content/5/%2e%2e%2f%2e%2e%2foutside.mpd",
            "/content/5/%2F" + tmp.toString().substring(1).replace("/", "%2F") + "%2Foutside.mpd",
            "/content/5//" + tmp.toString().substring(1) + "/outside.mpd",
            "/content/5/..%5c6%5cother.m4s",
            "/content/5/link.m4s",
            "/content/5/linkdir/outside.mpd",
            "/content/5/notes.txt",
            "/content/5/.partial.m4s",
            "/content/5/video_360p",
            "/content/5/missing.m4s",
            "/content/5%2f..%2f6/other.m4s",
            "/content/abc/manifest.mpd",
            "/content/-1/manifest.mpd",
        };
        for (String path : attempts) {
            HttpResponse<byte[]> r = server.get(path);
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertFalse(body.contains("TOP-SECRET"), path + " served a file outside the package");
            assertFalse(body.contains(tmp.toString()), path + " leaked a server path: " + body);
            assertEquals(404, r.statusCode(), path + " -> " + body);
        }
        if (Files.isSymbolicLink(root.resolve("5/inside.m4s"))) {
            assertEquals(200, server.get("/content/5/inside.m4s").statusCode(), "a link within the package is fine");
        }
    }

    /** How {@link ContentFiles} finds a file on local disk: the package ID checked, then the path. */
    private Path resolve(String id, String relative) {
        return PackagePaths.isPackageId(id) ? new LocalPackageStorage(root).resolve(Long.parseLong(id), relative) : null;
    }

    @Test
    void resolveRefusesEscapes() throws Exception {
        assertNull(resolve("5", "../6/other.m4s"));
        assertNull(resolve("5", "a/../../6/other.m4s"));
        assertNull(resolve("5", tmp.resolve("outside.mpd").toString()));
        assertNull(resolve("5", "/etc/passwd"));
        assertNull(resolve("5", "..\\6\\other.m4s"));
        assertNull(resolve("5", "C:/x.m4s"));
        assertNull(resolve("5", "./manifest.mpd"));
        assertNull(resolve("5", "video_360p//seg-1.m4s"));
        assertNull(resolve("..", "6/other.m4s"));
        assertNull(resolve("5", "manifest.mpd\0.m4s"));
        assertEquals(root.resolve("5/manifest.mpd").toRealPath(), resolve("5", "manifest.mpd"));
    }
}
