package io.packager4j.it;

import io.packager4j.Packager;
import io.packager4j.PackagingException;
import io.packager4j.PackagingResult;
import io.packager4j.RepresentationResult;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.DrmSystems;
import io.packager4j.crypto.EncryptedTracks;
import io.packager4j.crypto.Encryption;
import io.packager4j.crypto.KeyId;
import io.packager4j.crypto.PsshData;
import io.packager4j.testkit.Ffmpeg;
import io.packager4j.testkit.MpdSchemaValidator;
import io.packager4j.testkit.SharedTestData;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.packager4j.it.BoxPaths.u32;
import static io.packager4j.it.BoxPaths.u8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encrypted output checked by an independent decryptor: ffmpeg, given the key, reads exactly the
 * source's coded samples and decodes the same frames; without the key it cannot. The MPD validates
 * and signals the scheme, key ID and DRM systems; the boxes say what CENC requires.
 */
class EncryptedPackagingTest {

    /** The key and key ID of the original platform's requests, in its base64url form. */
    static final String KEY_B64URL = "hyN9IKGfWKdAwFaE5pm0qg";
    static final String KID_B64URL = "oW5AK5BW43HzbTSKpiu3SQ";
    static final String KEY_HEX = "87237d20a19f58a740c05684e699b4aa";
    static final String KID_HEX = "a16e402b9056e371f36d348aa62bb749";
    static final String AUDIO_KEY_HEX = "00112233445566778899aabbccddeeff";
    static final String AUDIO_KID_HEX = "ffeeddccbbaa99887766554433221100";

