package io.packager4j.cli;

import io.packager4j.testkit.Ffmpeg;
import io.packager4j.testkit.SharedTestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.packager4j.cli.CliAssertions.PACKAGING_FAILED;
import static io.packager4j.cli.CliAssertions.USAGE;
import static io.packager4j.cli.CliAssertions.assertFailedCleanly;
import static io.packager4j.cli.CliAssertions.assertPackaged;
import static io.packager4j.cli.CliAssertions.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The encrypted flow of the original platform through the CLI: key and key ID as it sent them
 * (base64url without padding), checked by ffmpeg decrypting with the key; decryption of an
 * encrypted input; and every bad key argument refused before anything is written, without the key
 * ever appearing in the output.
 */
class CliEncryptionIT {

    /** The original platform's request: {"key": "hyN9IKGfWKdAwFaE5pm0qg", "kid": "oW5AK5BW43HzbTSKpiu3SQ"}. */
    static final String KEY = "hyN9IKGfWKdAwFaE5pm0qg";
    static final String KID = "oW5AK5BW43HzbTSKpiu3SQ";
    static final String KEY_HEX = "87237d20a19f58a740c05684e699b4aa";
    static final String KID_UUID = "a16e402b-9056-e371-f36d-348aa62bb749";

    @TempDir
    Path tmp;

    Path cwd;
    Path parent;
    Path out;

    @BeforeEach
    void createDirectories() throws IOException {
        cwd = Files.createDirectory(tmp.resolve("cwd"));
        parent = Files.createDirectory(tmp.resolve("parent"));
        out = parent.resolve("out");
    }

    @Test
    void encryptsVideoOnlyAsTheOriginalPlatformAsked() {
        Path input = SharedTestData.mp4ff("bbb_prog_10s.mp4");
        CliRunner.Result r = CliRunner.run(cwd, "package", "--input", input.toString(), "--output", out.toString(),
                "--scheme", "cbcs", "--key", KEY, "--kid", KID, "--encrypt", "video",
                "--license-url", "https://keys.example.com/clearkey");

        Mpd mpd = assertPackaged(r, out);
        assertFalse(r.stdout().contains(KEY) || r.stderr().contains(KEY), "the key appeared in the output");
        for (Mpd.AdaptationSet set : mpd.adaptationSets) {
            List<Element> protections = Mpd.children(set.element(), "ContentProtection");
            Mpd.Representation rep = set.representations().get(0);
            List<Path> files = rep.files().stream().map(out::resolve).toList();
            if (set.contentType().equals("video")) {
                assertEquals("cbcs", protections.get(0).getAttribute("value"));
                assertEquals(KID_UUID, protections.get(0).getAttributeNS("urn:mpeg:cenc:2013", "default_KID"));
                assertEquals(Ffmpeg.packetHashes(input, "v:0"), Ffmpeg.packetHashes(files, "v:0", KEY_HEX),
                        "ffmpeg decrypting with the key reads the source's samples");
                assertNotEquals(Ffmpeg.packetHashes(input, "v:0"), Ffmpeg.packetHashes(files, "v:0", null));
            } else {
                assertTrue(protections.isEmpty(), "audio stays clear with --encrypt video");
                assertEquals(Ffmpeg.packetHashes(input, "a:0"), Ffmpeg.packetHashes(files, "a:0", null));
            }
        }
    }

    @Test
    void decryptsAnEncryptedInput() {
        Path input = SharedTestData.mp4ff("cbcs.mp4");
        CliRunner.Result r = CliRunner.run(cwd, "package", "--input", input.toString(), "--output", out.toString(),
                "--decryption-key", "00000000000000000000000000000000:22bdb0063805260307ee5045c0f3835a");

        Mpd mpd = assertPackaged(r, out);
        Mpd.Representation video = mpd.adaptationSets("video").get(0).representations().get(0);
        List<Path> files = video.files().stream().map(out::resolve).toList();
        assertEquals(Ffmpeg.packetHashes(SharedTestData.mp4ff("cbcsdec.mp4"), "v:0"),
                Ffmpeg.packetHashes(files, "v:0", null), "the clear output carries the reference decryption's samples");
    }

    @Test
    void encryptedInputWithoutItsKey() {
        assertFails(List.of("--input", SharedTestData.mp4ff("prog_8s_enc_dashinit.mp4").toString()),
                PACKAGING_FAILED, "cd7eb9ff88f34caeb06185b00024e4c2");
    }

    @Test
    void keyOfTheWrongLengthIsRefusedWithoutEchoingIt() {
        String badKey = "87237d20a19f58a740c05684e699b4";
        CliRunner.Result r = assertFails(withInput("--key", badKey, "--kid", KID), USAGE, "--key");
        assertFalse(r.stderr().contains(badKey), "the key text appeared in the error");
    }

    @Test
    void keyIdThatIsNotHexBase64OrUuid() {
        assertFails(withInput("--key", KEY, "--kid", "not-a-key-id!"), USAGE, "--kid");
    }

    @Test
    void keyWithoutKeyId() {
        assertFails(withInput("--key", KEY), USAGE, "--kid");
    }

    @Test
    void schemeWithoutAnyKey() {
        assertFails(withInput("--scheme", "cbcs"), USAGE, "no key to encrypt video with");
    }

    @Test
    void unknownScheme() {
        assertFails(withInput("--scheme", "cens", "--key", KEY, "--kid", KID), USAGE, "'cenc' or 'cbcs'");
    }

    @Test
    void psshWithAnUnknownSystem() {
        assertFails(withInput("--key", KEY, "--kid", KID, "--pssh", "fairplay-ish:AAAA"), USAGE, "DRM system ID");
    }

    @Test
    void psshThatIsNotBase64() {
        assertFails(withInput("--key", KEY, "--kid", KID, "--pssh", "widevine:%%%"), USAGE, "base64");
    }

    @Test
    void psshBoxOfAnotherSystem() {
        // A version 0 pssh box of the Common system given as Widevine's.
        String commonBox = "AAAAIHBzc2gAAAAAEHfv7MCyTQKs4zweUuL7SwAAAAA=";
        assertFails(withInput("--key", KEY, "--kid", KID, "--pssh", "widevine:" + commonBox), USAGE, "SystemID");
    }

    @Test
    void malformedDecryptionKey() {
        CliRunner.Result r = assertFails(withInput("--decryption-key", KEY_HEX), USAGE, "KID:KEY");
        assertFalse(r.stderr().contains(KEY_HEX), "the key text appeared in the error");
    }

    private List<String> withInput(String... flags) {
        List<String> args = new ArrayList<>(List.of("--input", SharedTestData.mp4ff("bbb_prog_10s.mp4").toString()));
        args.addAll(List.of(flags));
        return args;
    }

    private CliRunner.Result assertFails(List<String> flags, int exit, String phrase) {
        List<String> args = new ArrayList<>(List.of("package", "--output", out.toString()));
        args.addAll(flags);
        Set<String> before = list(parent);
        CliRunner.Result r = CliRunner.run(cwd, args);
        assertFailedCleanly(r, exit, phrase, out, before);
        assertFalse(r.stderr().contains(KEY), "the key appeared in the error output");
        return r;
    }
}
