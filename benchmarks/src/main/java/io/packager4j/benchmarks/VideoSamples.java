package io.packager4j.benchmarks;

import io.packager4j.PackagingException;
import io.packager4j.core.io.RandomAccessSource;
import io.packager4j.core.media.MediaFile;
import io.packager4j.core.media.SampleTable;
import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackFormat;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.mp4.Mp4Reader;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every sample of an MP4 file's first video track, read into one array back to back, with its
 * format: what a benchmark needs to run the per-sample code of the packager on real media without
 * touching the file while it is timed.
 *
 * @param format  the video track's format (codec, NAL length size, decoder configuration)
 * @param data    all samples, in decode order, back to back
 * @param offsets where sample {@code i} starts in {@code data}
 * @param sizes   the size of sample {@code i}
 */
record VideoSamples(TrackFormat format, byte[] data, int[] offsets, int[] sizes) {

    /** Number of samples. */
    int count() {
        return sizes.length;
    }

    /**
     * Reads the first video track of {@code file}.
     *
     * @throws IllegalStateException with the path and how to point at the right folder when the
     *                               file is absent: JMH then reports the message instead of a bare
     *                               stack trace
     */
    static VideoSamples load(Path file, String howToConfigure) throws PackagingException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("benchmark input " + file.toAbsolutePath().normalize()
                    + " does not exist; " + howToConfigure);
        }
        try (MediaFile media = new Mp4Reader().open(file)) {
            Track video = media.tracks().stream()
                    .filter(t -> t.kind() == TrackKind.VIDEO)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(file + " has no video track"));
            SampleTable table = video.samples();
            long total = table.bytes(0, table.count());
            if (total > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException(file + ": " + total + " bytes of video do not fit in one array");
            }
            int n = table.count();
            byte[] data = new byte[(int) total];
            int[] offsets = new int[n];
            int[] sizes = new int[n];
            RandomAccessSource source = video.source();
            int at = 0;
            for (int i = 0; i < n; i++) {
                byte[] sample = source.read(table.offset(i), table.size(i));
                System.arraycopy(sample, 0, data, at, sample.length);
                offsets[i] = at;
                sizes[i] = sample.length;
                at += sample.length;
            }
            return new VideoSamples(video.format(), data, offsets, sizes);
        }
    }
}
