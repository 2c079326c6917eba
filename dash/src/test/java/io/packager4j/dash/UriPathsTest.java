package io.packager4j.dash;

import io.packager4j.core.media.TrackKind;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.core.output.PresentationOutput;
import io.packager4j.core.output.RepresentationOutput;
import io.packager4j.testkit.MpdSchemaValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UriPathsTest {

    @Test
    void plainPathsAreKept() {
        assertEquals("video_1/init.mp4", UriPaths.encodePath("p", "video_1/init.mp4"));
        assertEquals("../out-1/a.b~c(1)/x.mp4", UriPaths.encodePath("p", "../out-1/a.b~c(1)/x.mp4"));
    }

    @Test
    void specialCharactersArePercentEncodedAsUtf8() {
        assertEquals("my%20video/init.mp4", UriPaths.encodePath("p", "my video/init.mp4"));
        assertEquals("vid%C3%A9o/a%23b%3F.mp4", UriPaths.encodePath("p", "vidéo/a#b?.mp4"));
        assertEquals("100%25/x", UriPaths.encodePath("p", "100%/x"));
        assertEquals("a%3Ab/c", UriPaths.encodePath("p", "a:b/c"));
        assertEquals("a%2Bb%24c", UriPaths.encodePath("p", "a+b$c"));
        assertEquals("%E2%82%AC%F0%9F%8E%AC", UriPaths.encodePath("p", "€🎬"));
    }

    @Test
    void templatesKeepTheirIdentifiers() {
        assertEquals("my%20video/$Number%05d$.m4s", UriPaths.encodeTemplate("t", "my video/$Number%05d$.m4s"));
        assertEquals("$RepresentationID$/$Time$.m4s", UriPaths.encodeTemplate("t", "$RepresentationID$/$Time$.m4s"));
        assertEquals("a$$b/$Number$", UriPaths.encodeTemplate("t", "a$$b/$Number$"));
    }

    @Test
    void rejectsWhatCannotBeARelativeReference() {
        assertThrows(IllegalArgumentException.class, () -> UriPaths.encodePath("p", ""));
        assertThrows(IllegalArgumentException.class, () -> UriPaths.encodePath("p", "/abs/init.mp4"));
        assertThrows(IllegalArgumentException.class, () -> UriPaths.encodePath("p", "a\\init.mp4"));
        assertThrows(IllegalArgumentException.class, () -> UriPaths.encodeTemplate("t", "a/$Number.m4s"));
        assertThrows(IllegalArgumentException.class, () -> UriPaths.encodeTemplate("t", "a/$Num ber$.m4s"));
    }

    @Test
    void manifestCarriesEscapedPathsAndStaysValid(@TempDir Path dir) throws Exception {
        RepresentationOutput live = withPaths(OutputProfile.LIVE, "dossier vidéo/init #1.mp4",
                "dossier vidéo/seg $Number$ #.m4s", null);
        RepresentationOutput vod = withPaths(OutputProfile.ON_DEMAND, null, null, "dossier vidéo/v 100%.mp4");

        byte[] liveXml = new MpdWriter().toBytes(new PresentationOutput(OutputProfile.LIVE, 2, 2, List.of(live)));
        MpdSchemaValidator.assertValid(Files.write(dir.resolve("live.mpd"), liveXml));
        MpdDom liveMpd = MpdDom.parse(liveXml);
        assertEquals("dossier%20vid%C3%A9o/init%20%231.mp4", liveMpd.string("//d:SegmentTemplate/@initialization"));
        assertEquals("dossier%20vid%C3%A9o/seg%20$Number$%20%23.m4s", liveMpd.string("//d:SegmentTemplate/@media"));

        byte[] vodXml = new MpdWriter().toBytes(new PresentationOutput(OutputProfile.ON_DEMAND, 2, 2, List.of(vod)));
        MpdSchemaValidator.assertValid(Files.write(dir.resolve("vod.mpd"), vodXml));
        assertEquals("dossier%20vid%C3%A9o/v%20100%25.mp4", MpdDom.parse(vodXml).string("//d:BaseURL"));
    }

    private static RepresentationOutput withPaths(OutputProfile profile, String init, String media, String file) {
        RepresentationOutput r = Fixtures.representation(profile, "a", TrackKind.AUDIO, "mp4a.40.2", 64_000,
                0, 0, null, null, 2, 48_000, "en", 48_000, 0, Fixtures.segments(0, 96_000, 1, 96_000));
        return new RepresentationOutput(r.id(), r.kind(), r.codecs(), r.bandwidth(), r.width(), r.height(),
                r.frameRate(), r.sampleAspectRatio(), r.audioChannels(), r.audioSamplingRate(), r.language(),
                r.timescale(), r.presentationTimeOffset(), r.segments(), init, media, r.startNumber(), file,
                r.initRange(), r.indexRange(), r.protection());
    }
}
