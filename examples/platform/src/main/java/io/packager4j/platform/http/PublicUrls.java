package io.packager4j.platform.http;

import io.javalin.http.Context;
import io.packager4j.platform.DataLayout;

import java.util.function.IntSupplier;

/**
 * Absolute URLs for responses and webhooks: from the configured public URL when there is one
 * (behind a proxy), otherwise from the scheme and Host the client used, or, outside a request
 * (webhooks), {@code http://localhost:PORT}.
 */
public final class PublicUrls {

    private final String configured;
    private final IntSupplier port;

    public PublicUrls(String configured, IntSupplier port) {
        this.configured = configured;
        this.port = port;
    }

    /** The base URL a request's client reached us by. */
    public String base(Context ctx) {
        if (configured != null) {
            return configured;
        }
        return ctx.scheme() + "://" + ctx.host();
    }

    /** The base URL outside any request; configure the public URL for clients on other hosts. */
    public String base() {
        return configured != null ? configured : "http://localhost:" + port.getAsInt();
    }

    public static String manifest(String base, long packageId) {
        return base + "/content/" + packageId + "/" + DataLayout.MANIFEST_FILE;
    }

    public static String hlsPlaylist(String base, long packageId) {
        return base + "/content/" + packageId + "/" + DataLayout.HLS_PLAYLIST_FILE;
    }

    public static String play(String base, long packageId) {
        return base + "/play/" + packageId;
    }

    public static String download(String base, long packageId) {
        return base + "/download/" + packageId;
    }
}
