package io.packager4j.hls.playlist;

import io.packager4j.core.output.ByteRange;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One entry of a media playlist: {@code EXTINF}, an optional {@code EXT-X-BYTERANGE}, the URI.
 *
 * @param duration  seconds ({@code EXTINF})
 * @param uri       the segment's URI (a whole file, or the file holding the byte range)
 * @param byteRange the segment's bytes in that file, or null for the whole file
 * @param key       the key the segment is encrypted with, or null when it is clear; the printer
 *                  writes an {@code EXT-X-KEY} wherever this changes
 */
public record MediaSegment(BigDecimal duration, String uri, ByteRange byteRange, KeyTag key) {

    public MediaSegment {
        Objects.requireNonNull(duration, "duration");
        if (duration.signum() < 0) {
            throw new IllegalArgumentException("negative segment duration " + duration);
        }
        if (uri == null || uri.isEmpty() || uri.startsWith("#") || uri.indexOf('\n') >= 0 || uri.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("'" + uri + "' cannot be a URI line of a playlist");
        }
    }
}
