package io.packager4j.hls;

import io.packager4j.core.output.PresentationOutput;
import io.packager4j.hls.playlist.MediaPlaylist;
import io.packager4j.hls.playlist.PlaylistPrinter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes HLS playlists (RFC 8216, version 7) over the CMAF segments of a packaged presentation,
 * the very files the DASH manifest addresses: one set of media, two manifests.
 *
 * <p>Written beside the MPD: {@value #MASTER_NAME}, the multivariant playlist; per representation
 * {@code <id>.m3u8}; per video representation {@code <id>_iframes.m3u8} (its key frames by byte
 * range, for trick play); per subtitle track {@code <id>.m3u8}. Live-profile segments are listed
 * as files, on-demand ones as byte ranges of the representation's file. Encrypted representations
 * carry {@code EXT-X-KEY} (METHOD=SAMPLE-AES for {@code cbcs}, SAMPLE-AES-CTR for {@code cenc})
 * with the URI and key format of the {@link HlsOptions}, also as {@code EXT-X-SESSION-KEY}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class HlsWriter {

    /** The multivariant playlist's file name. */
    public static final String MASTER_NAME = "master.m3u8";

    private final HlsOptions options;

    /** A writer with these options. */
    public HlsWriter(HlsOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * The playlist model of {@code presentation}.
     *
     * @throws IllegalArgumentException if it cannot be described by valid playlists, for example
     *     an encrypted representation without a key URI, or a bad path or id
     */
    public HlsPresentation toPresentation(PresentationOutput presentation) {
        return HlsMapper.map(Objects.requireNonNull(presentation, "presentation"), options);
    }

    /**
     * Every playlist's text by file name, the multivariant playlist first.
     *
     * @throws IllegalArgumentException as {@link #toPresentation}
     */
    public Map<String, String> toText(PresentationOutput presentation) {
        HlsPresentation hls = toPresentation(presentation);
        Map<String, String> files = new LinkedHashMap<>();
        files.put(MASTER_NAME, PlaylistPrinter.print(hls.multivariant()));
        for (Map.Entry<String, MediaPlaylist> e : hls.mediaPlaylists().entrySet()) {
            files.put(e.getKey(), PlaylistPrinter.print(e.getValue()));
        }
        return files;
    }

    /**
     * Writes every playlist into {@code dir} (UTF-8), none of which may exist yet.
     *
     * @return the multivariant playlist's path
     * @throws IllegalArgumentException as {@link #toPresentation}; nothing is written then
     * @throws IOException if a file cannot be written
     */
    public Path write(PresentationOutput presentation, Path dir) throws IOException {
        // Map and print everything first: a mapping error must not leave some playlists behind.
        Map<String, String> files = toText(presentation);
        for (Map.Entry<String, String> e : files.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        return dir.resolve(MASTER_NAME);
    }
}
