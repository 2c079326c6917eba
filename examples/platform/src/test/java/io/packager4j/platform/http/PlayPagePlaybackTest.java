package io.packager4j.platform.http;

import io.packager4j.Packager;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.Encryption;
import io.packager4j.crypto.KeyId;
import io.packager4j.platform.keys.MasterKey;
import io.packager4j.platform.license.ClearKeyLicenseEndpoint;
import io.packager4j.platform.license.ContentKeyPair;
import io.packager4j.platform.license.LicenseKeys;
import io.packager4j.platform.license.LicenseTokens;
import io.packager4j.testkit.HeadlessPlayer;
import io.packager4j.testkit.PlaybackResult;
import io.packager4j.testkit.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The play page really plays: an encrypted ({@code cenc}) package served by {@link ContentFiles},
 * its key by {@link ClearKeyLicenseEndpoint}, played by Shaka Player in headless Chromium from
 * {@code /play/{id}}; and with a wrong key from the licence server it does not.
 */
class PlayPagePlaybackTest {

    private static final String KEY_HEX = "87237d20a19f58a740c05684e699b4aa";
    private static final String KID_HEX = "a16e402b9056e371f36d348aa62bb749";
    private static final String WRONG_KEY_HEX = "00112233445566778899aabbccddeeff";
    private static final long PACKAGE_ID = 11;

    @Test
    void playsWithTheRightKeyOnly(@TempDir Path tmp) throws Exception {
        Path packages = tmp.resolve("packages");
        Encryption encryption = Encryption.builder(ProtectionScheme.CENC)
                .key(KeyId.parse(KID_HEX), ContentKey.parse(KEY_HEX))
                .build();
        Packager.builder().input(SharedTestData.mp4ff("bbb_prog_10s.mp4"))
                .segmentDuration(Duration.ofSeconds(2))
                .encryption(encryption)
                .output(packages.resolve(Long.toString(PACKAGE_ID)))
                .build().run();

        HexFormat hex = HexFormat.of();
        AtomicReference<byte[]> servedKey = new AtomicReference<>(hex.parseHex(KEY_HEX));
        AtomicInteger licenceRequests = new AtomicInteger();
        LicenseKeys keys = id -> {
            if (id != PACKAGE_ID) {
                return Optional.empty();
            }
            licenceRequests.incrementAndGet();
            return Optional.of(new ContentKeyPair(hex.parseHex(KID_HEX), servedKey.get()));
        };
        LicenseTokens tokens = new LicenseTokens(MasterKey.generate(), Clock.systemUTC(), Duration.ofMinutes(5));
        try (TestServer server = TestServer.start(app -> {
            new ContentFiles(packages).register(app);
            new ClearKeyLicenseEndpoint(tokens, keys).register(app);
            new PlayPage(tokens, id -> id == PACKAGE_ID).register(app);
        })) {
            PlaybackResult played = HeadlessPlayer.playPage(server.uri("/play/" + PACKAGE_ID)).assertPlayed();
            assertTrue(licenceRequests.get() > 0, "the key came from the licence endpoint: " + played.formattedLog());

            servedKey.set(hex.parseHex(WRONG_KEY_HEX));
            licenceRequests.set(0);
            PlaybackResult failed = HeadlessPlayer.playPage(server.uri("/play/" + PACKAGE_ID), 3.5, Duration.ofSeconds(20))
                    .assertFailed();
            assertTrue(licenceRequests.get() > 0, "the wrong key was fetched, so that is why it failed: " + failed.formattedLog());
            // A wrong ClearKey key decrypts to garbage, which the decoder rejects: an error, not just a stall.
            assertNotNull(failed.error(), "playback with a wrong key ends in an error: " + failed.summary());
        }
    }
}
