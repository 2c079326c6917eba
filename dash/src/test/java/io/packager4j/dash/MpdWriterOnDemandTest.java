package io.packager4j.dash;

import io.packager4j.core.output.OutputProfile;
import io.packager4j.core.output.PresentationOutput;
import io.packager4j.core.output.RepresentationOutput;
import io.packager4j.testkit.MpdSchemaValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MpdWriterOnDemandTest {

    private final PresentationOutput presentation = Fixtures.ladder(OutputProfile.ON_DEMAND);
    private final byte[] xml = new MpdWriter().toBytes(presentation);
    private final MpdDom mpd = MpdDom.parse(xml);

    @Test
    void validatesAgainstTheOfficialSchema(@TempDir Path dir) throws Exception {
        MpdSchemaValidator.assertValid(Files.write(dir.resolve("vod.mpd"), xml));
    }

    @Test
    void onDemandProfileAndSubsegmentSignalling() {
        assertEquals("urn:mpeg:dash:profile:isoff-on-demand:2011", mpd.string("/d:MPD/@profiles"));
        String sets = "/d:MPD/d:Period/d:AdaptationSet";
        assertEquals(4, mpd.elements(sets).size());
        assertEquals(List.of("true", "true", "true", "true"), mpd.attributes(sets, "subsegmentAlignment"));
        assertEquals(List.of("1", "1", "1", "1"), mpd.attributes(sets, "subsegmentStartsWithSAP"));
        assertEquals(Arrays.asList(null, null, null, null), mpd.attributes(sets, "segmentAlignment"));
        assertEquals(Arrays.asList(null, null, null, null), mpd.attributes(sets, "startWithSAP"));
    }

    @Test
    void baseUrlAndSegmentBasePerRepresentation() {
        assertTrue(mpd.elements("//d:SegmentTemplate").isEmpty());
        for (RepresentationOutput r : presentation.representations()) {
            Element rep = mpd.element("//d:Representation[@id='" + r.id() + "']");
            List<String> children = MpdDom.childNames(rep);
            assertEquals(List.of("BaseURL", "SegmentBase"),
                    children.stream().filter(n -> !n.equals("AudioChannelConfiguration")).toList());
            assertEquals(r.id() + ".mp4", mpd.elements(rep, "d:BaseURL").get(0).getTextContent());
            Element base = mpd.elements(rep, "d:SegmentBase").get(0);
            assertEquals(Long.toString(r.timescale()), base.getAttribute("timescale"));
            assertEquals(r.indexRange(), base.getAttribute("indexRange"));
            assertFalse(base.hasAttribute("presentationTimeOffset"));
            assertEquals(r.initRange(), mpd.elements(base, "d:Initialization").get(0).getAttribute("range"));
        }
    }

    @Test
    void audioChannelConfigurationPrecedesBaseUrl() {
        Element rep = mpd.element("//d:Representation[@id='audio_en_51']");
        assertEquals(List.of("AudioChannelConfiguration", "BaseURL", "SegmentBase"), MpdDom.childNames(rep));
    }
}
