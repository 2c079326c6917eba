package io.packager4j.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.packager4j.platform.content.EncodeRequests;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /encode {"video_filename": "x.mp4", "key"?, "kid"?, "scheme"?, "callback_url"?, "renditions"?}}:
 * packages an object already in the S3 input bucket; 202 with the new input's and package's IDs
 * (poll {@code /packaged_content/{id}} as for any package).
 */
public final class EncodeEndpoint {

    private final EncodeRequests requests;

    public EncodeEndpoint(EncodeRequests requests) {
        this.requests = requests;
    }

    public void register(Javalin app) {
        app.post("/encode", this::encode);
    }

    private void encode(Context ctx) throws Exception {
        JsonNode body = Requests.jsonObject(ctx);
        EncodeRequests.Encode created = requests.request(Requests.text(body, "video_filename"),
                Requests.text(body, "key"), Requests.text(body, "kid"), Requests.text(body, "scheme"),
                Requests.text(body, "callback_url"), Requests.renditions(body));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("packaged_content_id", created.pkg().id());
        reply.put("input_content_id", created.input().id());
        reply.put("kid", created.pkg().keyIdHex());
        ctx.status(202).header("Location", "/api/packages/" + created.pkg().id()).json(reply);
    }
}
