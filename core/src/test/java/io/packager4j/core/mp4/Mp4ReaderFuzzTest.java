package io.packager4j.core.mp4;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packager4j.PackagingException;
import io.packager4j.core.media.MediaFile;
import io.packager4j.core.media.SampleEncryptionTable;
import io.packager4j.core.media.SampleTable;
import io.packager4j.core.media.Track;
import io.packager4j.testkit.FuzzOracle;
import io.packager4j.testkit.FuzzScratch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Fuzzes {@link Mp4Reader} with whole files: the top-level scan, the moov/moof box trees and their
 * guards, mp4parser's reading of the checked boxes, sample entries with their codec
 * configurations, sample tables, edit lists and Common Encryption information.
 *
 * <p>Seeds: {@code Mp4ReaderFuzzTestInputs/openFile/} (small files made by
 * {@code scripts/fuzz-seeds.sh}); see FUZZING.md. Run in regression mode by {@code mvn test},
 * fuzzed with {@code JAZZER_FUZZ=1} (scripts/fuzz.sh).
 */
class Mp4ReaderFuzzTest {

    /** The reader reads through a file channel, so each input is written to this file first. */
    private static final String FILE_NAME = "fuzz-input.mp4";

    private static FuzzScratch scratch;

    @BeforeAll
    static void createScratch() throws IOException {
        scratch = FuzzScratch.create("mp4-reader-fuzz");
    }

    @AfterAll
    static void deleteScratch() throws IOException {
        scratch.close();
    }

    @FuzzTest(maxDuration = "30s")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void openFile(byte[] data) throws IOException {
        Path file = scratch.write(FILE_NAME, data);
        // Every message names the file, so that a user with many inputs knows which one is bad.
        FuzzOracle.check(PackagingException.class, m -> m.contains(FILE_NAME), () -> {
            try (MediaFile media = new Mp4Reader(ReaderLimits.DEFAULT).open(file)) {
                for (Track track : media.tracks()) {
                    walk(track);
                }
            }
        });
    }

    /** Reads everything the reader built, as the packager would, so lazily wrong tables show. */
    private static void walk(Track track) {
        track.describe();
        track.format().codecs();
        SampleTable samples = track.samples();
        long sum = 0;
        for (int i = 0; i < samples.count(); i++) {
            sum += samples.offset(i) + samples.size(i) + samples.decodeTime(i) + samples.duration(i)
                    + samples.compositionOffset(i) + (samples.isSync(i) ? 1 : 0);
        }
        samples.endDecodeTime();
        samples.bytes(0, samples.count());
        if (track.encryption() != null) {
            SampleEncryptionTable table = track.encryption().samples();
            byte[] iv = new byte[SampleEncryptionTable.IV_BYTES];
            for (int i = 0; i < table.count(); i++) {
                if (!table.isProtected(i)) {
                    continue;
                }
                table.keyId(table.keyIndex(i));
                table.copyIv(i, iv);
                for (int j = 0; j < table.subsampleCount(i); j++) {
                    sum += table.clearBytes(i, j) + table.protectedBytes(i, j);
                }
            }
        }
        if (sum == Long.MIN_VALUE) {
            throw new IllegalStateException("unreachable; keeps the reads from being optimised away");
        }
    }
}
