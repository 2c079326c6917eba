package io.packager4j.dash;

import io.packager4j.core.media.Rational;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.core.output.PresentationOutput;
import io.packager4j.core.output.SegmentInfo;
import io.packager4j.testkit.MpdSchemaValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MpdWriterAdaptationTest {

    @Test
    void parComesFromTheLargestRenditionStretchedByItsSar(@TempDir Path dir) throws Exception {
        List<SegmentInfo> v = Fixtures.videoSegments();
        OutputProfile live = OutputProfile.LIVE;
        PresentationOutput p = new PresentationOutput(live, 9.2, 2, List.of(
                Fixtures.video(live, "small", "avc1.64001e", 800_000, 720, 576, Rational.of(16, 11), 0, v),
                Fixtures.video(live, "big", "avc1.640028", 4_000_000, 1440, 1080, Rational.of(4, 3), 0, v)));
        byte[] xml = new MpdWriter().toBytes(p);
        MpdSchemaValidator.assertValid(Files.write(dir.resolve("anamorphic.mpd"), xml));
        MpdDom mpd = MpdDom.parse(xml);
        // 1440 * 4 : 1080 * 3 = 5760 : 3240 = 16:9
        assertEquals("16:9", mpd.string("//d:AdaptationSet/@par"));
        assertEquals(List.of("16:11", "4:3"), mpd.attributes("//d:Representation", "sar"));
        assertEquals("1440", mpd.string("//d:AdaptationSet/@maxWidth"));
    }

    @Test
    void maxFrameRateIsTheLargestByValue() {
        List<SegmentInfo> v = Fixtures.videoSegments();
        OutputProfile live = OutputProfile.LIVE;
        PresentationOutput p = new PresentationOutput(live, 9.2, 2, List.of(
                Fixtures.representation(live, "a", TrackKind.VIDEO, "avc1.64001e", 1, 640,
                        360, Rational.of(2997, 100), null, 0, 0, "und", 90_000, 0, v),
                Fixtures.representation(live, "b", TrackKind.VIDEO, "avc1.64001e", 2, 640,
                        360, Rational.of(30000, 1001), null, 0, 0, "und", 90_000, 0, v),
                Fixtures.representation(live, "c", TrackKind.VIDEO, "avc1.64001e", 3, 640,
                        360, null, null, 0, 0, "und", 90_000, 0, v)));
        MpdDom mpd = MpdDom.parse(new MpdWriter().toBytes(p));
        assertEquals("30000/1001", mpd.string("//d:AdaptationSet/@maxFrameRate"));
        assertEquals("avc1.64001e", mpd.string("//d:AdaptationSet/@codecs"));
        assertEquals(Arrays.asList("2997/100", "30000/1001", null), mpd.attributes("//d:Representation", "frameRate"));
        assertEquals(Arrays.asList(null, null, null), mpd.attributes("//d:Representation", "sar"));
    }

    @Test
    void alignmentIsNotClaimedWhenSegmentCountsDiffer() {
        OutputProfile live = OutputProfile.LIVE;
        PresentationOutput p = new PresentationOutput(live, 9.2, 2, List.of(
                Fixtures.audio(live, "a1", "mp4a.40.2", 64_000, "de", 2, Fixtures.audioSegments()),
                Fixtures.audio(live, "a2", "mp4a.40.2", 96_000, "de", 2, Fixtures.segments(0, 192_000, 3, 57_600))));
        MpdDom mpd = MpdDom.parse(new MpdWriter().toBytes(p));
        assertEquals(Arrays.asList((String) null), mpd.attributes("//d:AdaptationSet", "segmentAlignment"));
        assertEquals("1", mpd.string("//d:AdaptationSet/@startWithSAP"));
    }

    @Test
    void audioOnlyPresentationGetsAMainRoleOnItsFirstSet() {
        OutputProfile live = OutputProfile.LIVE;
        PresentationOutput p = new PresentationOutput(live, 9.2, 2, List.of(
                Fixtures.audio(live, "de", "mp4a.40.2", 64_000, "de", 2, Fixtures.audioSegments()),
                Fixtures.audio(live, "it", "Opus", 64_000, "it", 2, Fixtures.audioSegments())));
        MpdDom mpd = MpdDom.parse(new MpdWriter().toBytes(p));
        assertEquals(List.of("0", "1"), mpd.attributes("//d:AdaptationSet", "id"));
        assertEquals(List.of("0"), mpd.attributes("//d:AdaptationSet[d:Role]", "id"));
        assertEquals(List.of("mp4a.40.2", "Opus"), mpd.attributes("//d:AdaptationSet", "codecs"));
    }

    @Test
    void concurrentWritersProduceIdenticalBytes() throws Exception {
        PresentationOutput p = Fixtures.ladder(OutputProfile.LIVE);
        byte[] expected = new MpdWriter().toBytes(p);
        MpdWriter shared = new MpdWriter();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> shared.toBytes(p)));
            }
            for (Future<byte[]> f : results) {
                assertArrayEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
