package io.packager4j;

import java.nio.file.Path;

/**
 * A subtitle track as published.
 *
 * @param id       its id in the MPD (and the name of its HLS playlist)
 * @param language its language tag
 * @param file     the WebVTT file in the output directory
 * @param bytes    its size
 */
public record SubtitleResult(String id, String language, Path file, long bytes) {
}
