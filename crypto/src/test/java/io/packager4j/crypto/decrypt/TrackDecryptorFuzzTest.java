package io.packager4j.crypto.decrypt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packager4j.PackagingException;
import io.packager4j.core.media.MediaFile;
import io.packager4j.core.media.SampleTable;
import io.packager4j.core.media.Track;
import io.packager4j.core.mp4.Mp4Reader;
import io.packager4j.core.mp4.ReaderLimits;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.KeyId;
import io.packager4j.testkit.FuzzOracle;
import io.packager4j.testkit.FuzzScratch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Fuzzes the decryption of Common Encryption input: a whole encrypted file (so that {@code senc},
 * {@code saiz}/{@code saio}, {@code tenc}, sample groups and the samples themselves are all
 * mutated) is read, and every sample of every encrypted track goes through {@link TrackDecryptor}
 * as the segment writer hands it over.
 *
 * <p>The key of every key ID is the key ID itself, so that any key ID the fuzzer makes up has a
 * key and decryption proceeds; the seed {@code cenc.mp4} was encrypted that way by
 * {@code scripts/fuzz_seeds.py}. {@code scripts/fuzz.sh} adds the encrypted files of
 * ../shared/testdata to the corpus at run time.
 */
class TrackDecryptorFuzzTest {

    private static final String FILE_NAME = "fuzz-encrypted.mp4";
    /** Enough samples to reach every fragment of the seeds, few enough to keep executions fast. */
    private static final int MAX_SAMPLES = 4096;

    private static FuzzScratch scratch;

    @BeforeAll
    static void createScratch() throws IOException {
        scratch = FuzzScratch.create("decryptor-fuzz");
    }

    @AfterAll
    static void deleteScratch() throws IOException {
        scratch.close();
    }

    @FuzzTest(maxDuration = "30s")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void decryptFile(byte[] data) throws IOException {
        Path file = scratch.write(FILE_NAME, data);
        FuzzOracle.check(PackagingException.class, () -> {
            try (MediaFile media = new Mp4Reader(ReaderLimits.DEFAULT).open(file)) {
                for (Track track : media.tracks()) {
                    if (track.isEncrypted()) {
                        decrypt(media, track);
                    }
                }
            }
        });
    }

    private static void decrypt(MediaFile media, Track track) throws PackagingException {
        DecryptionKeys.Builder keys = DecryptionKeys.builder();
        for (byte[] keyId : track.encryption().samples().keyIds()) {
            keys.add(KeyId.of(keyId), ContentKey.of(keyId));
        }
        TrackDecryptor decryptor = TrackDecryptor.create(track, keys.build());
        SampleTable samples = track.samples();
        for (int i = 0; i < Math.min(samples.count(), MAX_SAMPLES); i++) {
            // Reading more than the file holds fails in readFully, so no size check is needed here.
            int size = (int) Math.min(samples.size(i), media.source().size() + 1);
            byte[] buffer = new byte[size + 3];
            media.source().readFully(samples.offset(i), java.nio.ByteBuffer.wrap(buffer, 3, size));
            decryptor.decrypt(i, buffer, 3, size);
        }
    }
}
