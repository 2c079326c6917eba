package io.packager4j.it;

import io.packager4j.Packager;
import io.packager4j.PackagingException;
import io.packager4j.PackagingResult;
import io.packager4j.RepresentationResult;
import io.packager4j.core.cmaf.KeyframeAlignment;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clips made with ffmpeg for the cases real-world files raise: B-frames, edit lists, moov at the
 * end, fragmented input, HEVC, AC-3/E-AC-3/Opus, anamorphic pixels, several languages, ABR ladders.
 */
class GeneratedClipsPackagingTest {

    static Stream<Arguments> clips() {
        return Stream.of(
                Arguments.of("bFrames", (Supplier<Path>) TestClips::bFrames),
                Arguments.of("editList", (Supplier<Path>) TestClips::editList),
                Arguments.of("moovAtEnd", (Supplier<Path>) TestClips::moovAtEnd),
                Arguments.of("moovAtStart", (Supplier<Path>) TestClips::moovAtStart),
                Arguments.of("fragmented", (Supplier<Path>) TestClips::fragmented),
                Arguments.of("twoAudioLanguages", (Supplier<Path>) TestClips::twoAudioLanguages),
                Arguments.of("hevc", (Supplier<Path>) TestClips::hevc),
                Arguments.of("ac3", (Supplier<Path>) TestClips::ac3),
                Arguments.of("eac3", (Supplier<Path>) TestClips::eac3),
                Arguments.of("opusAudio", (Supplier<Path>) TestClips::opusAudio),
                Arguments.of("sarNonSquare", (Supplier<Path>) TestClips::sarNonSquare));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clips")
    void liveOutputIsValidAndSampleIdentical(String name, Supplier<Path> clip, @TempDir Path tmp) throws Exception {
        PackagingResult result = Packager.builder().input(clip.get()).output(tmp.resolve("out"))
                .segmentDuration(java.time.Duration.ofSeconds(2)).build().run();
        assertTrue(result.representations().stream().allMatch(r -> r.segmentCount() >= 2),
                "a 6 s clip cut every 2 s has several segments: " + result.representations());
        OutputChecks.assertValidAndSampleIdentical(result);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clips")
    void onDemandOutputIsValidAndSampleIdentical(String name, Supplier<Path> clip, @TempDir Path tmp) throws Exception {
        PackagingResult result = Packager.builder().input(clip.get()).output(tmp.resolve("out"))
                .profile(OutputProfile.ON_DEMAND).build().run();
        OutputChecks.assertValidAndSampleIdentical(result);
    }

    @Test
    void ladderSharesSegmentBoundariesAcrossRenditions(@TempDir Path tmp) throws Exception {
        PackagingResult result = Packager.builder().inputs(TestClips.ladder()).input(TestClips.ladderAudio())
                .segmentDuration(java.time.Duration.ofSeconds(2)).output(tmp.resolve("out")).build().run();
        assertEquals(4, result.representations().size());
        OutputChecks.assertValidAndSampleIdentical(result);

        MpdDom mpd = MpdDom.read(result.manifest());
        List<Element> sets = mpd.adaptationSets();
        assertEquals(2, sets.size(), "one video and one audio adaptation set");
        List<Element> videoReps = MpdDom.elements(sets.get(0), "Representation");
        assertEquals(3, videoReps.size());
        List<Double> reference = MpdDom.segmentBoundariesSeconds(videoReps.get(0));
        assertEquals(5, reference.size(), "8 s with keyframes every 2 s: four segments " + reference);
        for (Element rep : videoReps) {
            List<Double> bounds = MpdDom.segmentBoundariesSeconds(rep);
            assertEquals(reference.size(), bounds.size(), rep.getAttribute("id"));
            for (int i = 0; i < bounds.size(); i++) {
                assertEquals(reference.get(i), bounds.get(i), 0.001, rep.getAttribute("id") + " boundary " + i);
            }
        }
        List<Integer> heights = new ArrayList<>();
        for (Element rep : videoReps) {
            heights.add(Integer.parseInt(rep.getAttribute("height")));
            assertTrue(Long.parseLong(rep.getAttribute("bandwidth")) > 0);
        }
        assertEquals(List.of(240, 360, 480), heights);
    }

    @Test
    void misalignedLadderIsRefusedNamingWhere(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        PackagingException e = assertThrows(PackagingException.class, () -> Packager.builder()
                .inputs(TestClips.misalignedLadder()).output(out).build().run());
        assertTrue(e.getMessage().contains("not keyframe-aligned"), e.getMessage());
        assertTrue(e.getMessage().contains(TestClips.misalignedLadder().get(1).getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().matches(".*at \\d+\\.\\d{3} s.*"), "names the time: " + e.getMessage());
        assertFalse(Files.exists(out));
        assertEquals(0, tmp.toFile().list().length, "no staging directory may remain");
    }

    @Test
    void unsupportedCodecIsNamedWithItsTrack(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        PackagingException e = assertThrows(PackagingException.class, () -> Packager.builder()
                .input(TestClips.unsupportedCodec()).output(out).build().run());
        assertTrue(e.getMessage().contains("track 1 (video): unsupported codec 'mp4v'"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void misalignedLadderCanBeAllowedWithAWarning(@TempDir Path tmp) throws Exception {
        PackagingResult result = Packager.builder().inputs(TestClips.misalignedLadder()).output(tmp.resolve("out"))
                .keyframeAlignment(KeyframeAlignment.WARN).build().run();
        assertEquals(2, result.representations().size());
        OutputChecks.assertValidAndSampleIdentical(result);
    }

    @Test
    void audioLanguagesGetTheirOwnAdaptationSets(@TempDir Path tmp) throws Exception {
        PackagingResult result = Packager.builder().input(TestClips.twoAudioLanguages()).output(tmp.resolve("out"))
                .build().run();
        MpdDom mpd = MpdDom.read(result.manifest());
        List<String> langs = new ArrayList<>();
        for (Element set : mpd.adaptationSets()) {
            if ("audio".equals(set.getAttribute("contentType"))) {
                langs.add(set.getAttribute("lang"));
                Element channels = MpdDom.elements(set, "AudioChannelConfiguration").get(0);
                assertEquals("2", channels.getAttribute("value"));
            }
        }
        assertEquals(List.of("eng", "fra"), langs);
    }

    @Test
    void anamorphicVideoKeepsItsSampleAspectRatio(@TempDir Path tmp) throws Exception {
        PackagingResult result = Packager.builder().input(TestClips.sarNonSquare()).output(tmp.resolve("out"))
                .build().run();
        Element rep = MpdDom.elements(MpdDom.read(result.manifest()).adaptationSets().get(0), "Representation").get(0);
        assertEquals("352", rep.getAttribute("width"));
        assertEquals("288", rep.getAttribute("height"));
        assertEquals("12:11", rep.getAttribute("sar"));
        assertEquals("25", rep.getAttribute("frameRate"));
    }

    /**
     * Audio and video stay in sync: each representation's first segment starts, on the period
     * timeline, where ffprobe (which applies the input's edit lists) says the source stream starts,
     * within a frame's tolerance (ffprobe rounds AAC priming differently).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("clips")
    void streamsStartWhereTheEditListsSay(String name, Supplier<Path> clip, @TempDir Path tmp) throws Exception {
        Path input = clip.get();
        PackagingResult result = Packager.builder().input(input).output(tmp.resolve("out")).build().run();
        List<Double> videoStarts = ffprobeStartTimes(input, "v");
        List<Double> audioStarts = ffprobeStartTimes(input, "a");
        MpdDom mpd = MpdDom.read(result.manifest());
        int video = 0;
        int audio = 0;
        for (RepresentationResult r : result.representations()) {
            Element rep = representation(mpd, r.id());
            double start = MpdDom.segmentBoundariesSeconds(rep).get(0);
            double expected = r.kind() == TrackKind.VIDEO ? videoStarts.get(video++) : audioStarts.get(audio++);
            assertEquals(expected, start, 0.025, r.id() + " starts at " + start + " s; ffprobe says " + expected);
        }
    }

    private static Element representation(MpdDom mpd, String id) {
        for (Element set : mpd.adaptationSets()) {
            for (Element rep : MpdDom.elements(set, "Representation")) {
                if (id.equals(rep.getAttribute("id"))) {
                    return rep;
                }
            }
        }
        throw new AssertionError("no representation " + id);
    }

    private static List<Double> ffprobeStartTimes(Path input, String type) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", type, "-show_entries",
                "stream=start_time", "-of", "csv=p=0", input.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ffprobe timed out");
        List<Double> starts = new ArrayList<>();
        for (String line : out.split("\\R")) {
            String field = line.split(",")[0].trim();
            if (!field.isEmpty()) {
                starts.add(Double.parseDouble(field));
            }
        }
        return starts;
    }
}
