package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;
import io.packager4j.core.media.MediaFile;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.SampleEncryptionTable;
import io.packager4j.core.media.Track;
import io.packager4j.core.media.TrackEncryption;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.mp4.Mp4Reader;
import io.packager4j.testkit.SharedTestData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares our cbcs maps with those of a file another packager encrypted: {@code cbcs.mp4} of the
 * shared mp4ff test data carries subsample maps in its {@code senc} boxes, and {@code cbcsdec.mp4}
 * holds the same samples decrypted.
 *
 * <p>That packager also marks protected runs shorter than a block, which the 1:9 pattern leaves
 * clear anyway, where we keep such a NAL unit all clear; the two maps are compared after turning
 * such runs into clear bytes, i.e. as the bytes a decryptor actually changes.
 */
class CbcsReferenceFileTest {

    @Test
    void sameMapsAsTheReferencePackager() throws PackagingException {
        VideoSamples clear = VideoSamples.read(SharedTestData.mp4ff("cbcsdec.mp4"));
        try (MediaFile encrypted = new Mp4Reader().open(SharedTestData.mp4ff("cbcs.mp4"))) {
            Track track = encrypted.tracks().stream().filter(t -> t.kind() == TrackKind.VIDEO).findFirst().orElseThrow();
            TrackEncryption encryption = track.encryption();
            assertNotNull(encryption, "cbcs.mp4 should be read as encrypted");
            assertEquals(ProtectionScheme.CBCS, encryption.scheme());
            SampleEncryptionTable table = encryption.samples();
            assertEquals(clear.samples().size(), table.count(), "samples in cbcs.mp4 and cbcsdec.mp4");

            SubsampleMapper mapper = SubsampleMappers.forTrack(clear.format(), ProtectionScheme.CBCS);
            Subsamples ours = new Subsamples();
            int protectedSamples = 0;
            for (int i = 0; i < table.count(); i++) {
                byte[] sample = clear.samples().get(i);
                mapper.map(sample, 0, sample.length, ours);
                Subsamples theirs = new Subsamples();
                for (int j = 0; j < table.subsampleCount(i); j++) {
                    int p = table.protectedBytes(i, j);
                    // A run shorter than one block is never encrypted by the pattern: count it as clear.
                    theirs.add(table.clearBytes(i, j) + (p < 16 ? p : 0), p < 16 ? 0 : p);
                }
                assertEquals(theirs.toString(), ours.toString(), "sample " + i + " (" + sample.length + " bytes)");
                protectedSamples += ours.count() > 1 || ours.protectedBytes(0) > 0 ? 1 : 0;
            }
            assertTrue(protectedSamples > 0, "no sample of cbcs.mp4 is protected");
        }
    }
}
