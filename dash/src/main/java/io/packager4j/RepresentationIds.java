package io.packager4j;

import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackKind;

import java.util.HashSet;
import java.util.Set;

/** Gives representations readable, unique, URL-safe ids: {@code video_360p}, {@code audio_eng}. */
final class RepresentationIds {

    private final Set<String> used = new HashSet<>();

    String next(Track track) {
        return unique(track.kind() == TrackKind.VIDEO
                ? "video_" + track.format().height() + "p"
                : "audio_" + track.language());
    }

    /** {@code subtitles_en}; also names its {@code .vtt} file and HLS playlist. */
    String nextSubtitles(String language) {
        return unique("subtitles_" + language);
    }

    private String unique(String name) {
        String base = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        String id = base;
        for (int n = 2; !used.add(id); n++) {
            id = base + "_" + n;
        }
        return id;
    }
}
