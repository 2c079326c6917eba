package io.packager4j.it;

import io.packager4j.Packager;
import io.packager4j.PackagingResult;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.DrmSystems;
import io.packager4j.crypto.EncryptedTracks;
import io.packager4j.crypto.Encryption;
import io.packager4j.crypto.KeyId;
import io.packager4j.crypto.PsshData;
import io.packager4j.crypto.decrypt.DecryptionKeys;
import io.packager4j.hls.HlsOptions;
import io.packager4j.testkit.HlsParser;
import io.packager4j.testkit.MpdSchemaValidator;
import io.packager4j.testkit.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Encrypted" and "DASH and HLS from one run" API examples, kept here in the same
 * words so that they compile and run; change both together.
 */
class ReadmeExamplesTest {

    @Test
    void encryptedExampleRuns(@TempDir Path tmp) throws Exception {
        Path movie = SharedTestData.mp4ff("bbb_prog_10s.mp4");
        byte[] widevineHeader = {0x12, 0x10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        Path out = tmp.resolve("out");

        Encryption encryption = Encryption.builder(ProtectionScheme.CBCS)      // or CENC
                .key(KeyId.parse("oW5AK5BW43HzbTSKpiu3SQ"),                       // hex, UUID, base64 or base64url
                     ContentKey.parse("hyN9IKGfWKdAwFaE5pm0qg"))
                .tracks(EncryptedTracks.VIDEO)                                   // ALL (default), VIDEO or AUDIO
                .clearLead(Duration.ofSeconds(4))                                // default: none
                .clearKeyLicenseUrl("https://keys.example.com/clearkey")         // dashif:Laurl
                .pssh(PsshData.of(DrmSystems.WIDEVINE, widevineHeader))          // cenc:pssh + pssh box
                .build();
        Packager.builder().input(movie).encryption(encryption).output(out).build().run();

        MpdSchemaValidator.assertValid(out.resolve("manifest.mpd"));
        assertTrue(Files.readString(out.resolve("manifest.mpd")).contains("value=\"cbcs\""));
    }

    @Test
    void dashAndHlsExampleRuns(@TempDir Path tmp) throws Exception {
        Path movie = SharedTestData.mp4ff("bbb_prog_10s.mp4");
        Path subtitles = Path.of("src/test/resources/subtitles/en.vtt");
        Logger log = LoggerFactory.getLogger(ReadmeExamplesTest.class);

        PackagingResult result = Packager.builder()
                .input(movie)
                .subtitles(subtitles, "en")                     // WebVTT: a text track in both manifests
                .hls(true)                                      // also master.m3u8, over the same segments
                .output(tmp.resolve("out"))
                .build().run();
        log.info("DASH {}, HLS {}", result.manifest(), result.hlsPlaylist());   // out/manifest.mpd, out/master.m3u8

        // Encrypted: cbcs is signalled as METHOD=SAMPLE-AES, cenc as SAMPLE-AES-CTR.
        Packager.builder().input(movie)
                .encryption(Encryption.cbcs(KeyId.parse("a16e402b9056e371f36d348aa62bb749"),
                        ContentKey.parse("87237d20a19f58a740c05684e699b4aa")))
                .hls(HlsOptions.builder()
                        .keyUri("https://keys.example.com/a16e402b")   // EXT-X-KEY and EXT-X-SESSION-KEY URI
                        .keyFormat("identity")                         // the default; KEYFORMATVERSIONS="1"
                        .build())
                .output(tmp.resolve("out-encrypted")).build().run();

        MpdSchemaValidator.assertValid(result.manifest());
        HlsParser.Result hls = HlsParser.parse(result.outputDirectory(), "master.m3u8");
        assertEquals("en", hls.master().variants().get(0).subtitles().get(0).language());
        HlsParser.Result encrypted = HlsParser.parse(tmp.resolve("out-encrypted"), "master.m3u8");
        assertEquals("SAMPLE-AES", encrypted.master().sessionKeys().get(0).method());
        assertEquals("https://keys.example.com/a16e402b", encrypted.master().sessionKeys().get(0).uri());
    }

    @Test
    void decryptionExampleRuns(@TempDir Path tmp) throws Exception {
        Path encrypted = SharedTestData.mp4ff("prog_8s_enc_dashinit.mp4");
        String kid = "cd7eb9ff88f34caeb06185b00024e4c2";
        String key = "63cb5f7184dd4b689a5c5ff11ee6a328";

        PackagingResult result = Packager.builder().input(encrypted)
                .decryptionKeys(DecryptionKeys.of(KeyId.parse(kid), ContentKey.parse(key)))
                .output(tmp.resolve("clear")).build().run();

        MpdSchemaValidator.assertValid(result.manifest());
        assertTrue(!Files.readString(result.manifest()).contains("ContentProtection"), "the output is clear");
    }
}
