package io.packager4j.testkit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FfmpegTest {

    @TempDir
    static Path dir;
    static FfmpegDashClip clip;

    @BeforeAll
    static void makeClip() {
        clip = FfmpegDashClip.create(dir);
    }

    @Test
    void packetHashesSurviveFfmpegDashPackagingReadThroughThePipe() {
        List<Path> video = clip.liveSegments(0);
        assertTrue(video.size() >= 4, "init + 3 video segments expected, got " + video);
        List<String> sourceVideo = Ffmpeg.packetHashes(clip.source, "v:0");
        assertEquals(150, sourceVideo.size(), "6 s at 25 fps");
        assertEquals(sourceVideo, Ffmpeg.packetHashes(video, "v:0", null));

        List<String> sourceAudio = Ffmpeg.packetHashes(clip.source, "a:0");
        assertEquals(sourceAudio, Ffmpeg.packetHashes(clip.liveSegments(1), "a:0", null));
        assertNotEquals(sourceVideo, sourceAudio);
    }

    @Test
    void decodedFrameHashesMatchBetweenSourceAndSegments() {
        List<String> source = Ffmpeg.decodedFrameHashes(clip.source, "v:0");
        assertEquals(150, source.size());
        assertEquals(source, Ffmpeg.decodedFrameHashes(clip.liveSegments(0), "v:0", null));
        // Different pictures of testsrc hash differently: the hashes are of content, not constant.
        assertTrue(source.stream().distinct().count() > 100);
    }

    @Test
    void droppingASegmentChangesThePacketHashes() {
        List<Path> video = clip.liveSegments(0);
        List<Path> withoutSecond = new java.util.ArrayList<>(video);
        withoutSecond.remove(2);
        assertNotEquals(Ffmpeg.packetHashes(clip.source, "v:0"), Ffmpeg.packetHashes(withoutSecond, "v:0", null));
    }

    @Test
    void packetTimesShowTheKeyframesEveryTwoSeconds() {
        List<Ffmpeg.PacketTime> packets = Ffmpeg.packetTimes(clip.source, "v:0");
        assertEquals(150, packets.size());
        List<Double> keys = packets.stream().filter(Ffmpeg.PacketTime::keyFrame).map(Ffmpeg.PacketTime::ptsTime).sorted().toList();
        assertEquals(3, keys.size(), "GOP 50 at 25 fps: " + keys);
        assertEquals(2.0, keys.get(1) - keys.get(0), 1e-6);
        assertEquals(2.0, keys.get(2) - keys.get(1), 1e-6);
    }

    @Test
    void decodedFramesOfOneSegmentStartWithItsKeyFrame() {
        List<Path> video = clip.liveSegments(0);
        List<Ffmpeg.DecodedFrame> second = Ffmpeg.decodedFrames(List.of(video.get(0), video.get(2)), "v:0", null);
        assertEquals(50, second.size(), "one 2 s segment at 25 fps");
        Ffmpeg.DecodedFrame first = second.get(0);
        assertTrue(first.keyFrame() && "I".equals(first.pictType()), first::toString);
        assertEquals(320, first.width());
        // A segment read without the init segment's codec setup cannot be decoded: errors fail the call.
        assertThrows(AssertionError.class, () -> Ffmpeg.decodedFrames(List.of(video.get(2)), "v:0", null));
    }

    @Test
    void packetTimesOfJoinedSegmentsArePositionedInTheirFiles() throws Exception {
        List<Path> video = clip.liveSegments(0);
        List<Ffmpeg.PacketTime> packets = Ffmpeg.packetTimes(video, "v:0");
        assertEquals(150, packets.size());
        // The first packet in each media segment's bytes is its key frame, at the source's keyframe time.
        List<Double> sourceKeys = Ffmpeg.packetTimes(clip.source, "v:0").stream().filter(Ffmpeg.PacketTime::keyFrame)
                .map(Ffmpeg.PacketTime::ptsTime).toList();
        long offset = java.nio.file.Files.size(video.get(0));
        for (int k = 1; k < video.size(); k++) {
            long start = offset;
            Ffmpeg.PacketTime first = packets.stream().filter(p -> p.pos() >= start).findFirst().orElseThrow();
            assertTrue(first.keyFrame(), "segment " + k + ": " + first);
            assertEquals(sourceKeys.get(k - 1) - sourceKeys.get(0), first.ptsTime() - packets.get(0).ptsTime(), 1e-6,
                    "segment " + k);
            offset += java.nio.file.Files.size(video.get(k));
        }
    }

    @Test
    void ffprobeStreamsDescribesTheSource() {
        List<Ffmpeg.StreamInfo> streams = Ffmpeg.ffprobeStreams(clip.source);
        assertEquals(2, streams.size(), streams::toString);
        Ffmpeg.StreamInfo v = streams.get(0);
        assertEquals("video", v.codecType());
        assertEquals("h264", v.codecName());
        assertEquals(320, v.width());
        assertEquals(240, v.height());
        Ffmpeg.StreamInfo a = streams.get(1);
        assertEquals("audio", a.codecType());
        assertEquals("aac", a.codecName());
        assertEquals(48000, a.sampleRate());
        assertEquals(1, a.channels());
        assertEquals("und", a.language());

        List<Ffmpeg.StreamInfo> piped = Ffmpeg.ffprobeStreams(clip.liveSegments(0));
        assertEquals(1, piped.size());
        assertEquals("h264", piped.get(0).codecName());
    }

    @Test
    void decryptionKeyRestoresTheClearSamplesOfSharedCencMedia() {
        Path enc = SharedTestData.mp4ff("prog_8s_enc_dashinit.mp4");
        Path dec = SharedTestData.mp4ff("prog_8s_dec_dashinit.mp4");
        String key = "63cb5f7184dd4b689a5c5ff11ee6a328";
        assertEquals(Ffmpeg.packetHashes(dec, "v:0"), Ffmpeg.packetHashes(enc, "v:0", key));
        assertEquals(Ffmpeg.packetHashes(dec, "a:0"), Ffmpeg.packetHashes(List.of(enc), "a:0", key));
        assertNotEquals(Ffmpeg.packetHashes(dec, "v:0"), Ffmpeg.packetHashes(enc, "v:0"));
    }

    @Test
    void failuresSayWhatHappened() {
        AssertionError missing = assertThrows(AssertionError.class, () -> Ffmpeg.packetHashes(dir.resolve("nope.mp4"), "v:0"));
        assertTrue(missing.getMessage().contains("nope.mp4"), missing.getMessage());
        AssertionError noStream = assertThrows(AssertionError.class, () -> Ffmpeg.packetHashes(clip.source, "s:0"));
        assertTrue(noStream.getMessage().contains("stderr"), noStream.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ffmpeg.packetHashes(clip.source, "v:0; rm"));
    }

    @Test
    void framemd5LinesWithSideDataKeepTheSixthField() {
        String text = "#format: frame checksums\n#version: 2\n#tb 0: 1/12800\n"
                + "0,          0,          0,      512,     1234, 0123456789abcdef0123456789abcdef, S=1,       24, 00000000000000000000000000000000\n"
                + "1,          0,          0,     1024,       10, fedcba9876543210fedcba9876543210\n";
        assertEquals(List.of("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"), Ffmpeg.parseFramemd5(text));
    }
}
