package io.packager4j.core.output;

import java.util.Objects;

/**
 * A subtitle track written beside the media: one WebVTT file that covers the whole presentation,
 * which DASH addresses as a sidecar representation and HLS as a one-segment subtitle rendition.
 *
 * @param id       unique id among all representations; also names the rendition's playlist
 * @param language BCP 47 language tag
 * @param path     the WebVTT file, relative to the manifests
 * @param size     bytes of the file
 */
public record SubtitleOutput(String id, String language, String path, long size) {

    /** The MIME type of the file. */
    public static final String MIME_TYPE = "text/vtt";

    public SubtitleOutput {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(path, "path");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }
}
