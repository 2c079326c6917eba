package io.packager4j.platform.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.packager4j.platform.Platform;
import io.packager4j.platform.PlatformConfig;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks to a real HTTP receiver: the outcome is POSTed signed (checked here with the JDK's own
 * HMAC, not the platform's signer), retried when the receiver fails, and a dead callback URL never
 * fails the package.
 */
class WebhookTest {

    static final String SECRET = "receiver-shared-secret";

    @TempDir
    static Path dataDir;

    static Platform platform;
    static PlatformClient client;
    static HttpServer receiver;
    static final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    /** The receiver answers 503 this many more times before it answers 204. */
    static final AtomicInteger failuresLeft = new AtomicInteger();

    record Delivery(String path, Map<String, String> headers, byte[] body, Instant at) {
        JsonNode json() {
            try {
                return PlatformClient.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            deliveries.add(new Delivery(exchange.getRequestURI().getPath(), headers, body, Instant.now()));
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        platform = Platform.start(PlatformConfig.defaults(dataDir).withPort(0).withWebhookSecret(SECRET));
        client = new PlatformClient(platform.baseUri());
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void readyIsPostedSignedAndRetriedUntilTheReceiverTakesIt() throws Exception {
        deliveries.clear();
        failuresLeft.set(1);
        long input = client.uploadOk(TestClips.moovAtStart());
        long pkg = requestWithCallback(input, "/hooks/ready");
        client.awaitReady(pkg);

        Delivery first = next();
        Delivery second = next();
        for (Delivery d : new Delivery[] {first, second}) {
            assertEquals("/hooks/ready", d.path());
            assertEquals("package.ready", d.headers().get("x-packager4j-event"));
            assertSignedWith(SECRET, d);
            JsonNode body = d.json();
            assertEquals("package.ready", body.get("event").asText());
            assertEquals(pkg, body.get("packaged_content_id").asLong());
            assertEquals("Ready", body.get("status").asText());
            assertEquals(client.uri("/content/" + pkg + "/manifest.mpd").toString(), body.get("url").asText());
        }
        Duration retryAfter = Duration.between(first.at(), second.at());
        assertTrue(retryAfter.toMillis() >= 4000, "retried after a back-off, not at once: " + retryAfter);
        assertEquals(null, deliveries.poll(2, TimeUnit.SECONDS), "no more deliveries once one was accepted");
    }

    @Test
    void failedIsPostedWithTheReason() throws Exception {
        deliveries.clear();
        long input = client.uploadOk(TestClips.moovAtStart());
        Files.delete(dataDir.resolve("inputs").resolve(input + ".mp4"));
        long pkg = requestWithCallback(input, "/hooks/failed");
        Delivery d = next();
        assertSignedWith(SECRET, d);
        JsonNode body = d.json();
        assertEquals("package.failed", body.get("event").asText());
        assertEquals(pkg, body.get("packaged_content_id").asLong());
        assertEquals("the input content " + input + " is no longer stored", body.get("error").asText());
    }

    @Test
    void deadCallbackUrlDoesNotFailThePackage() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        long input = client.uploadOk(TestClips.moovAtStart());
        PlatformClient.Reply r = client.postJson("/packaged_content", "{\"input_content_id\": " + input + ", \"key\": \""
                + PlatformClient.KEY_B64URL + "\", \"kid\": \"" + PlatformClient.KID_B64URL
                + "\", \"callback_url\": \"http://127.0.0.1:" + closedPort + "/nobody\"}");
        assertEquals(202, r.status(), r.body());
        long pkg = r.json().get("packaged_content_id").asLong();
        JsonNode ready = client.awaitReady(pkg);
        assertEquals("Ready", ready.get("status").asText());
        // The failed attempt is counted, and the package stays Ready.
        Instant deadline = Instant.now().plusSeconds(30);
        while (!metrics().contains("packager4j_webhook_deliveries_total{outcome=\"failed\"}")) {
            assertTrue(Instant.now().isBefore(deadline), "no failed delivery recorded: " + metrics());
            PlatformClient.sleep(Duration.ofMillis(200));
        }
        assertEquals("Ready", client.get("/packaged_content/" + pkg).json().get("status").asText());
    }

    private static String metrics() {
        return client.get("/metrics").body();
    }

    private static long requestWithCallback(long input, String path) {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
        PlatformClient.Reply r = client.postJson("/packaged_content", "{\"input_content_id\": " + input + ", \"key\": \""
                + PlatformClient.KEY_B64URL + "\", \"kid\": \"" + PlatformClient.KID_B64URL + "\", \"callback_url\": \""
                + url + "\"}");
        assertEquals(202, r.status(), r.body());
        return r.json().get("packaged_content_id").asLong();
    }

    private static Delivery next() throws InterruptedException {
        Delivery d = deliveries.poll(60, TimeUnit.SECONDS);
        assertNotNull(d, "no webhook delivered within 60 s");
        return d;
    }

    /** What a receiver does: HMAC-SHA256 over "timestamp.body" with the shared secret. */
    private static void assertSignedWith(String secret, Delivery d) throws Exception {
        String timestamp = d.headers().get("x-packager4j-timestamp");
        assertNotNull(timestamp);
        assertTrue(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) < 120, "fresh timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(d.body()));
        assertEquals(expected, d.headers().get("x-packager4j-signature"));
    }
}
