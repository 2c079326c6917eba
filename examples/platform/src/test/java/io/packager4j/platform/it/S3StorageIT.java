package io.packager4j.platform.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.packager4j.platform.storage.S3MockServer;
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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform jar with S3 storage, against an S3Mock server started by the test, every bucket
 * checked with the test's own SDK client: an upload lands in the input bucket (by multipart upload:
 * 5 MiB parts, a 12 MB file) and nothing of it stays on local disk; its package is published to the
 * output bucket (the download by multipart too) and served from there, byte for byte, valid, with
 * ranges and conditionals, decrypting to the source's frames and playing in headless Chromium;
 * {@code POST /encode} packages an object put straight into the input bucket, with a generated key
 * that the licence endpoint serves; a missing object is a 404, a bad name a 400, a non-video
 * object a Failed package; deleting packages and uploads deletes their objects, never a client's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3StorageIT {

    static final String IN = "media-in";
    static final String OUT = "media-out";
    static final long PART = 5L * 1024 * 1024;
    static final String ENCODED_KEY = "incoming/clip one.mp4";

    @TempDir
    static Path tmp;

    static S3MockServer s3;
    static PlatformProcess platform;
    static PlatformClient client;
    static Path dataDir;
    static Path source;
    static long inputId;
    static long packageId;
    static long encodedInputId;
    static long encodedPackageId;

    @BeforeAll
    static void start() throws IOException {
        s3 = S3MockServer.start(tmp.resolve("s3"));
        s3.createBucket(IN);
        s3.createBucket(OUT);
        source = playableInput(tmp);
        dataDir = tmp.resolve("data");
        platform = PlatformProcess.start(dataDir, tmp.resolve("platform.log"),
                Map.of("AWS_ACCESS_KEY_ID", S3MockServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3MockServer.SECRET_KEY),
                "--s3-endpoint", s3.endpoint().toString(), "--s3-path-style", "--s3-region", "us-east-1",
                "--s3-input-bucket", IN, "--s3-output-bucket", OUT, "--s3-part-size-mb", "5",
                // Given, so that the data directory holds nothing but the database.
                "--master-key", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                "--webhook-secret", "s3-test-webhook-secret-0123456789");
        client = platform.client();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (platform != null) {
            platform.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    /**
     * 8 s of 720p H.264 (Constrained Baseline, which Chromium plays) at a high quality, about 12 MB:
     * three 5 MiB parts.
     */
    static Path playableInput(Path dir) {
        Path file = dir.resolve("big.mp4");
        Ffmpeg.run("-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25", "-f", "lavfi",
                "-i", "sine=frequency=440:sample_rate=48000", "-t", "8", "-c:v", "libx264", "-preset", "ultrafast",
                "-qp", "6", "-pix_fmt", "yuv420p", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0",
                "-c:a", "aac", "-b:a", "128k", "-ac", "2", file.toString());
        return file;
    }

    @Test
    @Order(1)
    void uploadIsKeptInTheInputBucketByMultipartAndNotOnDisk() throws IOException {
        Path notVideo = Files.writeString(tmp.resolve("notes.mp4"), "not a video\n");
        PlatformClient.Reply refused = client.upload(notVideo);
        assertEquals(422, refused.status(), refused.body());
        assertTrue(s3.objects(IN).isEmpty(), "a refused upload is not stored: " + s3.objects(IN));
        assertEquals(0, client.get("/api/contents").json().get("total").asLong());

        long size = Files.size(source);
        assertTrue(size > 2 * PART, "the input spans at least three parts: " + size);
        PlatformClient.Reply r = client.upload(source);
        assertEquals(201, r.status(), r.body());
        inputId = r.json().get("input_content_id").asLong();
        assertEquals("Ingested", r.json().get("status").asText());

        Map<String, Long> objects = s3.objects(IN);
        assertEquals(1, objects.size(), objects.toString());
        String key = objects.keySet().iterator().next();
        assertTrue(key.startsWith("inputs/"), key);
        assertEquals(size, objects.get(key));
        assertArrayEquals(Files.readAllBytes(source), s3.bytes(IN, key), "the object is the upload");
        // S3's multipart ETag is "<hash>-<number of parts>": stored in 5 MiB parts.
        assertEquals("-" + partsOf(size), etagSuffix(s3.etag(IN, key)), s3.etag(IN, key));

        assertOnlyTheDatabaseOnDisk();
    }

    @Test
    @Order(2)
    void packageIsPublishedToTheOutputBucket() throws IOException {
        packageId = client.requestPackage(inputId, null);
        JsonNode ready = client.awaitReady(packageId);
        assertEquals(client.uri("/content/" + packageId + "/manifest.mpd").toString(), ready.get("url").asText());

        Map<String, Long> objects = packageObjects(packageId);
        for (String name : List.of("manifest.mpd", "master.m3u8", "download.mp4")) {
            assertTrue(objects.containsKey(name), name + " in " + objects.keySet());
        }
        assertTrue(objects.keySet().stream().anyMatch(k -> k.startsWith("video") && k.endsWith("/seg-1.m4s")),
                objects.keySet().toString());
        assertTrue(objects.keySet().stream().anyMatch(k -> k.startsWith("audio") && k.endsWith("/init.mp4")),
                objects.keySet().toString());
        long download = objects.get("download.mp4");
        assertTrue(download > PART, "the download is larger than a part: " + download);
        String etag = s3.etag(OUT, prefix(packageId) + "download.mp4");
        assertEquals("-" + partsOf(download), etagSuffix(etag), "the download went by multipart upload: " + etag);

        assertOnlyTheDatabaseOnDisk();
    }

    @Test
    @Order(3)
    void servedFilesAreTheObjectsValidAndDecryptToTheSourceFrames() throws IOException {
        Path local = tmp.resolve("served");
        for (String name : packageObjects(packageId).keySet()) {
            byte[] served = client.getBytes("/content/" + packageId + "/" + name);
            assertArrayEquals(s3.bytes(OUT, prefix(packageId) + name), served, name + " is served as stored");
            Path copy = local.resolve(name);
            Files.createDirectories(copy.getParent());
            Files.write(copy, served);
        }
        MpdSchemaValidator.assertValid(local.resolve("manifest.mpd"));
        List<Path> video = TestMedia.segments(TestMedia.only(local, "video"));
        assertEquals(Ffmpeg.decodedFrameHashes(source, "v:0"),
                Ffmpeg.decodedFrameHashes(video, "v:0", PlatformClient.KEY_HEX),
                "the video decrypted with the key decodes to the source's frames");
    }

    @Test
    @Order(4)
    void rangesAndConditionalsComeFromTheObject() {
        String key = prefix(packageId) + "download.mp4";
        long size = s3.objects(OUT).get(key);
        HttpResponse<byte[]> slice = client.getRaw("/download/" + packageId, "Range", "bytes=1000000-1999999");
        assertEquals(206, slice.statusCode());
        assertEquals("bytes 1000000-1999999/" + size, slice.headers().firstValue("Content-Range").orElse(null));
        assertEquals("1000000", slice.headers().firstValue("Content-Length").orElse(null));
        byte[] expected = s3.client().getObject(b -> b.bucket(OUT).key(key).range("bytes=1000000-1999999"),
                ResponseTransformer.toBytes()).asByteArray();
        assertArrayEquals(expected, slice.body(), "exactly that slice of the object");

        HttpResponse<byte[]> tail = client.getRaw("/content/" + packageId + "/download.mp4", "Range", "bytes=-100");
        assertEquals(206, tail.statusCode());
        assertEquals("bytes " + (size - 100) + "-" + (size - 1) + "/" + size, tail.headers().firstValue("Content-Range").orElse(null));

        HttpResponse<byte[]> outside = client.getRaw("/download/" + packageId, "Range", "bytes=" + size + "-");
        assertEquals(416, outside.statusCode());
        assertEquals("bytes */" + size, outside.headers().firstValue("Content-Range").orElse(null));

        HttpResponse<byte[]> manifest = client.getRaw("/content/" + packageId + "/manifest.mpd");
        assertEquals("application/dash+xml", manifest.headers().firstValue("Content-Type").orElse(null));
        assertEquals("*", manifest.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        String etag = manifest.headers().firstValue("ETag").orElseThrow();
        assertEquals(s3.etag(OUT, prefix(packageId) + "manifest.mpd"), etag, "the object's ETag");
        assertEquals(304, client.getRaw("/content/" + packageId + "/manifest.mpd", "If-None-Match", etag).statusCode());

        for (String hostile : List.of("..%2F..%2Finputs", "%2E%2E/%2E%2E/inputs", ".hidden.m4s", "manifest.txt",
                "video%5C..%5Cmanifest.mpd")) {
            assertEquals(404, client.get("/content/" + packageId + "/" + hostile).status(), hostile);
        }
    }

    @Test
    @Order(5)
    void playPagePlaysFromTheBucket() {
        HeadlessPlayer.playPage(client.uri("/play/" + packageId)).assertPlayed();
    }

    @Test
    @Order(6)
    void encodePackagesAnObjectOfTheInputBucketWithAGeneratedKey() throws IOException {
        Path clip = TestClips.moovAtStart();
        s3.client().putObject(b -> b.bucket(IN).key(ENCODED_KEY), RequestBody.fromFile(clip));
        PlatformClient.Reply r = client.postJson("/encode", "{\"video_filename\": \"" + ENCODED_KEY + "\"}");
        assertEquals(202, r.status(), r.body());
        encodedPackageId = r.json().get("packaged_content_id").asLong();
        encodedInputId = r.json().get("input_content_id").asLong();
        String kid = r.json().get("kid").asText();
        assertTrue(kid.matches("[0-9a-f]{32}") && !kid.equals(PlatformClient.KID_HEX), kid);
        assertEquals("/api/packages/" + encodedPackageId, r.header("Location"));

        JsonNode ready = client.awaitReady(encodedPackageId);
        assertEquals(kid, ready.get("kid").asText());
        JsonNode input = client.get("/api/contents/" + encodedInputId).json();
        assertEquals("Ingested", input.get("status").asText(), "probed by the job: " + input);
        assertEquals(ENCODED_KEY, input.get("object_key").asText());
        assertEquals(Files.size(clip), input.get("size_bytes").asLong());
        assertTrue(input.get("tracks").asText().contains("avc1."), input.toString());

        HeadlessPlayer.playPage(client.uri("/play/" + encodedPackageId)).assertPlayed();

        // The generated key, as the licence endpoint gives it to the play page's token holder.
        String page = client.get("/play/" + encodedPackageId).body();
        String token = page.replaceAll("(?s).*data-token=\"([^\"]+)\".*", "$1");
        String keyHex = HexFormat.of().formatHex(client.getBytes("/license/" + encodedPackageId + "/key?token=" + token));
        Path local = tmp.resolve("encoded");
        for (String name : packageObjects(encodedPackageId).keySet()) {
            if (name.startsWith("video")) {
                Path copy = local.resolve(name);
                Files.createDirectories(copy.getParent());
                Files.write(copy, client.getBytes("/content/" + encodedPackageId + "/" + name));
            }
        }
        assertEquals(Ffmpeg.decodedFrameHashes(clip, "v:0"),
                Ffmpeg.decodedFrameHashes(TestMedia.segments(TestMedia.only(local, "video")), "v:0", keyHex),
                "the object's package decrypts with the generated key to the object's frames");
    }

    @Test
    @Order(7)
    void encodeRefusesMissingObjectsAndBadRequests() {
        PlatformClient.Reply missing = client.postJson("/encode", "{\"video_filename\": \"incoming/nothing.mp4\"}");
        assertEquals(404, missing.status(), missing.body());
        assertEquals("not_found", missing.json().get("code").asText());
        assertTrue(missing.json().get("message").asText().contains("incoming/nothing.mp4"), missing.body());

        for (String name : List.of("../" + ENCODED_KEY, "incoming/../" + ENCODED_KEY, "/" + ENCODED_KEY,
                "incoming/clip\\u0001.mp4", "")) {
            PlatformClient.Reply bad = client.postJson("/encode", "{\"video_filename\": \"" + name + "\"}");
            assertEquals(400, bad.status(), name + ": " + bad.body());
            assertEquals("bad_file_name", bad.json().get("code").asText(), bad.body());
        }
        PlatformClient.Reply onlyKid = client.postJson("/encode", "{\"video_filename\": \"" + ENCODED_KEY
                + "\", \"kid\": \"" + PlatformClient.KID_B64URL + "\"}");
        assertEquals(400, onlyKid.status(), onlyKid.body());
        assertEquals("bad_key", onlyKid.json().get("code").asText());
        assertEquals(400, client.postJson("/encode", "{}").status());
        assertEquals(400, client.postJson("/encode", "{\"video_filename\": \"" + ENCODED_KEY
                + "\", \"scheme\": \"aes\"}").status());
    }

    @Test
    @Order(8)
    void encodeOfAnObjectThatIsNotAVideoFailsTheJobWithTheReason() throws IOException {
        s3.client().putObject(b -> b.bucket(IN).key("incoming/notes.txt"),
                RequestBody.fromString("these are notes, not a video\n", StandardCharsets.UTF_8));
        PlatformClient.Reply r = client.postJson("/encode", "{\"video_filename\": \"incoming/notes.txt\", \"key\": \""
                + PlatformClient.KEY_B64URL + "\", \"kid\": \"" + PlatformClient.KID_B64URL + "\"}");
        assertEquals(202, r.status(), r.body());
        long id = r.json().get("packaged_content_id").asLong();
        JsonNode failed = client.pollPackage(id, n -> List.of("Ready", "Failed").contains(n.get("status").asText()),
                Duration.ofSeconds(120), Duration.ofMillis(200));
        assertEquals("Failed", failed.get("status").asText(), failed.toString());
        String error = failed.get("error").asText();
        assertTrue(error.startsWith("\"incoming/notes.txt\" cannot be packaged: "), error);
        assertFalse(error.contains(dataDir.toString()), "no server path in the message: " + error);
        assertEquals(404, client.get("/content/" + id + "/manifest.mpd").status());
        assertTrue(packageObjects(id).isEmpty(), "nothing published");
        assertTrue(s3.objects(IN).containsKey("incoming/notes.txt"), "the client's object stays");
        JsonNode input = client.get("/api/contents/" + r.json().get("input_content_id").asLong()).json();
        assertEquals("Referenced", input.get("status").asText(), "never probed successfully: " + input);
        assertOnlyTheDatabaseOnDisk();
    }

    @Test
    @Order(9)
    void deletionDeletesTheObjectsButNeverAClientsObject() {
        assertEquals(204, client.delete("/api/packages/" + packageId).status());
        assertTrue(packageObjects(packageId).isEmpty(), "the package's objects are deleted");
        assertEquals(404, client.get("/content/" + packageId + "/manifest.mpd").status());
        assertEquals(204, client.delete("/api/contents/" + inputId).status());
        assertTrue(s3.objects(IN).keySet().stream().noneMatch(k -> k.startsWith("inputs/")),
                "the uploaded input's object is deleted: " + s3.objects(IN));

        assertEquals(204, client.delete("/api/packages/" + encodedPackageId).status());
        assertEquals(204, client.delete("/api/contents/" + encodedInputId).status());
        assertTrue(packageObjects(encodedPackageId).isEmpty());
        assertTrue(s3.objects(IN).containsKey(ENCODED_KEY), "the object named in /encode is the client's: kept");
    }

    /**
     * The third original service in full: an object of the bucket packaged as a ladder. Its height is
     * only known once the job has fetched and probed it, so the ladder is planned there: 240p and 720p
     * of a 320x240 object make one 240-line rendition (no upscaling), which the served MPD lists.
     */
    @Test
    @Order(10)
    void encodeWithRenditionsPlansTheLadderFromTheProbedObject() throws IOException {
        PlatformClient.Reply r = client.postJson("/encode", "{\"video_filename\": \"" + ENCODED_KEY
                + "\", \"renditions\": [\"720p\", \"240p\"]}");
        assertEquals(202, r.status(), r.body());
        long id = r.json().get("packaged_content_id").asLong();
        JsonNode ready = client.awaitReady(id);
        assertEquals("[\"720p\",\"240p\"]", ready.get("renditions").toString(), ready.toString());
        assertEquals(1, ready.get("ladder").size(), ready.toString());
        assertEquals(240, ready.get("ladder").get(0).get("height").asInt(), ready.toString());

        Path mpd = tmp.resolve("ladder-" + id + ".mpd");
        Files.write(mpd, client.getBytes("/content/" + id + "/manifest.mpd"));
        MpdSchemaValidator.assertValid(mpd);
        List<String> videoHeights = java.util.regex.Pattern.compile("<Representation [^>]*height=\"(\\d+)\"")
                .matcher(Files.readString(mpd)).results().map(m -> m.group(1)).toList();
        assertEquals(List.of("240"), videoHeights, "one video representation, 240 lines: " + Files.readString(mpd));
        assertTrue(packageObjects(id).containsKey("manifest.mpd"));
    }

    /** The package's objects, by their path inside the package. */
    static Map<String, Long> packageObjects(long id) {
        Map<String, Long> found = new TreeMap<>();
        s3.objects(OUT).forEach((k, v) -> {
            if (k.startsWith(prefix(id))) {
                found.put(k.substring(prefix(id).length()), v);
            }
        });
        return found;
    }

    static String prefix(long id) {
        return "packages/" + id + "/";
    }

    static long partsOf(long size) {
        return (size + PART - 1) / PART;
    }

    static String etagSuffix(String etag) {
        String bare = etag.replace("\"", "");
        int dash = bare.lastIndexOf('-');
        return dash < 0 ? "(no part count in " + etag + ")" : bare.substring(dash);
    }

    /**
     * Nothing of the media is on local disk: only the database's files (the multipart upload's
     * temporary file is removed by the server after the request, hence the short wait).
     */
    static void assertOnlyTheDatabaseOnDisk() throws IOException {
        Instant deadline = Instant.now().plusSeconds(10);
        List<Path> others;
        do {
            try (Stream<Path> walk = Files.walk(dataDir)) {
                others = walk.filter(Files::isRegularFile).filter(p -> !p.startsWith(dataDir.resolve("db"))).toList();
            }
            if (others.isEmpty()) {
                return;
            }
            PlatformClient.sleep(Duration.ofMillis(200));
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("files on local disk besides the database: " + others);
    }
}
