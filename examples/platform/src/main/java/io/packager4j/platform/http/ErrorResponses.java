package io.packager4j.platform.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every error leaves the platform as the same JSON shape, {@code {"code", "message"}}: handlers'
 * {@link ApiError}s as they are, Javalin's own (unknown route, wrong method) translated, and anything
 * unexpected as a 500 whose details go to the log only.
 */
public final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    public static void install(Javalin app) {
        app.exception(ApiError.class, (e, ctx) -> write(ctx, e.status(), e.code(), e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) ->
                write(ctx, e.getStatus(), codeFor(e.getStatus()), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            write(ctx, 500, "internal_error", "the server failed to handle this request; see its log");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                write(ctx, 404, "not_found", "no such resource: " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> write(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path()));
    }

    public static void write(Context ctx, int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        ctx.status(status).json(body);
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "too_large";
            default -> "http_" + status;
        };
    }
}
