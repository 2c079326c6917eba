package io.packager4j;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.Encryption;
import io.packager4j.crypto.KeyId;
import io.packager4j.crypto.decrypt.DecryptionKeys;
import io.packager4j.hls.HlsOptions;
import io.packager4j.testkit.FuzzOracle;
import io.packager4j.testkit.FuzzScratch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * Fuzzes whole packaging runs and upload probing over mutated files: everything from reading the
 * file to the written segments and manifests, the way a user (or the platform) calls the library.
 *
 * <p>The output is clear, {@code cenc} or {@code cbcs} by the input's length modulo 3, so that one
 * target reaches the subsample mappers and slice header parsers on real sample data too. Encrypted
 * inputs are decrypted with the key of the committed seed {@code cenc.mp4} (its key ID as key).
 * Seeds: {@code PackagerFuzzTestInputs/<method>/}, made by {@code scripts/fuzz_seeds.py}.
 */
class PackagerFuzzTest {

    private static final String FILE_NAME = "fuzz-upload.mp4";
    private static final HexFormat HEX = HexFormat.of();
    private static final KeyId SEED_KEY_ID = KeyId.of(HEX.parseHex("0102030405060708090a0b0c0d0e0f10"));
    private static final KeyId OUTPUT_KEY_ID = KeyId.of(HEX.parseHex("a16e402b9056e371f36d348aa62bb749"));
    private static final ContentKey OUTPUT_KEY = ContentKey.of(HEX.parseHex("87237d20a19f58a740c05684e699b4aa"));

    private static FuzzScratch scratch;

    @BeforeAll
    static void createScratch() throws IOException {
        scratch = FuzzScratch.create("packager-fuzz");
    }

    @AfterAll
    static void deleteScratch() throws IOException {
        scratch.close();
    }

    @FuzzTest(maxDuration = "30s")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void packageFile(byte[] data) throws IOException {
        Path file = scratch.write(FILE_NAME, data);
        scratch.delete("out");
        Packager.Builder builder = Packager.builder()
                .input(file)
                .output(scratch.resolve("out"))
                .overwrite(true) // the oracle may run an input twice
                .segmentDuration(Duration.ofMillis(200))
                .threads(1)
                .hls(HlsOptions.builder().keyUri("skd://fuzz").build())
                .decryptionKeys(DecryptionKeys.of(SEED_KEY_ID, ContentKey.of(SEED_KEY_ID.bytes())));
        switch (data.length % 3) {
            case 1 -> builder.encryption(Encryption.cenc(OUTPUT_KEY_ID, OUTPUT_KEY));
            case 2 -> builder.encryption(Encryption.cbcs(OUTPUT_KEY_ID, OUTPUT_KEY));
            default -> {
                // clear output
            }
        }
        FuzzOracle.check(PackagingException.class, () -> builder.build().run());
    }

    @FuzzTest(maxDuration = "30s")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void probeFile(byte[] data) throws IOException {
        Path file = scratch.write(FILE_NAME, data);
        // The platform shows this message to the uploader: it must say which file.
        FuzzOracle.check(PackagingException.class, m -> m.contains(FILE_NAME), () -> MediaProbe.probe(file));
    }
}
