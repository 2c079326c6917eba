package io.packager4j.platform.ladder;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The no-upscaling rule, the bitrates of capped renditions, and how a ladder is stored. */
class LadderTest {

    private static List<Integer> heights(Ladder ladder) {
        return ladder.rungs().stream().map(Ladder.Rung::height).toList();
    }

    private static List<Rendition> parse(String... names) {
        return Rendition.parseAll(List.of(names));
    }

    @Test
    void renditionsNoTallerThanTheSourceAreMadeAsAsked() {
        Ladder ladder = Ladder.plan(parse("720p", "360p"), 1080);
        assertEquals(List.of(360, 720), heights(ladder), "shortest first");
        assertEquals(List.of(800_000L, 3_000_000L), ladder.rungs().stream().map(Ladder.Rung::videoBitrate).toList());
        assertEquals(List.of(Rendition.P720, Rendition.P360), ladder.requested(), "the request as given");
        assertEquals(720, ladder.top().height());
    }

    @Test
    void aRenditionAsTallAsTheSourceIsMade() {
        assertEquals(List.of(360, 720), heights(Ladder.plan(parse("360p", "720p"), 720)));
        assertEquals(List.of(1080), heights(Ladder.plan(parse("1080p"), 1080)));
    }

    @Test
    void tallerRenditionsAreMadeAtTheSourceHeightOnce() {
        // The example on a 720p upload: 1080p is not made by scaling up; 720p is there already.
        assertEquals(List.of(360, 720), heights(Ladder.plan(parse("360p", "720p", "1080p"), 720)));
        // Nothing fits: one rendition at the source's height, never an empty ladder.
        assertEquals(List.of(720), heights(Ladder.plan(parse("1080p"), 720)));
        assertEquals(List.of(480), heights(Ladder.plan(parse("1080p", "720p", "540p"), 480)));
        // A source between two names: the taller ones become one rendition at its height.
        Ladder between = Ladder.plan(parse("360p", "720p", "1080p"), 1000);
        assertEquals(List.of(360, 720, 1000), heights(between));
        assertEquals("1000p", between.top().name());
    }

    @Test
    void anOddSourceHeightIsRoundedDownToEven() {
        assertEquals(List.of(360, 720), heights(Ladder.plan(parse("360p", "1080p"), 721)));
        assertEquals(List.of(142), heights(Ladder.plan(parse("240p"), 143)));
        assertThrows(IllegalArgumentException.class, () -> Ladder.plan(parse("240p"), 1));
    }

    @Test
    void aCappedRenditionGetsABitrateBetweenItsNeighbours() {
        long at1000 = Ladder.bitrateFor(1000);
        assertTrue(at1000 > Rendition.P720.videoBitrate() && at1000 < Rendition.P1080.videoBitrate(), "" + at1000);
        // In proportion to the pixel count between 720p's and 1080p's.
        double t = (1000.0 * 1000 - 720 * 720) / (1080.0 * 1080 - 720 * 720);
        assertEquals(3_000_000 + t * 2_500_000, at1000, 1000);
        assertEquals(0, at1000 % 1000, "whole kb/s");
        // Under the smallest, the same bits per pixel as 240p.
        assertEquals(400_000L * 120 * 120 / (240 * 240), Ladder.bitrateFor(120));
        for (Rendition r : Rendition.values()) {
            assertEquals(r.videoBitrate(), Ladder.bitrateFor(r.height()), r.label());
        }
    }

    @Test
    void aLadderSurvivesItsColumns() {
        Ladder ladder = Ladder.plan(parse("1080p", "360p", "720p"), 720);
        assertEquals("1080p,360p,720p", ladder.requestedColumn());
        assertEquals("360:800000,720:3000000", ladder.rungsColumn());
        assertEquals(ladder, Ladder.fromColumns(ladder.requestedColumn(), ladder.rungsColumn()));
        assertNull(Ladder.fromColumns(null, null), "a package without renditions");
        assertThrows(IllegalArgumentException.class, () -> Ladder.fromColumns("360p", "360-800000"));
    }

    @Test
    void anUnplannedLadderKeepsTheRequestUntilTheSourceHeightIsKnown() {
        Ladder unplanned = Ladder.unplanned(parse("1080p", "360p"));
        assertFalse(unplanned.planned());
        assertNull(unplanned.rungsColumn(), "nothing planned yet, nothing stored as planned");
        assertEquals(unplanned, Ladder.fromColumns("1080p,360p", null));
        Ladder planned = unplanned.planFor(480);
        assertTrue(planned.planned());
        assertEquals(List.of(360, 480), planned.rungs().stream().map(Ladder.Rung::height).toList());
        assertEquals(unplanned.requested(), planned.requested());
        assertThrows(IllegalArgumentException.class, () -> Ladder.unplanned(List.of()));
    }

    @Test
    void fileNamesComeFromHeightsOnly() {
        assertEquals("video-360.mp4", new Ladder.Rung(360, 800_000).fileName());
        assertThrows(IllegalArgumentException.class, () -> new Ladder.Rung(361, 800_000));
        assertThrows(IllegalArgumentException.class, () -> new Ladder.Rung(0, 800_000));
    }

    @Test
    void theSourceHeightIsReadFromTheInputsTrackDescription() {
        assertEquals(720, Ladder.videoHeight("video avc1.64001f 1280x720, audio mp4a.40.2").getAsInt());
        assertEquals(1080, Ladder.videoHeight("audio mp4a.40.2, video hvc1.1.6.L120.90 1920x1080").getAsInt());
        assertEquals(240, Ladder.videoHeight("video avc1.64000d 320x240, video avc1.64001f 1280x720").getAsInt(),
                "the first video track, the one ffmpeg transcodes (0:v:0)");
        assertTrue(Ladder.videoHeight("audio mp4a.40.2").isEmpty());
        assertTrue(Ladder.videoHeight(null).isEmpty());
    }
}
