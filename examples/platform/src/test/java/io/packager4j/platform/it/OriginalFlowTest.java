package io.packager4j.platform.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.packager4j.platform.Platform;
import io.packager4j.platform.PlatformConfig;
import io.packager4j.testkit.Ffmpeg;
import io.packager4j.testkit.HeadlessPlayer;
import io.packager4j.testkit.MpdSchemaValidator;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The original platform's flow over real HTTP against a running platform (H2 file database, local
 * disk): upload a real clip, package it with the original base64url key and KID, poll until Ready,
 * fetch the manifest and segments, check them with independent tools (xmllint, ffmpeg decrypting
 * with the key), download the single-file MP4, and play the play page in headless Chromium through
 * the licence endpoint.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OriginalFlowTest {

    @TempDir
    static Path dataDir;
    @TempDir
    static Path clientDir;

    static Platform platform;
    static PlatformClient client;
    static Path source;
    static long inputId;
    static long packageId;

    @BeforeAll
    static void start() throws IOException {
        source = TestClips.moovAtStart();
        platform = Platform.start(PlatformConfig.defaults(dataDir).withPort(0));
        client = new PlatformClient(platform.baseUri());
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void uploadIsIngestedAndProbed() {
        PlatformClient.Reply r = client.upload(source);
        assertEquals(201, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals("Ingested", body.get("status").asText());
        assertEquals(source.getFileName().toString(), body.get("file_name").asText());
        assertEquals(Files.exists(source) ? sizeOf(source) : -1, body.get("size_bytes").asLong());
        double ffprobeDuration = Ffmpeg.ffprobeStreamDurations(source).stream().mapToDouble(d -> d).max().orElseThrow();
        assertEquals(ffprobeDuration, body.get("duration_seconds").asDouble(), 0.1);
        String tracks = body.get("tracks").asText();
        assertTrue(tracks.contains("avc1.") && tracks.contains("mp4a.40.2"), tracks);
        inputId = body.get("input_content_id").asLong();
        assertTrue(inputId > 0);
    }

    @Test
    @Order(2)
    void packagingMovesThroughTheStatusesToReady() {
        packageId = client.requestPackage(inputId, null);
        JsonNode first = client.get("/packaged_content/" + packageId).json();
        assertEquals(packageId, first.get("packaged_content_id").asLong());
        String status = first.get("status").asText();
        assertTrue(List.of("Ingested", "Fragmented", "Encrypted", "Ready").contains(status), status);
        if (!status.equals("Ready")) {
            assertTrue(first.get("url").isNull(), "no URL before the presentation is published: " + first);
        }

        JsonNode ready = client.awaitReady(packageId);
        assertEquals(100, ready.get("progress").asInt());
        assertEquals("cenc", ready.get("scheme").asText());
        assertEquals(PlatformClient.KID_HEX, ready.get("kid").asText());
        assertEquals(client.uri("/content/" + packageId + "/manifest.mpd").toString(), ready.get("url").asText());
        assertFalse(ready.has("error"), ready.toString());
        assertEquals(client.uri("/content/" + packageId + "/master.m3u8").toString(), ready.get("hls_url").asText());
    }

    @Test
    @Order(3)
    void servedPresentationIsValidAndDecryptsToTheSourceFrames() throws IOException {
        Path published = dataDir.resolve("packages").resolve(Long.toString(packageId));
        Path local = clientDir.resolve("presentation");
        // Fetch every file of the presentation over HTTP, as a player would.
        List<Path> files;
        try (Stream<Path> walk = Files.walk(published)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            String rel = published.relativize(f).toString().replace('\\', '/');
            byte[] served = client.getBytes("/content/" + packageId + "/" + rel);
            assertArrayEquals(Files.readAllBytes(f), served, rel);
            Path copy = local.resolve(rel);
            Files.createDirectories(copy.getParent());
            Files.write(copy, served);
        }
        Path mpd = local.resolve("manifest.mpd");
        MpdSchemaValidator.assertValid(mpd);
        String manifest = Files.readString(mpd);
        assertTrue(manifest.contains("a16e402b-9056-e371-f36d-348aa62bb749"), "default_KID in the MPD");

        Path videoDir = TestMedia.only(local, "video");
        List<Path> videoSegments = TestMedia.segments(videoDir);
        List<String> expected = Ffmpeg.decodedFrameHashes(source, "v:0");
        assertEquals(expected, Ffmpeg.decodedFrameHashes(videoSegments, "v:0", PlatformClient.KEY_HEX),
                "video decrypted with the key decodes to the source's frames");
        List<String> wrongKey = Ffmpeg.decodedFrameHashes(videoSegments, "v:0", "00112233445566778899aabbccddeeff");
        assertNotEquals(expected, wrongKey, "the segments are encrypted");
        Path audioDir = TestMedia.only(local, "audio");
        assertEquals(Ffmpeg.packetHashes(source, "a:0"),
                Ffmpeg.packetHashes(TestMedia.segments(audioDir), "a:0", PlatformClient.KEY_HEX), "audio packets");
    }

    @Test
    @Order(4)
    void downloadIsTheEncryptedContentAsOneFragmentedMp4() throws IOException {
        byte[] body = client.getBytes("/download/" + packageId);
        Path file = Files.write(clientDir.resolve("download.mp4"), body);
        assertEquals(2, Ffmpeg.ffprobeStreams(file).size(), "video and audio in one file");
        // Piped in: ffmpeg 5.1 cannot decrypt subsamples of a fragmented MP4 opened by path (see
        // ../shared/testdata/README.md), whoever wrote the file.
        assertEquals(Ffmpeg.decodedFrameHashes(source, "v:0"),
                Ffmpeg.decodedFrameHashes(List.of(file), "v:0", PlatformClient.KEY_HEX));
        assertEquals(Ffmpeg.packetHashes(source, "a:0"),
                Ffmpeg.packetHashes(List.of(file), "a:0", PlatformClient.KEY_HEX));
        assertNotEquals(Ffmpeg.packetHashes(source, "v:0"), Ffmpeg.packetHashes(List.of(file), "v:0", null),
                "the download is encrypted");
    }

    @Test
    @Order(5)
    void listingsShowTheUploadAndThePackage() {
        JsonNode uploaded = client.get("/allUploaded").json();
        assertTrue(uploaded.isArray());
        assertTrue(contains(uploaded, "input_content_id", inputId), uploaded.toString());
        JsonNode encoded = client.get("/allEncoded").json();
        assertTrue(contains(encoded, "packaged_content_id", packageId), encoded.toString());
        for (JsonNode p : encoded) {
            assertEquals("Ready", p.get("status").asText());
        }
    }

    @Test
    @Order(6)
    void playPagePlaysTheEncryptedStreamThroughTheLicenceEndpoint() {
        URI page = client.uri("/play/" + packageId);
        HeadlessPlayer.playPage(page).assertPlayed();
    }

    @Test
    @Order(7)
    void hlsFromTheSameSegmentsPlaysWithTheKeyFromTheKeyEndpoint() {
        PlatformClient.Reply playlist = client.get("/content/" + packageId + "/master.m3u8");
        assertEquals(200, playlist.status());
        assertEquals("application/vnd.apple.mpegurl", playlist.header("Content-Type"));
        assertTrue(playlist.body().contains("#EXT-X-SESSION-KEY:METHOD=SAMPLE-AES-CTR")
                && playlist.body().contains("URI=\"/license/" + packageId + "/key\""), playlist.body());
        HeadlessPlayer.playPage(client.uri("/play/" + packageId + "?format=hls")).assertPlayed();
    }

    @Test
    @Order(8)
    void keyEndpointGivesTheRawKeyOnlyWithTheToken() {
        assertEquals(403, client.get("/license/" + packageId + "/key").status());
        assertEquals(403, client.get("/license/" + packageId + "/key?token=forged.token").status());
        String page = client.get("/play/" + packageId).body();
        String token = page.replaceAll("(?s).*data-token=\"([^\"]+)\".*", "$1");
        byte[] key = client.getBytes("/license/" + packageId + "/key?token=" + token);
        assertArrayEquals(java.util.HexFormat.of().parseHex(PlatformClient.KEY_HEX), key);
        PlatformClient.Reply otherPackage = client.get("/license/" + (packageId + 1) + "/key?token=" + token);
        assertEquals(403, otherPackage.status(), "a token is for one package only");
    }

    @Test
    @Order(9)
    void licenceEndpointWantsTheSignedToken() {
        String request = "{\"kids\":[\"" + PlatformClient.KID_B64URL + "\"],\"type\":\"temporary\"}";
        PlatformClient.Reply none = client.postJson("/license/" + packageId, request);
        assertEquals(403, none.status(), none.body());
        assertEquals("forbidden", none.json().get("code").asText());
        PlatformClient.Reply forged = client.postJson("/license/" + packageId + "?token=forged.token", request);
        assertEquals(403, forged.status(), forged.body());
        assertFalse(forged.body().contains(PlatformClient.KEY_B64URL), "no key without a valid token");
    }

    private static boolean contains(JsonNode array, String field, long id) {
        for (JsonNode n : array) {
            if (n.get(field).asLong() == id) {
                return true;
            }
        }
        return false;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
