package io.packager4j.dash;

import io.packager4j.core.media.Rational;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.core.output.PresentationOutput;
import io.packager4j.core.output.RepresentationOutput;
import io.packager4j.core.output.SegmentInfo;
import io.packager4j.dash.mpd.SegmentTimeline;
import io.packager4j.testkit.MpdSchemaValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentTimelineTest {

    private static final long TIMESCALE = 1000;

    @Test
    void gapAndIrregularLastSegment(@TempDir Path dir) throws Exception {
        List<SegmentInfo> segments = List.of(
                new SegmentInfo(0, 2000, 1), new SegmentInfo(2000, 2000, 1), new SegmentInfo(4000, 2000, 1),
                new SegmentInfo(7000, 2000, 1),                  // 1 s gap before
                new SegmentInfo(9000, 1500, 1));                 // short last segment
        byte[] xml = new MpdWriter().toBytes(single(OutputProfile.LIVE, 0, segments));
        MpdSchemaValidator.assertValid(Files.write(dir.resolve("gap.mpd"), xml));
        MpdDom mpd = MpdDom.parse(xml);

        String s = "//d:SegmentTimeline/d:S";
        assertEquals(Arrays.asList("0", "7000", null), mpd.attributes(s, "t"));
        assertEquals(List.of("2000", "2000", "1500"), mpd.attributes(s, "d"));
        assertEquals(Arrays.asList("2", null, null), mpd.attributes(s, "r"));
        assertEquals(TimelineExpansion.of(segments), TimelineExpansion.expand(mpd.element("//d:SegmentTimeline")));
        assertEquals("PT2.000S", mpd.string("/d:MPD/@maxSegmentDuration"));
    }

    @Test
    void varyingDurationsWithoutGapsCarryTOnlyOnTheFirstS() {
        List<SegmentInfo> segments = List.of(new SegmentInfo(0, 2000, 1), new SegmentInfo(2000, 2002, 1),
                new SegmentInfo(4002, 2000, 1), new SegmentInfo(6002, 2000, 1));
        MpdDom mpd = MpdDom.parse(new MpdWriter().toBytes(single(OutputProfile.LIVE, 0, segments)));
        assertEquals(Arrays.asList("0", null, null), mpd.attributes("//d:S", "t"));
        assertEquals(List.of("2000", "2002", "2000"), mpd.attributes("//d:S", "d"));
        assertEquals(Arrays.asList(null, null, "1"), mpd.attributes("//d:S", "r"));
        // 2.002 s rounds up, and minBufferTime rounds the longest segment up to whole seconds.
        assertEquals("PT2.002S", mpd.string("/d:MPD/@maxSegmentDuration"));
        assertEquals("PT3.000S", mpd.string("/d:MPD/@minBufferTime"));
    }

    @Test
    void presentationTimeOffsetIsWrittenAndSegmentTimesStayOnTheMediaTimeline(@TempDir Path dir) throws Exception {
        long pto = 900_000;
        List<SegmentInfo> segments = Fixtures.segments(pto, 2000, 3, 2000);
        for (OutputProfile profile : OutputProfile.values()) {
            byte[] xml = new MpdWriter().toBytes(single(profile, pto, segments));
            MpdSchemaValidator.assertValid(Files.write(dir.resolve(profile + ".mpd"), xml));
            MpdDom mpd = MpdDom.parse(xml);
            String element = profile == OutputProfile.LIVE ? "SegmentTemplate" : "SegmentBase";
            assertEquals("900000", mpd.string("//d:" + element + "/@presentationTimeOffset"), profile.name());
            if (profile == OutputProfile.LIVE) {
                assertEquals("900000", mpd.string("//d:S[1]/@t"));
                assertEquals(TimelineExpansion.of(segments),
                        TimelineExpansion.expand(mpd.element("//d:SegmentTimeline")));
            }
        }
    }

    @Test
    void expansionEqualsTheInputForRandomSegmentLists(@TempDir Path dir) throws Exception {
        Random random = new Random(0x5EED_2011L);
        for (int round = 0; round < 300; round++) {
            List<SegmentInfo> segments = randomSegments(random);
            byte[] xml = new MpdWriter().toBytes(single(OutputProfile.LIVE, 0, segments));
            if (round % 100 == 0) {
                MpdSchemaValidator.assertValid(Files.write(dir.resolve("random" + round + ".mpd"), xml));
            }
            MpdDom mpd = MpdDom.parse(xml);
            Element timeline = mpd.element("//d:SegmentTimeline");
            assertEquals(TimelineExpansion.of(segments), TimelineExpansion.expand(timeline), "round " + round);
            assertMaximallyCompressed(mpd.elements(timeline, "d:S"), "round " + round);
        }
    }

    /** No S could have been merged into the one before it: same d and no @t would mean a missed run. */
    private static void assertMaximallyCompressed(List<Element> entries, String message) {
        for (int i = 1; i < entries.size(); i++) {
            Element s = entries.get(i);
            Element previous = entries.get(i - 1);
            assertFalse(!s.hasAttribute("t") && s.getAttribute("d").equals(previous.getAttribute("d")),
                    message + ": S " + i + " repeats the previous duration without a gap");
        }
    }

    private static List<SegmentInfo> randomSegments(Random random) {
        int count = 1 + random.nextInt(60);
        long[] usual = {2000, 2000, 2000, 2002, 1998, 4000};
        List<SegmentInfo> list = new ArrayList<>();
        long t = random.nextInt(3) == 0 ? random.nextInt(1_000_000) : 0;
        for (int i = 0; i < count; i++) {
            long d = random.nextInt(5) == 0 ? 1 + random.nextInt(5000) : usual[random.nextInt(usual.length)];
            list.add(new SegmentInfo(t, d, 1000));
            t += d;
            if (random.nextInt(10) == 0) {
                t += 1 + random.nextInt(3000);       // a gap
            }
        }
        return list;
    }

    @Test
    void builderRejectsSegmentsThatGoBackInTime() {
        List<SegmentInfo> overlapping = List.of(new SegmentInfo(0, 2000, 1), new SegmentInfo(1999, 2000, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentTimelines.of("v", overlapping));
        assertTrue(e.getMessage().contains("segment 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SegmentTimelines.of("v", List.of(new SegmentInfo(0, 0, 1))));
        assertThrows(IllegalArgumentException.class,
                () -> SegmentTimelines.of("v", List.of(new SegmentInfo(-1, 10, 1))));
    }

    @Test
    void emptySegmentListGivesAnEmptyTimeline() {
        SegmentTimeline timeline = SegmentTimelines.of("v", List.of());
        assertTrue(timeline.getEntries().isEmpty());
    }

    private static PresentationOutput single(OutputProfile profile, long pto, List<SegmentInfo> segments) {
        RepresentationOutput r = Fixtures.representation(profile, "v", TrackKind.VIDEO, "avc1.64001f", 1_000_000,
                640, 360, Rational.of(25, 1), Rational.of(1, 1), 0, 0, "und", TIMESCALE, pto, segments);
        double seconds = r.durationSeconds();
        return new PresentationOutput(profile, seconds, 2.0, List.of(r));
    }
}
