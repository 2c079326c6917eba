package io.packager4j.platform.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.packager4j.platform.Platform;
import io.packager4j.platform.PlatformConfig;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the database holds (keys sealed, never clear), and that it all survives a restart. */
class PersistenceTest {

    @TempDir
    Path dataDir;

    @Test
    void keysAreSealedAtRestAndEverythingSurvivesARestart() throws Exception {
        long inputId;
        long packageId;
        PlatformConfig config = PlatformConfig.defaults(dataDir).withPort(0);
        try (Platform platform = Platform.start(config)) {
            PlatformClient client = new PlatformClient(platform.baseUri());
            inputId = client.uploadOk(TestClips.moovAtStart());
            packageId = client.requestPackage(inputId, "cenc");
            client.awaitReady(packageId);
        }

        try (Connection c = DriverManager.getConnection(config.effectiveJdbcUrl(), "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT key_id, sealed_key FROM packaged_content WHERE id = " + packageId)) {
            assertTrue(rs.next());
            assertEquals(PlatformClient.KID_HEX, rs.getString("key_id"));
            String sealed = rs.getString("sealed_key");
            byte[] key = HexFormat.of().parseHex(PlatformClient.KEY_HEX);
            for (String clear : new String[] {PlatformClient.KEY_HEX, PlatformClient.KEY_B64URL,
                    Base64.getEncoder().encodeToString(key), PlatformClient.KEY_HEX.toUpperCase(Locale.ROOT)}) {
                assertFalse(sealed.contains(clear), "the key is stored sealed, not as " + clear);
            }
        }

        try (Platform again = Platform.start(config)) {
            PlatformClient client = new PlatformClient(again.baseUri());
            JsonNode pkg = client.get("/packaged_content/" + packageId).json();
            assertEquals("Ready", pkg.get("status").asText());
            assertEquals(inputId, client.get("/api/contents/" + inputId).json().get("input_content_id").asLong());
            assertEquals(200, client.get("/content/" + packageId + "/manifest.mpd").status());
            // The restarted instance unseals the stored key with the same master key (data/master.key).
            String license = "{\"kids\":[\"" + PlatformClient.KID_B64URL + "\"],\"type\":\"temporary\"}";
            String page = client.get("/play/" + packageId).body();
            String token = page.replaceAll("(?s).*data-token=\"([^\"]+)\".*", "$1");
            PlatformClient.Reply keys = client.postJson("/license/" + packageId + "?token=" + token, license);
            assertEquals(200, keys.status(), keys.body());
            assertEquals(PlatformClient.KEY_B64URL, keys.json().get("keys").get(0).get("k").asText());
        }
    }

    @Test
    void jobWhoseInputVanishedFailsWithTheReason() throws Exception {
        try (Platform platform = Platform.start(PlatformConfig.defaults(dataDir).withPort(0))) {
            PlatformClient client = new PlatformClient(platform.baseUri());
            long inputId = client.uploadOk(TestClips.moovAtStart());
            Files.delete(dataDir.resolve("inputs").resolve(inputId + ".mp4"));
            long packageId = client.requestPackage(inputId, null);
            JsonNode done = client.pollPackage(packageId, n -> n.get("status").asText().equals("Failed"),
                    java.time.Duration.ofSeconds(60), java.time.Duration.ofMillis(100));
            assertEquals("the input content " + inputId + " is no longer stored", done.get("error").asText());
            assertTrue(done.get("url").isNull());
            assertFalse(Files.exists(dataDir.resolve("packages").resolve(Long.toString(packageId))));
            assertEquals(409, client.get("/download/" + packageId).status());
        }
    }
}
