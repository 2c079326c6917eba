package io.packager4j.dash;

import io.packager4j.core.output.OutputProfile;
import io.packager4j.core.output.PresentationOutput;
import io.packager4j.core.output.RepresentationOutput;
import io.packager4j.testkit.MpdSchemaValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MpdWriterLiveTest {

    private final PresentationOutput presentation = Fixtures.ladder(OutputProfile.LIVE);
    private final byte[] xml = new MpdWriter().toBytes(presentation);
    private final MpdDom mpd = MpdDom.parse(xml);

    @Test
    void validatesAgainstTheOfficialSchema(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("live.mpd"), xml);
        MpdSchemaValidator.assertValid(file);
    }

    @Test
    void isPrettyPrintedUtf8WithAnXmlDeclarationAndTheMpdAsDefaultNamespace() {
        String text = new String(xml, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<MPD "), text);
        assertTrue(text.contains("\n    <Period"), "indented: " + text);
        Element root = mpd.root();
        assertEquals("MPD", root.getTagName(), "no prefix on MPD elements");
        assertEquals(MpdDom.MPD_NS, root.getNamespaceURI());
    }

    @Test
    void writeToAStreamGivesTheSameBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MpdWriter().write(presentation, out);
        assertArrayEquals(xml, out.toByteArray());
    }

    @Test
    void mpdAttributes() {
        assertEquals("urn:mpeg:dash:profile:isoff-live:2011", mpd.string("/d:MPD/@profiles"));
        assertEquals("static", mpd.string("/d:MPD/@type"));
        assertEquals("PT9.200S", mpd.string("/d:MPD/@mediaPresentationDuration"));
        // Longest segment is 2 s, so the 2 s floor applies.
        assertEquals("PT2.000S", mpd.string("/d:MPD/@minBufferTime"));
        assertEquals("PT2.000S", mpd.string("/d:MPD/@maxSegmentDuration"));
        assertEquals("0", mpd.string("/d:MPD/d:Period/@id"));
        assertEquals("PT0S", mpd.string("/d:MPD/d:Period/@start"));
        assertEquals(1, mpd.elements("/d:MPD/d:Period").size());
    }

    @Test
    void oneVideoSetThenOneAudioSetPerLanguageAndCodecFamily() {
        String sets = "/d:MPD/d:Period/d:AdaptationSet";
        assertEquals(4, mpd.elements(sets).size());
        assertEquals(List.of("0", "1", "2", "3"), mpd.attributes(sets, "id"));
        assertEquals(List.of("video", "audio", "audio", "audio"), mpd.attributes(sets, "contentType"));
        assertEquals(Arrays.asList(null, "en", "fr", "en"), mpd.attributes(sets, "lang"));
        assertEquals(List.of("video/mp4", "audio/mp4", "audio/mp4", "audio/mp4"), mpd.attributes(sets, "mimeType"));
        assertEquals(List.of("video_1080", "video_720", "video_480"),
                mpd.attributes(sets + "[1]/d:Representation", "id"));
        assertEquals(List.of("audio_en", "audio_en_hq"), mpd.attributes(sets + "[2]/d:Representation", "id"));
        assertEquals(List.of("audio_fr"), mpd.attributes(sets + "[3]/d:Representation", "id"));
        assertEquals(List.of("audio_en_51"), mpd.attributes(sets + "[4]/d:Representation", "id"));
    }

    @Test
    void codecsAreOnTheSetWhenCommonElseOnEachRepresentation() {
        String sets = "/d:MPD/d:Period/d:AdaptationSet";
        assertEquals(Arrays.asList(null, "mp4a.40.2", "mp4a.40.2", "ec-3"), mpd.attributes(sets, "codecs"));
        assertEquals(List.of("avc1.640028", "avc1.64001f", "avc1.64001e"),
                mpd.attributes(sets + "[1]/d:Representation", "codecs"));
        assertEquals(Arrays.asList(null, null), mpd.attributes(sets + "[2]/d:Representation", "codecs"));
    }

    @Test
    void bandwidthsAndVideoAttributes() {
        String reps = "//d:Representation";
        assertEquals(List.of("5000000", "3000000", "1200000", "128000", "192000", "128000", "384000"),
                mpd.attributes(reps, "bandwidth"));
        String video = "//d:AdaptationSet[@contentType='video']";
        assertEquals(List.of("1920", "1280", "854"), mpd.attributes(video + "/d:Representation", "width"));
        assertEquals(List.of("1080", "720", "480"), mpd.attributes(video + "/d:Representation", "height"));
        assertEquals(List.of("30000/1001", "30000/1001", "30000/1001"),
                mpd.attributes(video + "/d:Representation", "frameRate"));
        assertEquals(List.of("1:1", "1:1", "1:1"), mpd.attributes(video + "/d:Representation", "sar"));
        assertEquals("1920", mpd.string(video + "/@maxWidth"));
        assertEquals("1080", mpd.string(video + "/@maxHeight"));
        assertEquals("30000/1001", mpd.string(video + "/@maxFrameRate"));
        assertEquals("16:9", mpd.string(video + "/@par"));
    }

    @Test
    void liveAlignmentAndSapSignalling() {
        String sets = "/d:MPD/d:Period/d:AdaptationSet";
        assertEquals(List.of("true", "true", "true", "true"), mpd.attributes(sets, "segmentAlignment"));
        assertEquals(List.of("1", "1", "1", "1"), mpd.attributes(sets, "startWithSAP"));
        assertEquals(Arrays.asList(null, null, null, null), mpd.attributes(sets, "subsegmentAlignment"));
        assertEquals(Arrays.asList(null, null, null, null), mpd.attributes(sets, "subsegmentStartsWithSAP"));
    }

    @Test
    void mainRoleOnTheFirstSetOfEachContentTypeOnly() {
        List<Element> roles = mpd.elements("//d:Role");
        assertEquals(2, roles.size());
        for (Element role : roles) {
            assertEquals("urn:mpeg:dash:role:2011", role.getAttribute("schemeIdUri"));
            assertEquals("main", role.getAttribute("value"));
        }
        assertEquals(List.of("0", "1"), mpd.attributes("//d:AdaptationSet[d:Role]", "id"));
    }

    @Test
    void audioChannelConfigurationPerAudioRepresentation() {
        String acc = "//d:Representation/d:AudioChannelConfiguration";
        assertEquals(List.of("2", "2", "2", "6"), mpd.attributes(acc, "value"));
        assertEquals(List.of("urn:mpeg:dash:23003:3:audio_channel_configuration:2011"),
                mpd.attributes(acc, "schemeIdUri").stream().distinct().toList());
        assertEquals(List.of("48000", "48000", "48000", "48000"),
                mpd.attributes("//d:AdaptationSet[@contentType='audio']/d:Representation", "audioSamplingRate"));
        assertTrue(mpd.elements("//d:AdaptationSet[@contentType='video']//d:AudioChannelConfiguration").isEmpty());
    }

    @Test
    void segmentTemplatePerRepresentationWhoseTimelineExpandsToTheInput() {
        for (RepresentationOutput r : presentation.representations()) {
            Element rep = mpd.element("//d:Representation[@id='" + r.id() + "']");
            assertEquals(List.of("SegmentTemplate"),
                    MpdDom.childNames(rep).stream().filter(n -> !n.equals("AudioChannelConfiguration")).toList());
            Element template = mpd.elements(rep, "d:SegmentTemplate").get(0);
            assertEquals(Long.toString(r.timescale()), template.getAttribute("timescale"));
            assertEquals(r.id() + "/init.mp4", template.getAttribute("initialization"));
            assertEquals(r.id() + "/$Number%05d$.m4s", template.getAttribute("media"));
            assertEquals("1", template.getAttribute("startNumber"));
            assertFalse(template.hasAttribute("presentationTimeOffset"), "0 is left out");
            Element timeline = mpd.elements(template, "d:SegmentTimeline").get(0);
            assertEquals(TimelineExpansion.of(r.segments()), TimelineExpansion.expand(timeline), r.id());
            // 4 segments of 2 s then the short last one.
            assertEquals(2, mpd.elements(timeline, "d:S").size());
        }
    }

    @Test
    void noSegmentBaseOrBaseUrlInTheLiveProfile() {
        assertTrue(mpd.elements("//d:SegmentBase").isEmpty());
        assertTrue(mpd.elements("//d:BaseURL").isEmpty());
    }
}