    static Stream<Arguments> inputsAndSchemes() {
        Stream.Builder<Arguments> b = Stream.builder();
        List<Object[]> inputs = List.of(
                new Object[] {"bbb_prog_10s (H.264 + AAC)", (Supplier<Path>) () -> SharedTestData.mp4ff("bbb_prog_10s.mp4")},
                new Object[] {"H.264 with B-frames + AAC", (Supplier<Path>) TestClips::bFrames},
                new Object[] {"HEVC + AAC", (Supplier<Path>) TestClips::hevc},
                new Object[] {"nal_hevc (1080p HEVC)", (Supplier<Path>) () -> SharedTestData.mp4ff("nal_hevc.mp4")},
                new Object[] {"nal_h264 (1080p H.264)", (Supplier<Path>) () -> SharedTestData.mp4ff("nal_h264.mp4")});
        for (Object[] input : inputs) {
            for (ProtectionScheme scheme : ProtectionScheme.values()) {
                b.add(Arguments.of(input[0], input[1], scheme));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("inputsAndSchemes")
    void decryptsToTheSourceSamplesAndIsUnreadableWithoutTheKey(String name, Supplier<Path> input,
            ProtectionScheme scheme, @TempDir Path tmp) throws Exception {
        Encryption encryption = Encryption.builder(scheme)
                .key(KeyId.parse(KID_B64URL), ContentKey.parse(KEY_B64URL)).build();
        PackagingResult result = Packager.builder().input(input.get()).output(tmp.resolve("out"))
                .segmentDuration(Duration.ofSeconds(2)).encryption(encryption).build().run();

        MpdSchemaValidator.assertValid(result.manifest());
        assertSignalled(result, scheme, KID_HEX);
        for (RepresentationResult r : result.representations()) {
            EncryptionChecks.assertDecryptsToSource(result, r, KEY_HEX);
            EncryptionChecks.assertUnreadableWithoutKey(result, r);
            EncryptionChecks.assertProtectionBoxes(result, r, scheme, KID_HEX);
        }
    }

    @Test
    void onDemandProfileWithSixteenByteIvs(@TempDir Path tmp) throws Exception {
        Encryption encryption = Encryption.builder(ProtectionScheme.CENC).ivSize(16)
                .key(KeyId.parse(KID_HEX), ContentKey.parse(KEY_HEX)).build();
        PackagingResult result = Packager.builder().input(SharedTestData.mp4ff("bbb_prog_10s.mp4"))
                .output(tmp.resolve("out")).profile(OutputProfile.ON_DEMAND).encryption(encryption).build().run();
        MpdSchemaValidator.assertValid(result.manifest());
        for (RepresentationResult r : result.representations()) {
            EncryptionChecks.assertDecryptsToSource(result, r, KEY_HEX);
            EncryptionChecks.assertProtectionBoxes(result, r, ProtectionScheme.CENC, KID_HEX);
        }
    }

    @Test
    void everyIvIsUniqueAcrossTracksSharingTheKey(@TempDir Path tmp) throws Exception {
        PackagingResult result = Packager.builder().input(SharedTestData.mp4ff("bbb_prog_10s.mp4"))
                .output(tmp.resolve("out")).segmentDuration(Duration.ofSeconds(2))
                .encryption(Encryption.cenc(KeyId.parse(KID_HEX), ContentKey.parse(KEY_HEX))).build().run();
        Set<String> ivs = new HashSet<>();
        int samples = 0;
        for (RepresentationResult r : result.representations()) {
            for (byte[] iv : EncryptionChecks.sencIvs(result, r, 8)) {
                samples++;
                assertTrue(ivs.add(Base64.getEncoder().encodeToString(iv)), r.id() + ": an IV was used twice");
            }
        }
        assertTrue(samples > 500, "samples with IVs: " + samples);
    }

    @Test
    void separateKeysPerTrackType(@TempDir Path tmp) throws Exception {
        Encryption encryption = Encryption.builder(ProtectionScheme.CBCS)
                .videoKey(KeyId.parse(KID_HEX), ContentKey.parse(KEY_HEX))
                .audioKey(KeyId.parse(AUDIO_KID_HEX), ContentKey.parse(AUDIO_KEY_HEX)).build();
        PackagingResult result = Packager.builder().input(SharedTestData.mp4ff("bbb_prog_10s.mp4"))
                .output(tmp.resolve("out")).encryption(encryption).build().run();
        MpdSchemaValidator.assertValid(result.manifest());
        for (RepresentationResult r : result.representations()) {
            boolean video = r.kind() == TrackKind.VIDEO;
            EncryptionChecks.assertDecryptsToSource(result, r, video ? KEY_HEX : AUDIO_KEY_HEX);
            EncryptionChecks.assertProtectionBoxes(result, r, ProtectionScheme.CBCS, video ? KID_HEX : AUDIO_KID_HEX);
        }
        MpdDom mpd = MpdDom.read(result.manifest());
        List<String> kids = new ArrayList<>();
        for (Element set : mpd.adaptationSets()) {
            kids.add(mp4Protection(set).getAttributeNS(EncryptionChecks.CENC_NS, "default_KID"));
        }
        assertEquals(List.of(uuid(KID_HEX), uuid(AUDIO_KID_HEX)), kids);
    }

    @Test
    void videoOnlyLeavesTheAudioClear(@TempDir Path tmp) throws Exception {
        Encryption encryption = Encryption.builder(ProtectionScheme.CENC).tracks(EncryptedTracks.VIDEO)
                .key(KeyId.parse(KID_HEX), ContentKey.parse(KEY_HEX)).build();
        PackagingResult result = Packager.builder().input(SharedTestData.mp4ff("bbb_prog_10s.mp4"))
                .output(tmp.resolve("out")).encryption(encryption).build().run();
        MpdDom mpd = MpdDom.read(result.manifest());
        for (Element set : mpd.adaptationSets()) {
            boolean video = set.getAttribute("contentType").equals("video");
            assertEquals(video, !MpdDom.elements(set, "ContentProtection").isEmpty(), set.getAttribute("contentType"));
        }
        for (RepresentationResult r : result.representations()) {
            if (r.kind() == TrackKind.AUDIO) {
                OutputChecks.assertSampleIdentical(result, r); // read without any key
                byte[] init = Files.readAllBytes(OutputChecks.representationFiles(result, r).get(0));
                assertTrue(BoxPaths.find(init, "moov/trak/mdia/minf/stbl/stsd/mp4a").size() == 1, "clear audio entry");
            } else {
                EncryptionChecks.assertDecryptsToSource(result, r, KEY_HEX);
                EncryptionChecks.assertUnreadableWithoutKey(result, r);
            }
        }
    }

    @Test
    void clearLeadSegmentsAreClearAndUseTheClearSampleEntry(@TempDir Path tmp) throws Exception {
        Encryption encryption = Encryption.builder(ProtectionScheme.CENC).clearLead(Duration.ofSeconds(3))
                .key(KeyId.parse(KID_HEX), ContentKey.parse(KEY_HEX)).build();
        PackagingResult result = Packager.builder().input(SharedTestData.mp4ff("bbb_prog_10s.mp4"))
                .output(tmp.resolve("out")).segmentDuration(Duration.ofSeconds(2)).encryption(encryption).build().run();
        for (RepresentationResult r : result.representations()) {
            List<Path> files = OutputChecks.representationFiles(result, r);
            byte[] init = Files.readAllBytes(files.get(0));
            String entry = r.kind() == TrackKind.VIDEO ? "avc1" : "mp4a";
            assertEquals(1, BoxPaths.find(init, "moov/trak/mdia/minf/stbl/stsd/" + entry).size(),
                    r.id() + ": the clear sample entry follows the protected one");
            int clearSegments = 0;
            for (Path segment : files.subList(1, files.size())) {
                byte[] seg = Files.readAllBytes(segment);
                boolean clear = BoxPaths.find(seg, "moof/traf/senc").isEmpty();
                BoxPaths.Box tfhd = BoxPaths.find(seg, "moof/traf/tfhd").get(0);
                boolean selectsSecondEntry = (u32(seg, tfhd.payloadOffset()) & 0x2) != 0
                        && u32(seg, tfhd.payloadOffset() + 8) == 2;
                assertEquals(clear, selectsSecondEntry, segment + ": clear fragments select the clear entry");
                clearSegments += clear ? 1 : 0;
            }
            // Segments of about 2 s: those starting at 0 and about 2 s are inside the 3 s lead.
            assertEquals(2, clearSegments, r.id() + ": clear segments");
            EncryptionChecks.assertDecryptsToSource(result, r, KEY_HEX);
        }
    }

    @Test
    void signalsClearKeyLicenseUrlAndCallerPssh(@TempDir Path tmp) throws Exception {
        byte[] widevineData = {0x12, 0x10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        Encryption encryption = Encryption.builder(ProtectionScheme.CBCS)
                .key(KeyId.parse(KID_HEX), ContentKey.parse(KEY_HEX))
                .clearKeyLicenseUrl("https://license.example.com/clearkey")
                .pssh(PsshData.of(DrmSystems.WIDEVINE, widevineData)).build();
        PackagingResult result = Packager.builder().input(SharedTestData.mp4ff("bbb_prog_10s.mp4"))
                .output(tmp.resolve("out")).encryption(encryption).build().run();
        MpdSchemaValidator.assertValid(result.manifest());
        Element video = MpdDom.read(result.manifest()).adaptationSets().get(0);
        Element clearKey = protection(video, DrmSystems.CLEAR_KEY.toString());
        Element laurl = (Element) clearKey.getElementsByTagNameNS(EncryptionChecks.DASHIF_NS, "Laurl").item(0);
        assertEquals("https://license.example.com/clearkey", laurl.getTextContent());
        assertEquals("EME-1.0", laurl.getAttribute("licenseType"));
        Element widevine = protection(video, DrmSystems.WIDEVINE.toString());
        byte[] pssh = Base64.getDecoder().decode(
                widevine.getElementsByTagNameNS(EncryptionChecks.CENC_NS, "pssh").item(0).getTextContent());
        byte[] init = Files.readAllBytes(OutputChecks.representationFiles(result, result.representations().get(0)).get(0));
        List<BoxPaths.Box> initPssh = BoxPaths.find(init, "moov/pssh");
        assertEquals(2, initPssh.size(), "Common PSSH and Widevine in the init segment");
        BoxPaths.Box wv = initPssh.get(1);
        assertEquals(java.util.Arrays.toString(pssh),
                java.util.Arrays.toString(java.util.Arrays.copyOfRange(init, wv.offset(), wv.end())),
                "the MPD's cenc:pssh is the init segment's box");
        assertEquals(widevineData.length, u32(pssh, 28), "pssh DataSize");
    }

    @Test
    void encryptedInputWithoutItsKeyIsRefusedNamingTheKeyId(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        PackagingException e = assertThrows(PackagingException.class, () -> Packager.builder()
                .input(SharedTestData.mp4ff("prog_8s_enc_dashinit.mp4")).output(out).build().run());
        assertTrue(e.getMessage().contains("is encrypted (cenc, key ID cd7eb9ff88f34caeb06185b00024e4c2)"), e.getMessage());
        assertEquals(0, tmp.toFile().list().length, "nothing written, no staging directory left");
    }

    private static void assertSignalled(PackagingResult result, ProtectionScheme scheme, String kidHex) throws Exception {
        for (Element set : MpdDom.read(result.manifest()).adaptationSets()) {
            Element mp4 = mp4Protection(set);
            assertEquals(scheme.fourCC(), mp4.getAttribute("value"));
            assertEquals(uuid(kidHex), mp4.getAttributeNS(EncryptionChecks.CENC_NS, "default_KID"));
            Element first = MpdDom.elements(set, "ContentProtection").get(0);
            assertEquals(mp4, first, "mp4protection comes first");
            assertEquals("ClearKey1.0", protection(set, DrmSystems.CLEAR_KEY.toString()).getAttribute("value"));
            Element common = protection(set, DrmSystems.COMMON.toString());
            byte[] pssh = Base64.getDecoder().decode(
                    common.getElementsByTagNameNS(EncryptionChecks.CENC_NS, "pssh").item(0).getTextContent());
            assertEquals(1, u8(pssh, 8), "Common PSSH is version 1");
            assertEquals(1, u32(pssh, 28), "one KID");
            assertEquals(kidHex, EncryptionChecks.hex(java.util.Arrays.copyOfRange(pssh, 32, 48)));
        }
    }

    static Element mp4Protection(Element set) {
        return protection(set, "urn:mpeg:dash:mp4protection:2011");
    }

    static Element protection(Element set, String schemeOrUuid) {
        String scheme = schemeOrUuid.startsWith("urn:") ? schemeOrUuid : "urn:uuid:" + schemeOrUuid;
        return MpdDom.elements(set, "ContentProtection").stream()
                .filter(e -> e.getAttribute("schemeIdUri").equalsIgnoreCase(scheme)).findFirst()
                .orElseThrow(() -> new AssertionError("no ContentProtection " + scheme));
    }

    static String uuid(String hex) {
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
