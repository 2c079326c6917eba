package io.packager4j.it;

import io.packager4j.Packager;
import io.packager4j.PackagingResult;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.Encryption;
import io.packager4j.crypto.KeyId;
import io.packager4j.hls.HlsOptions;
import io.packager4j.testkit.HeadlessPlayer;
import io.packager4j.testkit.HeadlessPlayer.Player;
import io.packager4j.testkit.PlaybackResult;
import io.packager4j.testkit.SharedTestData;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shaka Player plays the HLS playlists we write over the DASH segments, in headless Chromium:
 * time past 3 s, frames decoded, no player error. Encrypted output plays with its ClearKey key
 * (taken from the playlist's identity key URI, or given to the player) and not with a wrong one.
 */
class HlsPlaybackTest {

    static final Path SUBTITLES_EN = Path.of("src/test/resources/subtitles/en.vtt");
    static final Path SUBTITLES_FR = Path.of("src/test/resources/subtitles/fr.vtt");

    static Stream<Arguments> presentations() {
        return Stream.of(
                Arguments.of("bbb_prog_10s live", OutputProfile.LIVE,
                        (Supplier<List<Path>>) () -> List.of(SharedTestData.mp4ff("bbb_prog_10s.mp4"))),
                Arguments.of("bbb_prog_10s on-demand (byte ranges)", OutputProfile.ON_DEMAND,
                        (Supplier<List<Path>>) () -> List.of(SharedTestData.mp4ff("bbb_prog_10s.mp4"))),
                Arguments.of("ladder of 3 + audio", OutputProfile.LIVE,
                        (Supplier<List<Path>>) () -> Stream.concat(TestClips.ladder().stream(),
                                Stream.of(TestClips.ladderAudio())).toList()),
                Arguments.of("B-frames, audio delayed by an edit list", OutputProfile.LIVE,
                        (Supplier<List<Path>>) () -> List.of(TestClips.editList())),
                Arguments.of("two audio languages, on demand", OutputProfile.ON_DEMAND,
                        (Supplier<List<Path>>) () -> List.of(TestClips.twoAudioLanguages())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presentations")
    void plays(String name, OutputProfile profile, Supplier<List<Path>> inputs, @TempDir Path tmp) throws Exception {
        PackagingResult result = Packager.builder().inputs(inputs.get()).output(tmp.resolve("out"))
                .profile(profile).segmentDuration(Duration.ofSeconds(2)).hls(true).build().run();
        HeadlessPlayer.play(result.outputDirectory(), "master.m3u8", Player.SHAKA, Map.of()).assertPlayed();
    }

    /**
     * The identity key URI carries the key ({@code data:text/plain;base64,...}, which Shaka reads
     * itself); nothing is given to the player, so only the playlist can make it play. A wrong key in
     * the URI must not play.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(ProtectionScheme.class)
    void playsEncryptedWithTheKeyFromThePlaylistOnly(ProtectionScheme scheme, @TempDir Path tmp) throws Exception {
        Path right = packageEncrypted(scheme, dataUri(EncryptedPackagingTest.KEY_HEX), tmp.resolve("right"));
        HeadlessPlayer.play(right, "master.m3u8", Player.SHAKA, Map.of()).assertPlayed();
        Path wrong = packageEncrypted(scheme, dataUri(EncryptedPackagingTest.AUDIO_KEY_HEX), tmp.resolve("wrong"));
        HeadlessPlayer.play(wrong, "master.m3u8", Player.SHAKA, Map.of()).assertFailed();
    }

    /**
     * The key URI is a key server's URL (here the test serves the raw key beside the content, as a
     * key server would), and the player is also given the ClearKey key, as with DASH.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(ProtectionScheme.class)
    void playsEncryptedWithTheClearKeyGivenToThePlayer(ProtectionScheme scheme, @TempDir Path tmp) throws Exception {
        Path out = packageEncrypted(scheme, "keys/content.key", tmp.resolve("out"));
        Files.createDirectories(out.resolve("keys"));
        Files.write(out.resolve("keys/content.key"), HexFormat.of().parseHex(EncryptedPackagingTest.KEY_HEX));
        HeadlessPlayer.play(out, "master.m3u8", Player.SHAKA,
                Map.of(EncryptedPackagingTest.KID_HEX, EncryptedPackagingTest.KEY_HEX)).assertPlayed();
    }

    /** Subtitles from .vtt files are text tracks of the player, in HLS (Shaka) and DASH (both players). */
    @Test
    void subtitlesAreTextTracksInBothManifests(@TempDir Path tmp) throws Exception {
        PackagingResult result = Packager.builder().input(SharedTestData.mp4ff("bbb_prog_10s.mp4"))
                .subtitles(SUBTITLES_EN, "en").subtitles(SUBTITLES_FR, "fr")
                .output(tmp.resolve("out")).segmentDuration(Duration.ofSeconds(2)).hls(true).build().run();
        assertTextTracks(HeadlessPlayer.play(result.outputDirectory(), "master.m3u8", Player.SHAKA, Map.of()));
        for (Player player : Player.values()) {
            assertTextTracks(HeadlessPlayer.play(result.outputDirectory(), "manifest.mpd", player, Map.of()));
        }
    }

    private static void assertTextTracks(PlaybackResult r) {
        r.assertPlayed();
        List<String> languages = r.textTracks().stream().map(PlaybackResult.TextTrack::language).sorted().toList();
        assertEquals(List.of("en", "fr"), languages, "text tracks of " + r.player() + ": " + r.textTracks()
                + "\n" + r.formattedLog());
        assertTrue(r.textTracks().stream().allMatch(t -> t.mimeType() == null || t.mimeType().equals("text/vtt")),
                r.textTracks().toString());
    }

    private static Path packageEncrypted(ProtectionScheme scheme, String keyUri, Path out) throws Exception {
        Encryption encryption = Encryption.builder(scheme)
                .key(KeyId.parse(EncryptedPackagingTest.KID_HEX), ContentKey.parse(EncryptedPackagingTest.KEY_HEX))
                .build();
        return Packager.builder().input(SharedTestData.mp4ff("bbb_prog_10s.mp4")).output(out)
                .segmentDuration(Duration.ofSeconds(2)).encryption(encryption)
                .hls(HlsOptions.builder().keyUri(keyUri).build()).build().run().outputDirectory();
    }

    private static String dataUri(String keyHex) {
        return "data:text/plain;base64," + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(keyHex));
    }
}
