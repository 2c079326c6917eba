package io.packager4j.platform.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.packager4j.platform.Platform;
import io.packager4j.platform.PlatformConfig;
import io.packager4j.testkit.TestClips;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON API under /api: paging, get, delete, and its OpenAPI document. */
class JsonApiTest {

    @TempDir
    static Path dataDir;

    static Platform platform;
    static PlatformClient client;

    @BeforeAll
    static void start() throws IOException {
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
    void pagesGetsAndDeletes() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(client.uploadOk(TestClips.moovAtStart()));
        }
        JsonNode first = client.get("/api/contents?page=0&size=2").json();
        assertEquals(3, first.get("total").asLong());
        assertEquals(2, first.get("items").size());
        assertEquals(ids.get(2), first.get("items").get(0).get("input_content_id").asLong(), "newest first");
        JsonNode second = client.get("/api/contents?page=1&size=2").json();
        assertEquals(1, second.get("items").size());
        assertEquals(ids.get(0), second.get("items").get(0).get("input_content_id").asLong());
        assertEquals(400, client.get("/api/contents?size=1000").status());
        assertEquals(400, client.get("/api/contents?page=-1").status());

        JsonNode one = client.get("/api/contents/" + ids.get(1)).json();
        assertEquals(TestClips.moovAtStart().getFileName().toString(), one.get("file_name").asText());

        long pkg = client.requestPackage(ids.get(1), "cbcs");
        PlatformClient.Reply busy = client.delete("/api/contents/" + ids.get(1));
        assertEquals(409, busy.status(), busy.body());
        assertEquals("has_packages", busy.json().get("code").asText());
        client.awaitReady(pkg);
        assertEquals("cbcs", client.get("/api/packages/" + pkg).json().get("scheme").asText());
        assertEquals(1, client.get("/api/packages?status=Ready").json().get("total").asLong());
        assertEquals(0, client.get("/api/packages?status=Failed").json().get("total").asLong());
        assertEquals(400, client.get("/api/packages?status=Done").status());

        assertEquals(204, client.delete("/api/packages/" + pkg).status());
        assertFalse(Files.exists(dataDir.resolve("packages").resolve(Long.toString(pkg))), "package files deleted");
        assertEquals(404, client.get("/content/" + pkg + "/manifest.mpd").status());
        assertEquals(204, client.delete("/api/contents/" + ids.get(1)).status());
        assertFalse(Files.exists(dataDir.resolve("inputs").resolve(ids.get(1) + ".mp4")), "input file deleted");
        assertEquals(2, client.get("/api/contents").json().get("total").asLong());
    }

    @Test
    void openApiDocumentIsValidAndEveryOperationIsServed() {
        PlatformClient.Reply reply = client.get("/api/openapi.json");
        assertEquals(200, reply.status());
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(reply.body(), null, null);
        assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), "parser messages: " + parsed.getMessages());
        OpenAPI api = parsed.getOpenAPI();
        assertNotNull(api);
        assertTrue(api.getPaths().size() >= 15, "documented paths: " + api.getPaths().keySet());
        for (Map.Entry<String, PathItem> e : api.getPaths().entrySet()) {
            String path = e.getKey().replace("{id}", "424242").replace("{path}", "manifest.mpd");
            for (PathItem.HttpMethod method : e.getValue().readOperationsMap().keySet()) {
                PlatformClient.Reply r = switch (method) {
                    case GET -> client.get(path);
                    case DELETE -> client.delete(path);
                    case POST -> client.postJson(path, "{}");
                    default -> throw new AssertionError("undocumented method kind " + method);
                };
                String where = method + " " + e.getKey() + " -> " + r.status() + " " + r.body();
                assertFalse(r.status() == 405, where);
                assertFalse(r.body() != null && r.body().contains("Endpoint " + method), "route missing: " + where);
                if (r.status() >= 400) {
                    assertTrue(e.getValue().readOperationsMap().get(method).getResponses()
                            .containsKey(Integer.toString(r.status())), "status not documented: " + where);
                }
            }
        }
    }
}
