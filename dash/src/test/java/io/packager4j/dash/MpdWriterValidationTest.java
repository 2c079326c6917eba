package io.packager4j.dash;

import io.packager4j.core.media.TrackKind;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.core.output.PresentationOutput;
import io.packager4j.core.output.RepresentationOutput;
import io.packager4j.core.output.SegmentInfo;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inputs the MPD cannot describe validly are rejected with a message naming the culprit. */
class MpdWriterValidationTest {

    private static final List<SegmentInfo> SEGMENTS = Fixtures.segments(0, 96_000, 2, 96_000);

    @Test
    void representationIdsMayOnlyUseTheSafeCharacters() {
        for (String bad : List.of("video 1", "vidéo", "a/b", "a$b", "", "a:b")) {
            String message = reject(OutputProfile.LIVE, r -> rename(r, bad));
            assertTrue(message.contains("may contain only"), message);
        }
        new MpdWriter().toBytes(presentation(OutputProfile.LIVE, rename(audio(OutputProfile.LIVE), "A-z_0.9")));
    }

    @Test
    void representationIdsMustBeUnique() {
        RepresentationOutput a = audio(OutputProfile.LIVE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MpdWriter().toBytes(new PresentationOutput(OutputProfile.LIVE, 4, 2, List.of(a, a))));
        assertTrue(e.getMessage().contains("used twice"), e.getMessage());
    }

    @Test
    void rejectsOutOfRangeNumbersAndBadStrings() {
        reject(OutputProfile.LIVE, r -> copy(r, c -> c.bandwidth = 0));
        reject(OutputProfile.LIVE, r -> copy(r, c -> c.bandwidth = 1L << 32));
        reject(OutputProfile.LIVE, r -> copy(r, c -> c.timescale = 0));
        reject(OutputProfile.LIVE, r -> copy(r, c -> c.codecs = "mp4a 40 2"));
        String lang = reject(OutputProfile.LIVE, r -> copy(r, c -> c.language = "en_US"));
        assertTrue(lang.contains("en_US"), lang);
        reject(OutputProfile.LIVE, r -> copy(r, c -> c.segments = List.of(
                new SegmentInfo(0, 1000, 1), new SegmentInfo(500, 1000, 1))));
    }

    @Test
    void rejectsMissingProfilePaths() {
        reject(OutputProfile.LIVE, r -> copy(r, c -> c.initializationPath = null));
        reject(OutputProfile.LIVE, r -> copy(r, c -> c.mediaTemplate = "seg.m4s"));
        reject(OutputProfile.ON_DEMAND, r -> copy(r, c -> c.onDemandPath = null));
        reject(OutputProfile.ON_DEMAND, r -> copy(r, c -> c.indexRange = "800"));
        reject(OutputProfile.ON_DEMAND, r -> copy(r, c -> c.initRange = "10-5"));
    }

    @Test
    void rejectsAnEmptyPresentation() {
        assertThrows(IllegalArgumentException.class,
                () -> new MpdWriter().toBytes(new PresentationOutput(OutputProfile.LIVE, 0, 2, List.of())));
    }

    @Test
    void nothingIsWrittenWhenTheInputIsRejected() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PresentationOutput bad = presentation(OutputProfile.LIVE, rename(audio(OutputProfile.LIVE), "bad id"));
        assertThrows(IllegalArgumentException.class, () -> new MpdWriter().write(bad, out));
        assertEquals(0, out.size());
    }

    @Test
    void missingLanguageBecomesUnd() {
        PresentationOutput p = presentation(OutputProfile.LIVE, copy(audio(OutputProfile.LIVE), c -> c.language = null));
        assertEquals("und", MpdDom.parse(new MpdWriter().toBytes(p)).string("//d:AdaptationSet/@lang"));
    }

    private static String reject(OutputProfile profile, UnaryOperator<RepresentationOutput> change) {
        PresentationOutput p = presentation(profile, change.apply(audio(profile)));
        return assertThrows(IllegalArgumentException.class, () -> new MpdWriter().toBytes(p)).getMessage();
    }

    private static PresentationOutput presentation(OutputProfile profile, RepresentationOutput r) {
        return new PresentationOutput(profile, 4, 2, List.of(r));
    }

    private static RepresentationOutput audio(OutputProfile profile) {
        return Fixtures.representation(profile, "a", TrackKind.AUDIO, "mp4a.40.2", 64_000, 0, 0, null, null,
                2, 48_000, "en", 48_000, 0, SEGMENTS);
    }

    private static RepresentationOutput rename(RepresentationOutput r, String id) {
        return copy(r, c -> c.id = id);
    }

    /** The record's fields, mutable, to change one and rebuild. */
    private static final class Fields {
        String id;
        String codecs;
        long bandwidth;
        String language;
        long timescale;
        List<SegmentInfo> segments;
        String initializationPath;
        String mediaTemplate;
        String onDemandPath;
        String initRange;
        String indexRange;
    }

    private static RepresentationOutput copy(RepresentationOutput r, Consumer<Fields> change) {
        Fields f = new Fields();
        f.id = r.id();
        f.codecs = r.codecs();
        f.bandwidth = r.bandwidth();
        f.language = r.language();
        f.timescale = r.timescale();
        f.segments = new ArrayList<>(r.segments());
        f.initializationPath = r.initializationPath();
        f.mediaTemplate = r.mediaTemplate();
        f.onDemandPath = r.onDemandPath();
        f.initRange = r.initRange();
        f.indexRange = r.indexRange();
        change.accept(f);
        return new RepresentationOutput(f.id, r.kind(), f.codecs, f.bandwidth, r.width(), r.height(), r.frameRate(),
                r.sampleAspectRatio(), r.audioChannels(), r.audioSamplingRate(), f.language, f.timescale,
                r.presentationTimeOffset(), f.segments, f.initializationPath, f.mediaTemplate, r.startNumber(),
                f.onDemandPath, f.initRange, f.indexRange, r.protection());
    }
}
