package io.packager4j.core.media;

import io.packager4j.core.io.RandomAccessSource;

/**
 * One audio or video track of an input file: where its samples are, how they are coded, and how
 * its timeline maps to presentation time.
 *
 * @param source    the file the samples are read from
 * @param trackId   the track ID in the input ({@code tkhd})
 * @param timescale media timescale, ticks per second ({@code mdhd})
 * @param language  ISO 639-2/T language code from {@code mdhd}, "und" when unset
 * @param format    coding and sample entry
 * @param samples   sample positions and timing
 * @param editList  the edit list reduced to delay and start time
 * @param encryption how the input protects the samples, or null for a clear track; the format is
 *                  then the clear one (the original format of {@code frma})
 */
public record Track(
        RandomAccessSource source,
        int trackId,
        long timescale,
        String language,
        TrackFormat format,
        SampleTable samples,
        EditList editList,
        TrackEncryption encryption) {

    /** A clear track. */
    public Track(RandomAccessSource source, int trackId, long timescale, String language, TrackFormat format,
                 SampleTable samples, EditList editList) {
        this(source, trackId, timescale, language, format, samples, editList, null);
    }

    /** Whether the input's samples are encrypted and must be decrypted before packaging. */
    public boolean isEncrypted() {
        return encryption != null;
    }

    public TrackKind kind() {
        return format.kind();
    }

    /** "in.mp4 track 2 (audio)", for messages. */
    public String describe() {
        return source.name() + " track " + trackId + " (" + kind().name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
