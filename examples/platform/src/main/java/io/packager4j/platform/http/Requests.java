package io.packager4j.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.packager4j.platform.content.PackageRequests;
import io.packager4j.platform.store.PackagedContent;
import io.packager4j.platform.store.PageRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reading request parts with errors a client can act on. */
final class Requests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Requests() {
    }

    static long id(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw ApiError.badRequest("bad_id", "\"" + raw + "\" is not an id (a positive whole number)");
    }

    static PageRequest page(Context ctx) {
        int page = intParam(ctx, "page", 0);
        int size = intParam(ctx, "size", 20);
        try {
            return new PageRequest(page, size);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("bad_paging", e.getMessage());
        }
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("bad_paging", name + " must be a whole number, not \"" + raw + "\"");
        }
    }

    /** The body as a JSON object. */
    static JsonNode jsonObject(Context ctx) {
        JsonNode node;
        try {
            node = JSON.readTree(ctx.bodyInputStream());
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("bad_json", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiError.badRequest("bad_json", "the body cannot be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("bad_json", "the body must be a JSON object");
        }
        return node;
    }

    /** A text field, or null when absent. */
    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiError.badRequest("bad_request", "\"" + field + "\" must be a string");
        }
        return v.asText();
    }

    /**
     * An array of strings, or null when absent; {@code example} shows the expected form in the
     * error for anything else.
     */
    static List<String> textList(JsonNode body, String field, String code, String example) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String wrong = "\"" + field + "\" must be an array of strings, such as " + example;
        if (!v.isArray()) {
            throw ApiError.badRequest(code, wrong);
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw ApiError.badRequest(code, wrong);
            }
            items.add(item.asText());
        }
        return items;
    }

    /** A packaging request from its JSON body (the original API's and the JSON API's alike). */
    static PackagedContent requestPackage(Context ctx, PackageRequests requests) throws Exception {
        JsonNode body = jsonObject(ctx);
        return requests.request(requiredId(body, "input_content_id"), text(body, "key"), text(body, "kid"),
                text(body, "scheme"), text(body, "callback_url"), renditions(body));
    }

    /** The optional {@code "renditions"} of a packaging request, such as {@code ["360p", "720p"]}. */
    static List<String> renditions(JsonNode body) {
        return textList(body, "renditions", "bad_renditions", "[\"360p\", \"720p\"]");
    }

    static long requiredId(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw ApiError.badRequest("bad_request", "\"" + field + "\" is required");
        }
        if (v.canConvertToLong() && v.isIntegralNumber() && v.asLong() > 0) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                long id = Long.parseLong(v.asText());
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw ApiError.badRequest("bad_request", "\"" + field + "\" must be a positive whole number");
    }
}
