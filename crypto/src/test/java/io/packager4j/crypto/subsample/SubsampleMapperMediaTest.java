package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.testkit.SharedTestData;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Maps every sample of real AVC and HEVC files with both schemes and checks the rules of ISO/IEC
 * 23001-7 against a NAL unit walk of the tests' own: the map covers the sample, length prefixes,
 * NAL unit headers and non-VCL NAL units are clear, cenc protects whole blocks of each VCL NAL
 * unit's payload, cbcs protects one run of at least a block at the end of each VCL NAL unit.
 */
class SubsampleMapperMediaTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nal_h264.mp4", "nal_hevc.mp4", "bbb_prog_10s.mp4", "prog_8s.mp4", "ed_hevc.mp4",
            "cbcsdec.mp4", "v300_multiple_segments.mp4"})
    void sharedFiles(String name) throws PackagingException {
        checkAllSamples(SharedTestData.mp4ff(name));
    }

    @Test
    void h264WithBFrames() throws PackagingException {
        checkAllSamples(TestClips.bFrames());
    }

    @Test
    void hevcClip() throws PackagingException {
        checkAllSamples(TestClips.hevc());
    }

    @Test
    void generatedClipsWithSlicesInterlacingAndInBandParameterSets() throws PackagingException {
        for (Path clip : TraceClips.all()) {
            checkAllSamples(clip);
        }
    }

    static void checkAllSamples(Path file) throws PackagingException {
        VideoSamples video = VideoSamples.read(file);
        for (ProtectionScheme scheme : ProtectionScheme.values()) {
            SubsampleMapper mapper = SubsampleMappers.forTrack(video.format(), scheme);
            // A one-byte initial window makes every slice header go through the window growth.
            NalSubsampleMapper tiny = Mappers.withWindow(video.format(), scheme, 1);
            Subsamples map = new Subsamples();
            Subsamples tinyMap = new Subsamples();
            long protectedTotal = 0;
            for (int i = 0; i < video.samples().size(); i++) {
                byte[] sample = video.samples().get(i);
                String where = video.name() + " " + scheme.fourCC() + " sample " + i;
                mapper.map(sample, 0, sample.length, map);
                tiny.map(sample, 0, sample.length, tinyMap);
                assertEquals(map.toString(), tinyMap.toString(), where + ": the window size changed the map");
                protectedTotal += checkRules(sample, video.nalLengthSize(), video.hevc(), scheme, map, where);
            }
            assertTrue(protectedTotal > 0, video.name() + " " + scheme.fourCC() + ": nothing was protected");
        }
    }

    /** Checks one sample's map; returns its protected byte count. */
    static long checkRules(byte[] sample, int lengthSize, boolean hevc, ProtectionScheme scheme, Subsamples map,
                           String where) {
        assertEquals(sample.length, map.totalBytes(), where + ": map " + map + " does not cover the sample");
        boolean[] isProtected = new boolean[sample.length];
        int pos = 0;
        long protectedTotal = 0;
        for (int e = 0; e < map.count(); e++) {
            assertTrue(map.clearBytes(e) <= Subsamples.MAX_CLEAR, where + ": entry " + e + " too large");
            pos += map.clearBytes(e);
            if (scheme == ProtectionScheme.CENC) {
                assertEquals(0, map.protectedBytes(e) % 16, where + ": cenc entry " + e + " of " + map);
            }
            for (int k = 0; k < map.protectedBytes(e); k++) {
                isProtected[pos++] = true;
            }
            protectedTotal += map.protectedBytes(e);
        }
        int headerSize = hevc ? 2 : 1;
        List<NalUnit> units = NalUnit.split(sample, lengthSize, hevc);
        for (NalUnit u : units) {
            String nal = where + ": NAL unit at " + u.start() + " type " + u.type() + " length " + u.length();
            for (int k = u.start(); k < u.body() + headerSize; k++) {
                if (isProtected[k]) {
                    fail(nal + ": byte " + k + " of its length prefix or header is protected; map " + map);
                }
            }
            int firstProtected = u.end();
            int count = 0;
            for (int k = u.body(); k < u.end(); k++) {
                if (isProtected[k]) {
                    firstProtected = Math.min(firstProtected, k);
                    count++;
                }
            }
            if (!u.isVcl(hevc)) {
                assertEquals(0, count, nal + ": non-VCL NAL unit has protected bytes; map " + map);
                continue;
            }
            // The protected bytes of a VCL NAL unit form one run that ends with the NAL unit.
            assertEquals(u.end() - count, firstProtected, nal + ": protected bytes are not one run at the end");
            int payload = u.length() - headerSize;
            if (scheme == ProtectionScheme.CENC) {
                assertEquals(payload - payload % 16, count, nal + ": cenc protects whole blocks of the payload");
            } else if (count > 0) {
                assertTrue(count >= 16, nal + ": cbcs protects fewer than 16 bytes");
            }
        }
        return protectedTotal;
    }
}
