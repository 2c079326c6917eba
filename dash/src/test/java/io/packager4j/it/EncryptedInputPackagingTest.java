package io.packager4j.it;

import io.packager4j.Packager;
import io.packager4j.PackagingResult;
import io.packager4j.RepresentationResult;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.TrackKind;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.Encryption;
import io.packager4j.crypto.KeyId;
import io.packager4j.crypto.decrypt.DecryptionKeys;
import io.packager4j.testkit.MpdSchemaValidator;
import io.packager4j.testkit.SharedTestData;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Encrypted inputs from another project ({@code ../shared/testdata/mp4ff}, with the keys its
 * README gives) are decrypted while packaging: packaged clear, ffmpeg reads exactly the samples of
 * the reference decryption; re-encrypted with another scheme and key, ffmpeg decrypting with that
 * key reads them too.
 */
class EncryptedInputPackagingTest {

    static Stream<Arguments> encryptedFiles() {
        String zeroKid = "00000000000000000000000000000000";
        return Stream.of(
                Arguments.of("prog_8s_enc_dashinit.mp4", "cd7eb9ff88f34caeb06185b00024e4c2",
                        "63cb5f7184dd4b689a5c5ff11ee6a328", "prog_8s_dec_dashinit.mp4"),
                Arguments.of("cbcs.mp4", zeroKid, "22bdb0063805260307ee5045c0f3835a", "cbcsdec.mp4"),
                Arguments.of("cbcs_audio.mp4", zeroKid, "5ffd93861fa776e96cccd934898fc1c8", "cbcs_audiodec.mp4"));
    }

    @ParameterizedTest(name = "{0} packaged clear")
    @MethodSource("encryptedFiles")
    void decryptsToTheReferenceSamples(String file, String kid, String key, String reference, @TempDir Path tmp)
            throws Exception {
        PackagingResult result = Packager.builder().input(SharedTestData.mp4ff(file)).output(tmp.resolve("out"))
                .decryptionKeys(DecryptionKeys.of(KeyId.parse(kid), ContentKey.parse(key))).build().run();
        MpdSchemaValidator.assertValid(result.manifest());
        assertFalse(result.representations().isEmpty());
        for (RepresentationResult r : result.representations()) {
            EncryptionChecks.assertDecryptsTo(result, r, null, SharedTestData.mp4ff(reference), stream(r));
        }
    }

    @ParameterizedTest(name = "{0} re-encrypted")
    @MethodSource("encryptedFiles")
    void reEncryptsWithAnotherSchemeAndKey(String file, String kid, String key, String reference, @TempDir Path tmp)
            throws Exception {
        // cenc input becomes cbcs output and the other way round.
        ProtectionScheme scheme = file.startsWith("cbcs") ? ProtectionScheme.CENC : ProtectionScheme.CBCS;
        Encryption encryption = Encryption.builder(scheme).key(KeyId.parse(EncryptedPackagingTest.KID_HEX),
                ContentKey.parse(EncryptedPackagingTest.KEY_HEX)).build();
        PackagingResult result = Packager.builder().input(SharedTestData.mp4ff(file)).output(tmp.resolve("out"))
                .decryptionKeys(DecryptionKeys.of(KeyId.parse(kid), ContentKey.parse(key)))
                .encryption(encryption).build().run();
        MpdSchemaValidator.assertValid(result.manifest());
        for (RepresentationResult r : result.representations()) {
            EncryptionChecks.assertDecryptsTo(result, r, EncryptedPackagingTest.KEY_HEX, SharedTestData.mp4ff(reference),
                    stream(r));
            EncryptionChecks.assertProtectionBoxes(result, r, scheme, EncryptedPackagingTest.KID_HEX);
        }
    }

    private static String stream(RepresentationResult r) {
        return r.kind() == TrackKind.VIDEO ? "v:0" : "a:0";
    }
}
