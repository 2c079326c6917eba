package io.packager4j.platform.license;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.packager4j.platform.http.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The W3C Encrypted Media Extensions ClearKey licence server: {@code POST /license/{id}}.
 *
 * <p>The request body is the browser's licence request, {@code {"kids":["<base64url>"],"type":"temporary"}};
 * the answer is a JSON Web Key set holding the requested keys that belong to the package,
 * {@code {"keys":[{"kty":"oct","kid":"...","k":"..."}],"type":"temporary"}} (an unknown KID is simply
 * left out, as a player asking for it gets no key either way). A short-lived token from
 * {@link LicenseTokens}, in the {@code token} query parameter or an {@code Authorization: Bearer}
 * header, is required; the token check comes first, so without one nobody learns which packages exist.
 *
 * <p>ClearKey sends the key in the clear to the browser: it is meant for testing and for content whose
 * protection is only against casual copying. Keys are never logged; responses are {@code no-store}.
 */
public final class ClearKeyLicenseEndpoint {

    /** The route, with the package ID as {@code {id}}. */
    public static final String PATH = "/license/{id}";

    /**
     * The same key for HLS: the URI of the playlists' {@code EXT-X-KEY} (KEYFORMAT "identity"),
     * answered with the 16 raw key bytes under the same token rule.
     */
    public static final String HLS_KEY_PATH = "/license/{id}/key";

    private static final Logger LOG = LoggerFactory.getLogger(ClearKeyLicenseEndpoint.class);
    private static final int MAX_KIDS = 64;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final LicenseTokens tokens;
    private final LicenseKeys keys;
    private final ObjectMapper json = new ObjectMapper();

    public ClearKeyLicenseEndpoint(LicenseTokens tokens, LicenseKeys keys) {
        this.tokens = tokens;
        this.keys = keys;
    }

    /** The key URI written into a package's HLS playlists. */
    public static String hlsKeyUri(long packageId) {
        return HLS_KEY_PATH.replace("{id}", Long.toString(packageId));
    }

    /**
     * Registers {@code POST /license/{id}}, {@code GET /license/{id}/key} and their CORS preflights.
     */
    public void register(Javalin app) {
        app.post(PATH, this::license);
        app.get(HLS_KEY_PATH, this::hlsKey);
        app.options(PATH, ctx -> preflight(ctx, "POST, OPTIONS", "Authorization, Content-Type"));
        app.options(HLS_KEY_PATH, ctx -> preflight(ctx, "GET, OPTIONS", "Authorization"));
    }

    private static void preflight(Context ctx, String methods, String headers) {
        cors(ctx);
        ctx.header("Access-Control-Allow-Methods", methods);
        ctx.header("Access-Control-Allow-Headers", headers);
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
    }

    private void license(Context ctx) throws JsonProcessingException {
        long packageId = authorizedPackage(ctx);
        ContentKeyPair pair = keys.forPackage(packageId)
                .orElseThrow(() -> ApiError.notFound("encrypted package", packageId));
        List<byte[]> requested = requestedKids(ctx.body());

        ObjectNode response = json.createObjectNode();
        ArrayNode keyArray = response.putArray("keys");
        byte[] kid = pair.keyId();
        int granted = 0;
        for (byte[] wanted : requested) {
            if (Arrays.equals(wanted, kid)) {
                keyArray.addObject()
                        .put("kty", "oct")
                        .put("kid", B64URL.encodeToString(kid))
                        .put("k", B64URL.encodeToString(pair.key()));
                granted++;
                break; // a KID asked twice is answered once
            }
        }
        response.put("type", "temporary");
        LOG.info("ClearKey licence for package {}: {} of {} requested key IDs granted", packageId, granted, requested.size());
        ctx.status(200).contentType("application/json").result(json.writeValueAsString(response));
    }

    private void hlsKey(Context ctx) {
        long packageId = authorizedPackage(ctx);
        ContentKeyPair pair = keys.forPackage(packageId)
                .orElseThrow(() -> ApiError.notFound("encrypted package", packageId));
        LOG.info("HLS key for package {} granted", packageId);
        ctx.status(200).contentType("application/octet-stream").result(pair.key());
    }

    /** The package ID of a request whose token is valid for it; sets the headers every answer needs. */
    private long authorizedPackage(Context ctx) {
        // Headers first: error responses need them too (a browser hides a CORS-less error entirely).
        cors(ctx);
        ctx.header("Cache-Control", "no-store");
        long packageId = packageId(ctx.pathParam("id"));
        if (packageId < 0 || !tokens.isValid(token(ctx), packageId)) {
            throw new ApiError(403, "forbidden", "a valid, unexpired licence token for this package is required");
        }
        return packageId;
    }

    /** The package ID, or -1 for anything that is not a plain non-negative decimal number. */
    private static long packageId(String text) {
        if (text == null || !text.matches("[0-9]{1,18}")) {
            return -1;
        }
        return Long.parseLong(text);
    }

    private static String token(Context ctx) {
        String query = ctx.queryParam("token");
        if (query != null && !query.isEmpty()) {
            return query;
        }
        String auth = ctx.header("Authorization");
        if (auth != null && auth.length() > 7 && auth.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return auth.substring(7).strip();
        }
        return null;
    }

    /** The KIDs of an EME ClearKey licence request; anything malformed is a 400. */
    private List<byte[]> requestedKids(String body) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw badRequest("the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw badRequest("the body must be a JSON object");
        }
        JsonNode kids = root.get("kids");
        if (kids == null || !kids.isArray() || kids.isEmpty()) {
            throw badRequest("\"kids\" must be a non-empty array of base64url key IDs");
        }
        if (kids.size() > MAX_KIDS) {
            throw badRequest("at most " + MAX_KIDS + " key IDs may be requested at once");
        }
        JsonNode type = root.get("type");
        if (type != null && !type.isNull() && !type.isTextual()) {
            throw badRequest("\"type\" must be a string");
        }
        List<byte[]> result = new ArrayList<>();
        for (JsonNode kid : kids) {
            result.add(decodeKid(kid));
        }
        return result;
    }

    private static byte[] decodeKid(JsonNode node) {
        if (!node.isTextual()) {
            throw badRequest("each key ID must be a base64url string");
        }
        // Browsers send unpadded base64url; padded and standard-alphabet forms are accepted as well.
        String text = node.asText().replace('+', '-').replace('/', '_').replace("=", "");
        byte[] kid;
        try {
            kid = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw badRequest("a key ID is not valid base64url");
        }
        if (kid.length != ContentKeyPair.LENGTH) {
            throw badRequest("a key ID must be " + ContentKeyPair.LENGTH + " bytes, not " + kid.length);
        }
        return kid;
    }

    private static ApiError badRequest(String message) {
        return ApiError.badRequest("bad_license_request", message);
    }

    private static void cors(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
    }
}
