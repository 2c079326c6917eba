package io.packager4j.platform.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.packager4j.platform.DataLayout;
import io.packager4j.platform.content.PackageRequests;
import io.packager4j.platform.storage.PackageStorage;
import io.packager4j.platform.store.InputContentStore;
import io.packager4j.platform.store.PackageStatus;
import io.packager4j.platform.store.PackagedContent;
import io.packager4j.platform.store.PackagedContentStore;
import io.packager4j.platform.store.PageRequest;

import java.util.Map;

/**
 * The original platform's endpoints, kept exactly: upload, package, status, download and the two
 * listings.
 */
public final class OriginalApi {

    private final UploadEndpoint upload;
    private final PackageRequests requests;
    private final InputContentStore inputs;
    private final PackagedContentStore packages;
    private final PackageStorage published;
    private final Views views;

    /** @param published where Ready packages' files are (for {@code /download}) */
    public OriginalApi(UploadEndpoint upload, PackageRequests requests, InputContentStore inputs,
                       PackagedContentStore packages, PackageStorage published, Views views) {
        this.upload = upload;
        this.requests = requests;
        this.inputs = inputs;
        this.packages = packages;
        this.published = published;
        this.views = views;
    }

    public void register(Javalin app) {
        app.post("/upload_input_content", ctx -> ctx.status(201).json(views.input(upload.receive(ctx))));
        app.post("/packaged_content", this::createPackage);
        app.get("/packaged_content/{id}", ctx -> ctx.json(views.pkg(ctx, findPackage(Requests.id(ctx)))));
        app.get("/download/{id}", this::download);
        app.get("/allUploaded", ctx -> ctx.json(inputs.list(PageRequest.ALL_FIRST).items().stream()
                .map(views::input).toList()));
        app.get("/allEncoded", ctx -> ctx.json(packages.list(PageRequest.ALL_FIRST, PackageStatus.READY).items()
                .stream().map(p -> views.pkg(ctx, p)).toList()));
    }

    private void createPackage(Context ctx) throws Exception {
        PackagedContent created = Requests.requestPackage(ctx, requests);
        ctx.status(202).json(Map.of("packaged_content_id", created.id()));
    }

    private PackagedContent findPackage(long id) {
        return packages.find(id).orElseThrow(() -> ApiError.notFound("package", id));
    }

    private void download(Context ctx) throws Exception {
        long id = Requests.id(ctx);
        PackagedContent pkg = findPackage(id);
        if (pkg.status() != PackageStatus.READY) {
            throw ApiError.conflict("not_ready", "package " + id + " is " + pkg.status().label() + ", not Ready");
        }
        ctx.header("Content-Disposition", "attachment; filename=\"package-" + id + ".mp4\"");
        ContentFiles.sendFile(ctx, published.find(id, DataLayout.DOWNLOAD_FILE), "video/mp4", true);
    }
}
