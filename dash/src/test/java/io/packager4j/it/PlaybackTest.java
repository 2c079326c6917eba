package io.packager4j.it;

import io.packager4j.Packager;
import io.packager4j.PackagingResult;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.Encryption;
import io.packager4j.crypto.KeyId;
import io.packager4j.testkit.HeadlessPlayer;
import io.packager4j.testkit.HeadlessPlayer.Player;
import io.packager4j.testkit.SharedTestData;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Real players in headless Chromium (Shaka Player and dash.js from npm) play what we write: the
 * current time passes 3 s, frames are decoded, and no player error is raised — all three.
 */
class PlaybackTest {

    static Stream<Arguments> presentations() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Player player : Player.values()) {
            b.add(Arguments.of("bbb_prog_10s live", player, OutputProfile.LIVE,
                    (Supplier<List<Path>>) () -> List.of(SharedTestData.mp4ff("bbb_prog_10s.mp4"))));
            b.add(Arguments.of("bbb_prog_10s on-demand", player, OutputProfile.ON_DEMAND,
                    (Supplier<List<Path>>) () -> List.of(SharedTestData.mp4ff("bbb_prog_10s.mp4"))));
            b.add(Arguments.of("prog_8s live", player, OutputProfile.LIVE,
                    (Supplier<List<Path>>) () -> List.of(SharedTestData.mp4ff("prog_8s.mp4"))));
            b.add(Arguments.of("v300_multiple_segments (fragmented input)", player, OutputProfile.LIVE,
                    (Supplier<List<Path>>) () -> List.of(SharedTestData.mp4ff("v300_multiple_segments.mp4"))));
            b.add(Arguments.of("ladder of 3 + audio", player, OutputProfile.LIVE,
                    (Supplier<List<Path>>) () -> Stream.concat(TestClips.ladder().stream(),
                            Stream.of(TestClips.ladderAudio())).toList()));
            b.add(Arguments.of("B-frames, audio delayed by an edit list", player, OutputProfile.LIVE,
                    (Supplier<List<Path>>) () -> List.of(TestClips.editList())));
            b.add(Arguments.of("two audio languages", player, OutputProfile.LIVE,
                    (Supplier<List<Path>>) () -> List.of(TestClips.twoAudioLanguages())));
        }
        return b.build();
    }

    static Stream<Arguments> encrypted() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Player player : Player.values()) {
            for (ProtectionScheme scheme : ProtectionScheme.values()) {
                b.add(Arguments.of(scheme, player));
            }
        }
        return b.build();
    }

    /**
     * Encrypted video and audio, no clear lead: plays with the ClearKey key, and fails with a wrong
     * one (with a clear lead the clear part would play and prove nothing).
     */
    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("encrypted")
    void playsEncryptedWithTheKeyOnly(ProtectionScheme scheme, Player player, @TempDir Path tmp) throws Exception {
        Encryption encryption = Encryption.builder(scheme)
                .key(KeyId.parse(EncryptedPackagingTest.KID_HEX), ContentKey.parse(EncryptedPackagingTest.KEY_HEX))
                .build();
        PackagingResult result = Packager.builder().input(SharedTestData.mp4ff("bbb_prog_10s.mp4"))
                .output(tmp.resolve("out")).segmentDuration(Duration.ofSeconds(2)).encryption(encryption).build().run();
        HeadlessPlayer.play(result.outputDirectory(), "manifest.mpd", player,
                Map.of(EncryptedPackagingTest.KID_HEX, EncryptedPackagingTest.KEY_HEX)).assertPlayed();
        HeadlessPlayer.play(result.outputDirectory(), "manifest.mpd", player,
                Map.of(EncryptedPackagingTest.KID_HEX, EncryptedPackagingTest.AUDIO_KEY_HEX)).assertFailed();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("presentations")
    void plays(String name, Player player, OutputProfile profile, Supplier<List<Path>> inputs, @TempDir Path tmp)
            throws Exception {
        PackagingResult result = Packager.builder().inputs(inputs.get()).output(tmp.resolve("out"))
                .profile(profile).segmentDuration(Duration.ofSeconds(2)).build().run();
        HeadlessPlayer.play(result.outputDirectory(), "manifest.mpd", player, Map.of()).assertPlayed();
    }
}
