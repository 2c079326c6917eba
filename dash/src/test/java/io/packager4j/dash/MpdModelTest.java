package io.packager4j.dash;

import io.packager4j.core.output.OutputProfile;
import io.packager4j.dash.mpd.AdaptationSet;
import io.packager4j.dash.mpd.ContentProtection;
import io.packager4j.dash.mpd.Descriptor;
import io.packager4j.dash.mpd.LicenseUrl;
import io.packager4j.dash.mpd.Mpd;
import io.packager4j.dash.mpd.MpdMarshaller;
import io.packager4j.dash.mpd.ProgramInformation;
import io.packager4j.dash.mpd.Representation;
import io.packager4j.testkit.MpdSchemaValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The optional parts of the model that MpdWriter does not fill yet (ContentProtection with
 * cenc/dashif children, ProgramInformation, descriptors) serialize in schema order.
 */
class MpdModelTest {

    private static final String KID = "10000000-1000-1000-1000-100000000001";
    private static final String WIDEVINE = "urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed";

    @Test
    void contentProtectionAndOtherOptionalElementsValidateInSchemaOrder(@TempDir Path dir) throws Exception {
        for (OutputProfile profile : OutputProfile.values()) {
            Mpd model = new MpdWriter().toMpd(Fixtures.ladder(profile));
            model.programInformation(new ProgramInformation().lang("en").title("Test & <title>"))
                    .baseUrl("media/");
            AdaptationSet video = model.getPeriods().get(0).getAdaptationSets().get(0);
            video.getContentProtections().add(new ContentProtection("urn:mpeg:dash:mp4protection:2011", "cenc")
                    .defaultKid(KID));
            video.getContentProtections().add(new ContentProtection(WIDEVINE, null)
                    .pssh("AAAAW3Bzc2gAAAAA7e+LqXnWSs6jyCfc1R0h7QAAADsIARIQ")
                    .licenseUrl(new LicenseUrl("https://license.example/wv?a=1&b=2").licenseType("EME-1.0")));
            video.getSupplementalProperties().add(new Descriptor("urn:mpeg:mpegB:cicp:TransferCharacteristics", "1"));
            video.getEssentialProperties().add(new Descriptor("urn:example:essential", "x"));
            Representation audio = model.getPeriods().get(0).getAdaptationSets().get(3).getRepresentations().get(0);
            audio.getContentProtections().add(new ContentProtection("urn:mpeg:dash:mp4protection:2011", "cbcs")
                    .defaultKid(KID));

            byte[] xml = MpdMarshaller.toBytes(model);
            MpdSchemaValidator.assertValid(Files.write(dir.resolve(profile + ".mpd"), xml));
            MpdDom mpd = MpdDom.parse(xml);

            assertEquals(List.of("ProgramInformation", "BaseURL", "Period"), MpdDom.childNames(mpd.root()));
            assertEquals("Test & <title>", mpd.string("/d:MPD/d:ProgramInformation/d:Title"));
            Element videoSet = mpd.element("//d:AdaptationSet[@id='0']");
            assertEquals(List.of("ContentProtection", "ContentProtection", "EssentialProperty",
                            "SupplementalProperty", "Role", "Representation", "Representation", "Representation"),
                    MpdDom.childNames(videoSet));
            assertEquals(KID, mpd.elements("//d:AdaptationSet[@id='0']/d:ContentProtection").get(0)
                    .getAttributeNS("urn:mpeg:cenc:2013", "default_KID"));
            assertEquals("AAAAW3Bzc2gAAAAA7e+LqXnWSs6jyCfc1R0h7QAAADsIARIQ", mpd.string("//cenc:pssh"));
            assertEquals("https://license.example/wv?a=1&b=2", mpd.string("//dashif:Laurl"));
            assertEquals("EME-1.0", mpd.string("//dashif:Laurl/@licenseType"));
            Element audioRep = mpd.element("//d:Representation[@id='audio_en_51']");
            String addressing = profile == OutputProfile.LIVE ? "SegmentTemplate" : "BaseURL";
            assertEquals("AudioChannelConfiguration", MpdDom.childNames(audioRep).get(0));
            assertEquals("ContentProtection", MpdDom.childNames(audioRep).get(1));
            assertEquals(addressing, MpdDom.childNames(audioRep).get(2));
        }
    }
}
