package io.packager4j;

import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackKind;

import java.util.HashSet;
import java.util.Set;

/** Gives representations readable, unique, URL-safe ids: {@code video_360p}, {@code audio_eng}. */
final class RepresentationIds {

    private final Set<String> used = new HashSet<>();

    String next(Track track) {
        String base = track.kind() == TrackKind.VIDEO
                ? "video_" + track.format().height() + "p"
                : "audio_" + track.language();
        base = base.replaceAll("[^A-Za-z0-9_.-]", "_");
        String id = base;
        for (int n = 2; !used.add(id); n++) {
            id = base + "_" + n;
        }
        return id;
    }
}
