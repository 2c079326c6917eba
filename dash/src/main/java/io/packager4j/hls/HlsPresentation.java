package io.packager4j.hls;

import io.packager4j.hls.playlist.MediaPlaylist;
import io.packager4j.hls.playlist.MultivariantPlaylist;

import java.util.Map;

/**
 * Every playlist of a presentation.
 *
 * @param multivariant   the multivariant playlist, written as {@link HlsWriter#MASTER_NAME}
 * @param mediaPlaylists the media (and I-frame, and subtitle) playlists by file name, in the
 *                       order the multivariant playlist names them
 */
public record HlsPresentation(MultivariantPlaylist multivariant, Map<String, MediaPlaylist> mediaPlaylists) {

    public HlsPresentation {
        mediaPlaylists = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mediaPlaylists));
    }
}
