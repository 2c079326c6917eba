package io.packager4j;

import java.util.List;

/**
 * What {@link MediaProbe} found in a file that the packager can take as input.
 *
 * @param sizeBytes       the file's size
 * @param durationSeconds presentation duration: the longest track's
 * @param fragmented      whether the samples are described by movie fragments ({@code moof})
 * @param encrypted       whether any track is encrypted; packaging it then needs its keys
 *                        ({@link Packager.Builder#decryptionKeys})
 * @param tracks          the audio and video tracks in file order (other tracks are not listed)
 */
public record MediaInfo(long sizeBytes, double durationSeconds, boolean fragmented, boolean encrypted,
                        List<TrackInfo> tracks) {

    public MediaInfo {
        tracks = List.copyOf(tracks);
    }
}
