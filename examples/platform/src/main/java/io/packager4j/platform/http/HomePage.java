package io.packager4j.platform.http;

import io.javalin.Javalin;

import java.io.IOException;
import java.io.InputStream;

/** {@code GET /}: the upload form and the list of packages, a static page that uses the JSON API. */
public final class HomePage {

    private static final String RESOURCE = "/web/index.html";

    public void register(Javalin app) {
        app.get("/", ctx -> {
            try (InputStream in = HomePage.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IOException(RESOURCE + " is missing from the jar");
                }
                ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-cache").result(in.readAllBytes());
            }
        });
    }
}
