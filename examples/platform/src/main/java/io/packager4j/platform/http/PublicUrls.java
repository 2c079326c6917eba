package io.packager4j.platform.http;

import io.javalin.http.Context;
import io.packager4j.platform.DataLayout;

/**
 * Absolute URLs for responses: from the configured public URL when there is one (behind a proxy),
 * otherwise from the scheme and Host the client used.
 */
public final class PublicUrls {

    private final String configured;

    public PublicUrls(String configured) {
        this.configured = configured;
    }

    public String base(Context ctx) {
        if (configured != null) {
            return configured;
        }
        return ctx.scheme() + "://" + ctx.host();
    }

    public String manifest(Context ctx, long packageId) {
        return base(ctx) + "/content/" + packageId + "/" + DataLayout.MANIFEST_FILE;
    }

    public String hlsPlaylist(Context ctx, long packageId) {
        return base(ctx) + "/content/" + packageId + "/" + DataLayout.HLS_PLAYLIST_FILE;
    }

    public String play(Context ctx, long packageId) {
        return base(ctx) + "/play/" + packageId;
    }

    public String download(Context ctx, long packageId) {
        return base(ctx) + "/download/" + packageId;
    }
}
