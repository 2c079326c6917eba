package io.packager4j.platform.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.packager4j.platform.Platform;
import io.packager4j.platform.PlatformConfig;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input over HTTP gets a clear 4xx JSON error and leaves nothing behind: no database row, no
 * file under the data directory (checked after every request).
 */
class BadInputTest {

    /** Small, so the oversized upload test needs only a few megabytes. */
    static final long LIMIT = 3_000_000;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path files;

    static Platform platform;
    static PlatformClient client;

    @BeforeAll
    static void start() throws IOException {
        platform = Platform.start(PlatformConfig.defaults(dataDir).withPort(0).withMaxUploadBytes(LIMIT));
        client = new PlatformClient(platform.baseUri());
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @AfterEach
    void nothingWasStored() throws IOException {
        assertEquals(0, client.get("/api/contents").json().get("total").asLong(), "no input row");
        assertEquals(0, client.get("/api/packages").json().get("total").asLong(), "no package row");
        assertEquals(0, countFiles(dataDir.resolve("inputs")), "no kept input file");
        assertEquals(0, countFiles(dataDir.resolve("uploads")), "no upload left behind");
    }

    @Test
    void notAVideoIsRefusedWithTheReason() {
        JsonNode error = expect(422, client.upload(TestClips.notAnMp4()));
        assertEquals("not_packageable", error.get("code").asText());
        String name = TestClips.notAnMp4().getFileName().toString();
        assertTrue(error.get("message").asText().startsWith("\"" + name + "\" cannot be packaged: not an MP4 file"),
                error.toString());
        assertFalse(error.get("message").asText().contains("upload-"), "no server-side file name: " + error);
    }

    @Test
    void truncatedMp4IsRefused() {
        JsonNode error = expect(422, client.upload(TestClips.truncated()));
        assertTrue(error.get("message").asText().contains("truncated"), error.toString());
    }

    @Test
    void craftedBoxesAreRefusedByTheReaderLimits() throws IOException {
        // ftyp, then a moov nested in itself far deeper than any real file: the reader must refuse
        // it by its depth limit instead of recursing until the stack overflows.
        int depth = 10_000;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(20 + depth * 8);
        b.putInt(20).put("ftypisom".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0x200)
                .put("isom".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int i = 0; i < depth; i++) {
            b.putInt((depth - i) * 8).put("moov".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        Path nested = Files.write(files.resolve("nested.mp4"), b.array());
        JsonNode error = expect(422, client.upload(nested));
        assertEquals("not_packageable", error.get("code").asText());

        // A box that declares far more bytes than the file has.
        byte[] huge = b.array().clone();
        java.nio.ByteBuffer.wrap(huge).putInt(20, 0x7fffffff);
        Path oversized = Files.write(files.resolve("huge-box.mp4"), huge);
        JsonNode error2 = expect(422, client.upload(oversized));
        assertTrue(error2.get("message").asText().contains("declares"), error2.toString());
    }

    @Test
    void zeroBytesAreRefused() throws IOException {
        Path empty = Files.createFile(files.resolve("empty.mp4"));
        JsonNode error = expect(400, client.upload(empty));
        assertEquals("empty_file", error.get("code").asText());
    }

    @Test
    void fileNameWithPathTraversalIsRefused() {
        for (String name : new String[] {"../../etc/passwd.mp4", "..\\..\\evil.mp4", "/abs/path.mp4", ".."}) {
            JsonNode error = expect(400, client.upload("/upload_input_content", TestClips.moovAtStart(), name));
            assertEquals("bad_file_name", error.get("code").asText(), name);
        }
    }

    @Test
    void oversizedUploadIsRefused() throws IOException {
        Path big = files.resolve("big.mp4");
        byte[] chunk = new byte[1 << 20];
        new Random(1).nextBytes(chunk);
        for (int i = 0; i < 4; i++) {
            Files.write(big, chunk, i == 0 ? new java.nio.file.OpenOption[0]
                    : new java.nio.file.OpenOption[] {java.nio.file.StandardOpenOption.APPEND});
        }
        JsonNode error = expect(413, client.upload(big));
        assertEquals("too_large", error.get("code").asText());
        assertTrue(error.get("message").asText().contains(Long.toString(LIMIT)), error.toString());
    }

    @Test
    void missingFileFieldAndNonMultipartAreRefused() {
        expect(400, client.postJson("/upload_input_content", "{}"));
    }

    @Test
    void badKeyKidSchemeAndBodiesAreRefused() {
        String kid = PlatformClient.KID_B64URL;
        String key = PlatformClient.KEY_B64URL;
        assertCode(400, "bad_key", packageRequest("{\"input_content_id\": 1, \"key\": \"tooShort\", \"kid\": \"" + kid + "\"}"));
        assertCode(400, "bad_key", packageRequest("{\"input_content_id\": 1, \"kid\": \"" + kid + "\"}"));
        assertCode(400, "bad_kid", packageRequest("{\"input_content_id\": 1, \"key\": \"" + key + "\", \"kid\": \"zz\"}"));
        assertCode(400, "bad_scheme", packageRequest("{\"input_content_id\": 1, \"key\": \"" + key + "\", \"kid\": \""
                + kid + "\", \"scheme\": \"cbc1\"}"));
        assertCode(400, "bad_json", packageRequest("{not json"));
        assertCode(400, "bad_callback_url", packageRequest("{\"input_content_id\": 1, \"key\": \"" + key + "\", \"kid\": \""
                + kid + "\", \"callback_url\": \"ftp://example.com/x\"}"));
        assertCode(400, "bad_callback_url", packageRequest("{\"input_content_id\": 1, \"key\": \"" + key + "\", \"kid\": \""
                + kid + "\", \"callback_url\": \"not a url\"}"));
        assertCode(400, "bad_request", packageRequest("{\"key\": \"" + key + "\", \"kid\": \"" + kid + "\"}"));
        // The key never comes back in an error.
        JsonNode badKey = expect(400, packageRequest("{\"input_content_id\": 1, \"key\": \"" + key + "x\", \"kid\": \""
                + kid + "\"}"));
        assertFalse(badKey.toString().contains(key), badKey.toString());
    }

    @Test
    void unknownIdsAreNotFound() {
        assertCode(404, "not_found", packageRequest("{\"input_content_id\": 999, \"key\": \"" + PlatformClient.KEY_B64URL
                + "\", \"kid\": \"" + PlatformClient.KID_B64URL + "\"}"));
        assertCode(404, "not_found", client.get("/packaged_content/999"));
        assertCode(404, "not_found", client.get("/download/999"));
        assertCode(404, "not_found", client.get("/api/contents/999"));
        assertCode(404, "not_found", client.get("/api/packages/999"));
        assertCode(404, "not_found", client.delete("/api/contents/999"));
        assertCode(404, "not_found", client.delete("/api/packages/999"));
        assertCode(404, "not_found", client.get("/play/999"));
        assertCode(400, "bad_id", client.get("/packaged_content/abc"));
        assertCode(400, "bad_id", client.get("/packaged_content/-1"));
        assertCode(404, "not_found", client.get("/no/such/route"));
    }

    private static PlatformClient.Reply packageRequest(String json) {
        return client.postJson("/packaged_content", json);
    }

    private static void assertCode(int status, String code, PlatformClient.Reply reply) {
        assertEquals(code, expect(status, reply).get("code").asText(), reply.body());
    }

    private static JsonNode expect(int status, PlatformClient.Reply reply) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(String.valueOf(reply.header("Content-Type")).startsWith("application/json"), reply.header("Content-Type"));
        JsonNode json = reply.json();
        assertTrue(json.hasNonNull("code") && json.hasNonNull("message"), json.toString());
        return json;
    }

    private static long countFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }
}
