package io.packager4j;

import io.packager4j.core.media.TrackKind;

import java.nio.file.Path;

/**
 * What was written for one representation.
 *
 * @param id           representation id in the manifest (and its folder or file name); for a fragmented MP4
 *                     output only a readable name (the track is identified by its position)
 * @param kind         video or audio
 * @param codecs       RFC 6381 codecs string
 * @param bandwidth    peak bit rate measured over the segments, bits per second
 * @param width        picture width, 0 for audio
 * @param height       picture height, 0 for audio
 * @param segmentCount number of media segments
 * @param bytes        bytes written (init and media segments; for a fragmented MP4, the track's fragments)
 * @param source       the input file
 * @param sourceTrackId the track ID in the input file
 */
public record RepresentationResult(String id, TrackKind kind, String codecs, long bandwidth, int width, int height,
                                   int segmentCount, long bytes, Path source, int sourceTrackId) {
}
