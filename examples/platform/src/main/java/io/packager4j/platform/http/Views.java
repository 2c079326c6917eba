package io.packager4j.platform.http;

import io.javalin.http.Context;
import io.packager4j.platform.ladder.Ladder;
import io.packager4j.platform.ladder.Rendition;
import io.packager4j.platform.store.InputContent;
import io.packager4j.platform.store.PackageStatus;
import io.packager4j.platform.store.PackagedContent;
import io.packager4j.platform.store.Page;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON shapes of inputs and packages, with the original platform's snake_case names. Built as
 * ordered maps so the documents read in a stable order; the sealed key is never part of them.
 */
public final class Views {

    private final PublicUrls urls;

    public Views(PublicUrls urls) {
        this.urls = urls;
    }

    public Map<String, Object> input(InputContent in) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input_content_id", in.id());
        m.put("status", in.status());
        m.put("file_name", in.fileName());
        m.put("size_bytes", in.sizeBytes());
        m.put("duration_seconds", in.durationSeconds());
        m.put("tracks", in.tracks());
        // Only for an object named in POST /encode: the client's own key in the input bucket.
        if (in.external()) {
            m.put("object_key", in.objectKey());
        }
        m.put("created_at", in.createdAt().toString());
        return m;
    }

    public Map<String, Object> pkg(Context ctx, PackagedContent p) {
        return pkg(urls.base(ctx), p);
    }

    /** A package with its links under {@code base} (outside a request: {@link PublicUrls#base()}). */
    public Map<String, Object> pkg(String base, PackagedContent p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("packaged_content_id", p.id());
        m.put("input_content_id", p.inputContentId());
        m.put("status", p.status().label());
        m.put("progress", p.progress());
        m.put("scheme", p.scheme().fourCC());
        m.put("kid", p.keyIdHex());
        if (p.ladder() != null) {
            m.put("renditions", p.ladder().requested().stream().map(Rendition::label).toList());
            m.put("ladder", p.ladder().rungs().stream().map(Views::rung).toList());
        }
        // Links only once there is something behind them.
        m.put("url", p.status() == PackageStatus.READY ? PublicUrls.manifest(base, p.id()) : null);
        if (p.status() == PackageStatus.READY) {
            m.put("hls_url", PublicUrls.hlsPlaylist(base, p.id()));
            m.put("play_url", PublicUrls.play(base, p.id()));
            m.put("download_url", PublicUrls.download(base, p.id()));
        }
        if (p.error() != null) {
            m.put("error", p.error());
        }
        m.put("attempts", p.attempts());
        // Which instance (host:pid) last ran its job: with several instances on one database.
        m.put("worker", p.worker());
        m.put("created_at", p.createdAt().toString());
        m.put("updated_at", p.updatedAt().toString());
        return m;
    }

    /** A rendition that is made: {@code {"name": "720p", "height": 720, "video_bitrate": 3000000}}. */
    private static Map<String, Object> rung(Ladder.Rung r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("height", r.height());
        m.put("video_bitrate", r.videoBitrate());
        return m;
    }

    /** A page as {@code {"items": [...], "page", "size", "total"}}. */
    public static <T> Map<String, Object> page(Page<T> page, Function<T, Map<String, Object>> view) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> items = page.items().stream().map(view).toList();
        m.put("items", items);
        m.put("page", page.page());
        m.put("size", page.size());
        m.put("total", page.total());
        return m;
    }
}
