package io.packager4j.core.media;

import io.packager4j.core.io.RandomAccessSource;

import java.io.Closeable;
import java.util.List;

/**
 * An opened input file and its audio and video tracks. Closing it closes the underlying file.
 *
 * @param source     the open file
 * @param tracks     audio and video tracks in file order (other tracks are ignored)
 * @param fragmented true if the samples were described by movie fragments
 */
public record MediaFile(RandomAccessSource source, List<Track> tracks, boolean fragmented) implements Closeable {

    public MediaFile {
        tracks = List.copyOf(tracks);
    }

    @Override
    public void close() {
        source.close();
    }
}
