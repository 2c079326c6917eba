package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;
import io.packager4j.core.media.MediaFile;
import io.packager4j.core.media.SampleTable;
import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackFormat;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.mp4.Mp4Reader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The first video track of a test file, its samples read into memory (the test files are small). */
record VideoSamples(String name, TrackFormat format, List<byte[]> samples) {

    static VideoSamples read(Path file) throws PackagingException {
        try (MediaFile media = new Mp4Reader().open(file)) {
            for (Track track : media.tracks()) {
                if (track.kind() != TrackKind.VIDEO) {
                    continue;
                }
                SampleTable table = track.samples();
                List<byte[]> samples = new ArrayList<>(table.count());
                for (int i = 0; i < table.count(); i++) {
                    samples.add(track.source().read(table.offset(i), table.size(i)));
                }
                return new VideoSamples(file.getFileName().toString(), track.format(), samples);
            }
        }
        throw new AssertionError(file + " has no video track");
    }

    int nalLengthSize() {
        return format.nalLengthSize();
    }

    boolean hevc() {
        return format.codec() == io.packager4j.core.media.Codec.HEVC;
    }
}
