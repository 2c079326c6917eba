package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;
import io.packager4j.core.codec.Rbsp;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.testkit.SharedTestData;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks the slice header lengths behind the cbcs maps against an independent parser: ffmpeg's
 * {@code trace_headers} bitstream filter ({@link FfmpegTrace}). For every slice of each file the
 * bit length must be equal, and every sample's cbcs map must be the one built from ffmpeg's
 * lengths by the rules alone (clear = prefix + escaped header bytes, the rest protected unless it
 * is shorter than a block).
 */
class SliceHeaderTraceTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nal_h264.mp4", "nal_hevc.mp4", "bbb_prog_10s.mp4", "prog_8s.mp4", "ed_hevc.mp4",
            "cbcsdec.mp4", "v300_multiple_segments.mp4"})
    void sharedFiles(String name) throws PackagingException {
        compareWithFfmpeg(SharedTestData.mp4ff(name));
    }

    @Test
    void h264WithBFrames() throws PackagingException {
        compareWithFfmpeg(TestClips.bFrames());
    }

    @Test
    void hevcWithBFrames() throws PackagingException {
        compareWithFfmpeg(TestClips.hevc());
    }

    static List<String> clipNames() {
        return TraceClips.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clipNames")
    void generatedClips(String name) throws PackagingException {
        compareWithFfmpeg(TraceClips.get(name));
    }

    private static void compareWithFfmpeg(Path file) throws PackagingException {
        VideoSamples video = VideoSamples.read(file);
        List<Long> expected = FfmpegTrace.sliceHeaderBits(file, video.hevc());
        assertFalse(expected.isEmpty(), "ffmpeg traced no slice header in " + file);

        NalSubsampleMapper mapper = Mappers.create(video.format(), ProtectionScheme.CBCS);
        List<Long> actual = new ArrayList<>();
        mapper.onSliceHeader(actual::add);
        Subsamples map = new Subsamples();
        Subsamples fromFfmpeg = new Subsamples();
        int slice = 0;
        for (int i = 0; i < video.samples().size(); i++) {
            byte[] sample = video.samples().get(i);
            int before = actual.size();
            mapper.map(sample, 0, sample.length, map);
            for (int s = before; s < actual.size(); s++) {
                if (s >= expected.size()) {
                    fail(video.name() + ": ffmpeg traced " + expected.size() + " slice headers, we read more");
                }
                assertEquals(expected.get(s), actual.get(s), video.name() + " sample " + i + " slice " + s
                        + ": header length in bits, ffmpeg vs ours");
            }
            slice = buildExpectedMap(sample, video, expected, slice, fromFfmpeg);
            assertEquals(fromFfmpeg.toString(), map.toString(), video.name() + " sample " + i + ": cbcs map");
        }
        assertEquals(expected.size(), actual.size(), video.name() + ": number of slice headers");
    }

    /** The cbcs map of one sample from ffmpeg's header lengths; returns the next slice index. */
    private static int buildExpectedMap(byte[] sample, VideoSamples video, List<Long> headerBits, int slice,
                                        Subsamples out) {
        out.reset();
        int prefix = video.nalLengthSize();
        for (NalUnit u : NalUnit.split(sample, prefix, video.hevc())) {
            if (!u.isVcl(video.hevc())) {
                out.add(prefix + u.length(), 0);
                continue;
            }
            int rbspBytes = (int) ((headerBits.get(slice++) + 7) / 8);
            int clear = Rbsp.escapedLength(sample, u.body(), u.length(), rbspBytes);
            int rest = u.length() - clear;
            if (rest < 16) {
                out.add(prefix + u.length(), 0);
            } else {
                out.add(prefix + clear, rest);
            }
        }
        return slice;
    }
}
