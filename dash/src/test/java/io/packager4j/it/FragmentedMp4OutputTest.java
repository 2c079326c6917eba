package io.packager4j.it;

import io.packager4j.Packager;
import io.packager4j.PackagingException;
import io.packager4j.PackagingResult;
import io.packager4j.RepresentationResult;
import io.packager4j.core.media.MediaFile;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.mp4.Mp4Reader;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.DrmSystems;
import io.packager4j.crypto.Encryption;
import io.packager4j.crypto.KeyId;
import io.packager4j.crypto.decrypt.DecryptionKeys;
import io.packager4j.testkit.Ffmpeg;
import io.packager4j.testkit.SharedTestData;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.packager4j.it.BoxPaths.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One fragmented MP4 holding every track ({@link Packager.Builder#fragmentedMp4(Path)}), checked by
 * ffprobe/ffmpeg: the streams, their codecs and durations, exactly the source's packets and decoded
 * frames, clear and decrypted with the key; the boxes a multi-track file needs; and that our own
 * reader takes the file as input again.
 */
class FragmentedMp4OutputTest {

    private static final String KEY_HEX = EncryptedPackagingTest.KEY_HEX;
    private static final String KID_HEX = EncryptedPackagingTest.KID_HEX;

    /** AAC priming shows in ffprobe's duration of a fragmented track (its edit list is applied as a shift). */
    private static final double DURATION_TOLERANCE_SECONDS = 0.05;

    @Test
    void clearFileHoldsEveryTrackWithTheSourceSamples(@TempDir Path tmp) throws Exception {
        Path source = SharedTestData.mp4ff("bbb_prog_10s.mp4");
        Path file = tmp.resolve("movie.mp4");
        PackagingResult result = Packager.builder().input(source).segmentDuration(Duration.ofSeconds(2))
                .fragmentedMp4(file).build().run();

        assertEquals(file.toAbsolutePath().normalize(), result.fragmentedMp4());
        assertEquals(tmp.toAbsolutePath().normalize(), result.outputDirectory());
        assertNull(result.manifest());
        assertNull(result.profile());
        assertEquals(List.of("movie.mp4"), List.of(tmp.toFile().list()), "only the file, no staging left");
        assertEquals(List.of(TrackKind.VIDEO, TrackKind.AUDIO),
                result.representations().stream().map(RepresentationResult::kind).toList());

        assertSameStreamsAsSource(file, source);
        for (RepresentationResult r : result.representations()) {
            OutputChecks.assertSampleIdentical(result, r); // packets of both, frames of the video
        }
        assertMultiTrackStructure(Files.readAllBytes(file), result);
    }

    @ParameterizedTest
    @EnumSource(ProtectionScheme.class)
    void encryptedFileDecryptsToTheSourceWithTheKey(ProtectionScheme scheme, @TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("movie.mp4");
        PackagingResult result = Packager.builder().input(SharedTestData.mp4ff("bbb_prog_10s.mp4"))
                .segmentDuration(Duration.ofSeconds(2)).encryption(encryption(scheme)).fragmentedMp4(file)
                .build().run();

        for (RepresentationResult r : result.representations()) {
            EncryptionChecks.assertDecryptsToSource(result, r, KEY_HEX);
            EncryptionChecks.assertUnreadableWithoutKey(result, r);
            EncryptionChecks.assertProtectionBoxes(result, r, scheme, KID_HEX);
        }
        byte[] data = Files.readAllBytes(file);
        assertMultiTrackStructure(data, result);
        List<BoxPaths.Box> pssh = BoxPaths.find(data, "moov/pssh");
        assertEquals(1, pssh.size(), "the tracks share one key: one Common PSSH box, once");
        assertEquals(DrmSystems.COMMON.toString().replace("-", ""),
                EncryptionChecks.hex(Arrays.copyOfRange(data, pssh.get(0).payloadOffset() + 4, pssh.get(0).payloadOffset() + 20)));
    }

    @Test
    void ourReaderTakesTheEncryptedFileAsInputAgain(@TempDir Path tmp) throws Exception {
        Path source = SharedTestData.mp4ff("bbb_prog_10s.mp4");
        Path file = tmp.resolve("movie.mp4");
        Packager.builder().input(source).encryption(encryption(ProtectionScheme.CBCS)).fragmentedMp4(file).build().run();

        try (MediaFile read = new Mp4Reader().open(file)) {
            assertTrue(read.fragmented());
            assertEquals(List.of(1, 2), read.tracks().stream().map(Track::trackId).toList());
            assertTrue(read.tracks().stream().allMatch(Track::isEncrypted));
        }
        // Decrypted and packaged as DASH, every track is the original source's again.
        PackagingResult again = Packager.builder().input(file).output(tmp.resolve("dash"))
                .decryptionKeys(DecryptionKeys.of(KeyId.parse(KID_HEX), ContentKey.parse(KEY_HEX))).build().run();
        assertEquals(2, again.representations().size());
        for (RepresentationResult r : again.representations()) {
            EncryptionChecks.assertDecryptsTo(again, r, null, source, r.kind() == TrackKind.VIDEO ? "v:0" : "a:0");
        }
    }

    @Test
    void ladderAndAudioFromSeveralInputsBecomeOneFile(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("ladder.mp4");
        PackagingResult result = Packager.builder().inputs(TestClips.ladder()).input(TestClips.ladderAudio())
                .segmentDuration(Duration.ofSeconds(2)).fragmentedMp4(file).build().run();
        assertEquals(4, result.representations().size());
        List<Ffmpeg.StreamInfo> streams = Ffmpeg.ffprobeStreams(file);
        assertEquals(List.of("video", "video", "video", "audio"), streams.stream().map(Ffmpeg.StreamInfo::codecType).toList());
        for (RepresentationResult r : result.representations()) {
            OutputChecks.assertSampleIdentical(result, r);
        }
        assertMultiTrackStructure(Files.readAllBytes(file), result);
    }

    @Test
    void badInputLeavesNoFileAndKeepsAnExistingOne(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("movie.mp4");
        PackagingException e = assertThrows(PackagingException.class, () -> Packager.builder()
                .input(TestClips.unsupportedCodec()).fragmentedMp4(file).build().run());
        assertTrue(e.getMessage().contains("mp4v"), e.getMessage());
        assertEquals(0, tmp.toFile().list().length, "nothing written, no staging directory left");

        byte[] previous = "an earlier file".getBytes(StandardCharsets.US_ASCII);
        Files.write(file, previous);
        assertThrows(PackagingException.class, () -> Packager.builder().input(TestClips.notAnMp4())
                .fragmentedMp4(file).overwrite(true).build().run());
        assertArrayEquals(previous, Files.readAllBytes(file), "a failed run leaves the existing file as it was");
        assertEquals(List.of("movie.mp4"), List.of(tmp.toFile().list()));
    }

    @Test
    void existingFileIsReplacedOnlyWhenOverwriting(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("movie.mp4");
        Files.writeString(file, "an earlier file");
        Path source = SharedTestData.mp4ff("prog_8s.mp4");
        PackagingException e = assertThrows(PackagingException.class,
                () -> Packager.builder().input(source).fragmentedMp4(file).build().run());
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals("an earlier file", Files.readString(file));

        Packager.builder().input(source).fragmentedMp4(file).overwrite(true).build().run();
        assertEquals(2, Ffmpeg.ffprobeStreams(file).size());
        assertEquals(List.of("movie.mp4"), List.of(tmp.toFile().list()));

        PackagingException dir = assertThrows(PackagingException.class,
                () -> Packager.builder().input(source).fragmentedMp4(tmp).overwrite(true).build().run());
        assertTrue(dir.getMessage().contains("is an existing directory"), dir.getMessage());
    }

    @Test
    void outputAndFragmentedMp4AreMutuallyExclusive(@TempDir Path tmp) {
        IllegalStateException first = assertThrows(IllegalStateException.class,
                () -> Packager.builder().output(tmp.resolve("dash")).fragmentedMp4(tmp.resolve("a.mp4")));
        assertTrue(first.getMessage().contains("mutually exclusive"), first.getMessage());
        IllegalStateException second = assertThrows(IllegalStateException.class,
                () -> Packager.builder().fragmentedMp4(tmp.resolve("a.mp4")).output(tmp.resolve("dash")));
        assertTrue(second.getMessage().contains("mutually exclusive"), second.getMessage());
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> Packager.builder().input(tmp.resolve("in.mp4")).build());
        assertTrue(none.getMessage().contains("fragmentedMp4(file)"), none.getMessage());
        IllegalStateException onDemand = assertThrows(IllegalStateException.class,
                () -> Packager.builder().input(tmp.resolve("in.mp4")).profile(OutputProfile.ON_DEMAND)
                        .fragmentedMp4(tmp.resolve("a.mp4")).build());
        assertTrue(onDemand.getMessage().contains("ON_DEMAND"), onDemand.getMessage());
    }

    private static Encryption encryption(ProtectionScheme scheme) throws PackagingException {
        return Encryption.builder(scheme).key(KeyId.parse(KID_HEX), ContentKey.parse(KEY_HEX)).build();
    }

    /** ffprobe sees the source's streams (codec, picture size) with the source's durations. */
    private static void assertSameStreamsAsSource(Path file, Path source) {
        Map<String, Ffmpeg.StreamInfo> expected = byType(Ffmpeg.ffprobeStreams(source));
        Map<String, Ffmpeg.StreamInfo> actual = byType(Ffmpeg.ffprobeStreams(file));
        assertEquals(expected.keySet(), actual.keySet(), "stream types");
        for (String type : expected.keySet()) {
            Ffmpeg.StreamInfo e = expected.get(type);
            Ffmpeg.StreamInfo a = actual.get(type);
            assertEquals(e.codecName(), a.codecName(), type + " codec");
            assertEquals(e.width(), a.width(), type + " width");
            assertEquals(e.height(), a.height(), type + " height");
            assertEquals(e.sampleRate(), a.sampleRate(), type + " sample rate");
            assertEquals(e.channels(), a.channels(), type + " channels");
        }
        List<Double> expectedDurations = Ffmpeg.ffprobeStreamDurations(source);
        List<Double> actualDurations = Ffmpeg.ffprobeStreamDurations(file);
        Map<String, Double> expectedByType = durationsByType(Ffmpeg.ffprobeStreams(source), expectedDurations);
        Map<String, Double> actualByType = durationsByType(Ffmpeg.ffprobeStreams(file), actualDurations);
        for (String type : expectedByType.keySet()) {
            assertEquals(expectedByType.get(type), actualByType.get(type), DURATION_TOLERANCE_SECONDS, type + " duration");
        }
    }

    private static Map<String, Ffmpeg.StreamInfo> byType(List<Ffmpeg.StreamInfo> streams) {
        Map<String, Ffmpeg.StreamInfo> map = new HashMap<>();
        streams.forEach(s -> assertEquals(null, map.put(s.codecType(), s), "one stream per type"));
        return map;
    }

    private static Map<String, Double> durationsByType(List<Ffmpeg.StreamInfo> streams, List<Double> durations) {
        Map<String, Double> map = new HashMap<>();
        for (int i = 0; i < streams.size(); i++) {
            map.put(streams.get(i).codecType(), durations.get(i));
        }
        return map;
    }

    /**
     * What a multi-track fragmented MP4 needs, read with the test's own box walker: ftyp and moov
     * first, one trak and one trex per track with track_IDs 1..n, mvhd's next_track_ID n + 1, then
     * only moof/mdat pairs whose sequence numbers increase from 1, each track with one fragment per
     * segment, and the tracks interleaved rather than one after the other.
     */
    private static void assertMultiTrackStructure(byte[] data, PackagingResult result) {
        int n = result.representations().size();
        List<BoxPaths.Box> top = BoxPaths.children(data, 0, data.length);
        assertEquals("ftyp", top.get(0).type());
        assertEquals("moov", top.get(1).type());
        List<Long> tkhdIds = new ArrayList<>();
        for (BoxPaths.Box tkhd : BoxPaths.find(data, "moov/trak/tkhd")) {
            tkhdIds.add(u32(data, tkhd.payloadOffset() + (data[tkhd.payloadOffset()] == 1 ? 20 : 12)));
        }
        List<Long> expectedIds = Stream.iterate(1L, i -> i + 1).limit(n).toList();
        assertEquals(expectedIds, tkhdIds, "tkhd track_IDs");
        assertEquals(expectedIds, BoxPaths.find(data, "moov/mvex/trex").stream()
                .map(t -> u32(data, t.payloadOffset() + 4)).toList(), "trex track_IDs");
        BoxPaths.Box mvhd = BoxPaths.find(data, "moov/mvhd").get(0);
        assertEquals(n + 1, u32(data, mvhd.end() - 4), "mvhd next_track_ID");

        long expectedSequence = 1;
        Map<Long, Integer> fragments = new HashMap<>();
        List<Long> order = new ArrayList<>();
        for (int i = 2; i < top.size(); i += 2) {
            BoxPaths.Box moof = top.get(i);
            assertEquals("moof", moof.type(), "box " + i);
            assertEquals("mdat", top.get(i + 1).type(), "box " + (i + 1) + " follows its moof");
            BoxPaths.Box mfhd = BoxPaths.children(data, moof.payloadOffset(), moof.end()).get(0);
            assertEquals(expectedSequence++, u32(data, mfhd.payloadOffset() + 4), "mfhd sequence_number");
            long trackId = EncryptionChecks.fragmentTrackId(data, moof);
            fragments.merge(trackId, 1, Integer::sum);
            order.add(trackId);
        }
        for (int t = 1; t <= n; t++) {
            assertEquals(result.representations().get(t - 1).segmentCount(), fragments.get((long) t),
                    "fragments of track " + t);
        }
        assertTrue(order.indexOf((long) n) < order.lastIndexOf(1L), "fragments interleaved: " + order);
    }
}
