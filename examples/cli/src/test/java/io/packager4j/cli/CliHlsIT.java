package io.packager4j.cli;

import io.packager4j.testkit.HlsParser;
import io.packager4j.testkit.SharedTestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.packager4j.cli.CliAssertions.assertFailedCleanly;
import static io.packager4j.cli.CliAssertions.assertPackaged;
import static io.packager4j.cli.CliAssertions.list;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code package --hls} and {@code --subtitles}: DASH and HLS from one run, over one set of files. */
class CliHlsIT {

    private static final String VTT = "WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n\n00:02.000 --> 00:05.000\nWorld\n";
    private static final String KID = "a16e402b9056e371f36d348aa62bb749";
    private static final String KEY = "87237d20a19f58a740c05684e699b4aa";

    @TempDir
    Path tmp;

    Path cwd;
    Path vtt;

    @BeforeEach
    void setUp() throws IOException {
        cwd = Files.createDirectory(tmp.resolve("cwd"));
        vtt = Files.writeString(tmp.resolve("movie.de.vtt"), VTT);
    }

    @Test
    void writesMasterPlaylistBesideTheMpdWithSubtitlesInBoth() throws IOException {
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run(cwd, "package", "--input", SharedTestData.mp4ff("bbb_prog_10s.mp4").toString(),
                "--output", out.toString(), "--hls", "--subtitles", vtt + ":de", "--segment-duration", "2");

        Mpd mpd = assertPackaged(r, out);
        assertTrue(r.stdout().contains("wrote " + out.toAbsolutePath().resolve("master.m3u8")), r.describe());
        assertEquals(1, mpd.adaptationSets("text").size(), "a text AdaptationSet");
        HlsParser.Result hls = HlsParser.parse(out, "master.m3u8");
        HlsParser.Variant variant = hls.master().variants().get(0);
        assertEquals("de", variant.subtitles().get(0).language());
        assertEquals(mpd.representations().stream().filter(rep -> rep.contentType().equals("video")).findFirst()
                .orElseThrow().segmentCount(), hls.playlists().get(variant.uri()).segments().size(),
                "the HLS variant lists the MPD's segments");
        String vttUri = hls.playlists().get(variant.subtitles().get(0).uri()).segments().get(0).uri();
        assertEquals(mpd.adaptationSets("text").get(0).representations().get(0).files(), List.of(vttUri));
        assertArrayEquals(Files.readAllBytes(vtt), Files.readAllBytes(out.resolve(vttUri)));
    }

    @Test
    void encryptedHlsCarriesTheKeyUriAndFormat() {
        Path out = tmp.resolve("enc");
        CliRunner.Result r = CliRunner.run(cwd, "package", "--input", SharedTestData.mp4ff("bbb_prog_10s.mp4").toString(),
                "--output", out.toString(), "--scheme", "cbcs", "--key", KEY, "--kid", KID,
                "--hls", "--hls-key-uri", "https://keys.example.com/" + KID);

        assertPackaged(r, out);
        HlsParser.Result hls = HlsParser.parse(out, "master.m3u8");
        assertEquals(List.of(new HlsParser.Key("SAMPLE-AES", "https://keys.example.com/" + KID, "identity", "1", false)),
                hls.master().sessionKeys());
        for (HlsParser.Media media : hls.playlists().values()) {
            media.segments().forEach(s -> assertEquals("SAMPLE-AES", s.key().method()));
        }
    }

    @Test
    void encryptedHlsWithoutKeyUriIsAUsageError() {
        Path out = tmp.resolve("no-key-uri");
        Set<String> before = list(tmp);
        CliRunner.Result r = CliRunner.run(cwd, "package", "--input", SharedTestData.mp4ff("bbb_prog_10s.mp4").toString(),
                "--output", out.toString(), "--key", KEY, "--kid", KID, "--hls");
        assertFailedCleanly(r, CliAssertions.USAGE, "--hls with encryption needs --hls-key-uri", out, before);
    }

    @Test
    void aBadSubtitleFileFailsNamingItsLine() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.vtt"), "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nSRT\n");
        Path out = tmp.resolve("bad-subs");
        Set<String> before = list(tmp);
        CliRunner.Result r = CliRunner.run(cwd, "package", "--input", SharedTestData.mp4ff("bbb_prog_10s.mp4").toString(),
                "--output", out.toString(), "--hls", "--subtitles", bad + ":en");
        assertFailedCleanly(r, CliAssertions.PACKAGING_FAILED, bad + ": line 3: bad cue timing", out, before);
    }
}
