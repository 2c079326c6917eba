/**
 * Model of the subset of HLS playlists (RFC 8216) that packager4j writes, and its printer.
 *
 * <p>Each record is one tag or one playlist; {@link io.packager4j.hls.playlist.PlaylistPrinter}
 * turns them into text. Records check what the RFC requires of their values (no quote or line
 * break in a quoted string, positive bandwidths, non-negative durations...), so a printed playlist
 * is well-formed whatever built the model. Optional attributes are {@code null} when absent.
 */
package io.packager4j.hls.playlist;
