package io.packager4j.core.packaging;

import io.packager4j.PackagingException;
import io.packager4j.core.output.RepresentationOutput;
import io.packager4j.core.output.SegmentInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins representations written with the live profile (an init segment and numbered media
 * segments each, one track per representation) into one fragmented MP4 that holds every track:
 * {@code ftyp}, a {@code moov} with one {@code trak} per representation (track_IDs 1..n in list
 * order, see {@link MovieBoxMerger}), then the {@code moof}/{@code mdat} fragments of all tracks
 * interleaved by presentation time, with {@code mfhd} sequence numbers increasing across the file.
 *
 * <p>Media is copied segment file to output file; only one {@code moof} at a time is held in
 * memory, so memory does not grow with the input.
 *
 * <pre>{@code
 * long[] bytes = FragmentedMp4Muxer.mux(outputs, stagingDir, stagingDir.resolve("movie.mp4"));
 * }</pre>
 */
public final class FragmentedMp4Muxer {

    private FragmentedMp4Muxer() {
    }

    /**
     * Writes {@code target} from the live-profile representations under {@code directory}.
     *
     * @param representations live-profile outputs ({@link RepresentationOutput#initializationPath()} and
     *                        {@link RepresentationOutput#mediaTemplate()} set), in track_ID order
     * @param directory       the directory their paths are relative to
     * @param target          the file to create; it must not exist
     * @return bytes of each representation's fragments in the file, in list order
     */
    public static long[] mux(List<RepresentationOutput> representations, Path directory, Path target)
            throws PackagingException {
        if (representations.isEmpty()) {
            throw new PackagingException("no track to write into " + target);
        }
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeAll(ByteBuffer.wrap(movieHeader(representations, directory)), out);
            return writeFragments(representations, directory, out);
        } catch (IOException e) {
            throw new PackagingException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static byte[] movieHeader(List<RepresentationOutput> representations, Path directory)
            throws PackagingException, IOException {
        List<MovieBoxMerger.TrackHeader> headers = new ArrayList<>();
        double duration = 0;
        for (RepresentationOutput r : representations) {
            Path init = directory.resolve(requireLive(r).initializationPath());
            double end = presentationEndSeconds(r);
            duration = Math.max(duration, end);
            headers.add(new MovieBoxMerger.TrackHeader(Files.readAllBytes(init), init.toString(),
                    r.presentationTimeOffset(), end));
        }
        return MovieBoxMerger.merge(headers, duration);
    }

    /** Copies every segment, at each step the one that starts earliest (video first on ties). */
    private static long[] writeFragments(List<RepresentationOutput> representations, Path directory, FileChannel out)
            throws PackagingException, IOException {
        int n = representations.size();
        int[] next = new int[n];
        long[] bytes = new long[n];
        int[] sequence = {0};
        FragmentCopier copier = new FragmentCopier();
        while (true) {
            int pick = -1;
            double pickStart = Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                RepresentationOutput r = representations.get(i);
                if (next[i] < r.segments().size()) {
                    double start = presentationSeconds(r, r.segments().get(next[i]).startTime());
                    if (start < pickStart) {
                        pick = i;
                        pickStart = start;
                    }
                }
            }
            if (pick < 0) {
                return bytes;
            }
            RepresentationOutput r = representations.get(pick);
            Path segment = directory.resolve(r.mediaTemplate().replace("$Number$",
                    Long.toString(r.startNumber() + next[pick])));
            bytes[pick] += copier.copy(segment, pick + 1, () -> ++sequence[0], out);
            next[pick]++;
        }
    }

    private static RepresentationOutput requireLive(RepresentationOutput r) throws PackagingException {
        if (r.initializationPath() == null || r.mediaTemplate() == null) {
            throw new PackagingException("representation '" + r.id() + "' was not written as init and media segments");
        }
        return r;
    }

    /** Where the track's last segment stops being presented, in seconds from the presentation start. */
    private static double presentationEndSeconds(RepresentationOutput r) {
        if (r.segments().isEmpty()) {
            return 0;
        }
        SegmentInfo last = r.segments().get(r.segments().size() - 1);
        return presentationSeconds(r, last.startTime() + last.duration());
    }

    private static double presentationSeconds(RepresentationOutput r, long mediaTime) {
        return (mediaTime - r.presentationTimeOffset()) / (double) r.timescale();
    }

    private static void writeAll(ByteBuffer b, FileChannel out) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }
}
