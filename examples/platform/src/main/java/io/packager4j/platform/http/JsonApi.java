package io.packager4j.platform.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.packager4j.platform.content.ContentDeletion;
import io.packager4j.platform.content.PackageRequests;
import io.packager4j.platform.store.InputContentStore;
import io.packager4j.platform.store.PackageStatus;
import io.packager4j.platform.store.PackagedContent;
import io.packager4j.platform.store.PackagedContentStore;

import java.io.IOException;
import java.io.InputStream;

/**
 * The resource-style JSON API under {@code /api}, described by {@code /api/openapi.json}: contents
 * and packages with paging, get, create and delete.
 */
public final class JsonApi {

    static final String OPENAPI_RESOURCE = "/web/openapi.json";

    private final UploadEndpoint upload;
    private final PackageRequests requests;
    private final InputContentStore inputs;
    private final PackagedContentStore packages;
    private final ContentDeletion deletion;
    private final Views views;

    public JsonApi(UploadEndpoint upload, PackageRequests requests, InputContentStore inputs,
                   PackagedContentStore packages, ContentDeletion deletion, Views views) {
        this.upload = upload;
        this.requests = requests;
        this.inputs = inputs;
        this.packages = packages;
        this.deletion = deletion;
        this.views = views;
    }

    public void register(Javalin app) {
        app.get("/api/openapi.json", JsonApi::openApi);
        app.get("/api/contents", ctx -> ctx.json(Views.page(inputs.list(Requests.page(ctx)), views::input)));
        app.post("/api/contents", ctx -> ctx.status(201).json(views.input(upload.receive(ctx))));
        app.get("/api/contents/{id}", ctx -> {
            long id = Requests.id(ctx);
            ctx.json(views.input(inputs.find(id).orElseThrow(() -> ApiError.notFound("input content", id))));
        });
        app.delete("/api/contents/{id}", ctx -> {
            deletion.deleteInput(Requests.id(ctx));
            ctx.status(204);
        });
        app.get("/api/packages", ctx -> ctx.json(Views.page(packages.list(Requests.page(ctx), status(ctx)),
                p -> views.pkg(ctx, p))));
        app.post("/api/packages", this::createPackage);
        app.get("/api/packages/{id}", ctx -> {
            long id = Requests.id(ctx);
            ctx.json(views.pkg(ctx, packages.find(id).orElseThrow(() -> ApiError.notFound("package", id))));
        });
        app.delete("/api/packages/{id}", ctx -> {
            deletion.deletePackage(Requests.id(ctx));
            ctx.status(204);
        });
    }

    private void createPackage(Context ctx) throws Exception {
        PackagedContent created = Requests.requestPackage(ctx, requests);
        ctx.status(202).header("Location", "/api/packages/" + created.id())
                .json(views.pkg(ctx, created));
    }

    private static PackageStatus status(Context ctx) {
        String raw = ctx.queryParam("status");
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return PackageStatus.ofLabel(raw);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("bad_status", "status must be one of Ingested, Fragmented, Encrypted, Ready, "
                    + "Failed, not \"" + raw + "\"");
        }
    }

    private static void openApi(Context ctx) throws IOException {
        try (InputStream in = JsonApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IOException(OPENAPI_RESOURCE + " is missing from the jar");
            }
            ctx.contentType("application/json").result(in.readAllBytes());
        }
    }
}
