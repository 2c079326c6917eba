package io.packager4j.crypto.subsample;

import io.packager4j.PackagingException;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.testkit.SharedTestData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mapping a sample allocates nothing once the buffers have grown: measured with the JVM's
 * per-thread allocation counter over whole tracks, including tracks that repeat their parameter
 * sets in band (which must be recognised, not parsed again).
 */
class SubsampleMapperAllocationTest {

    /**
     * Slack for the measurement itself (32 bytes on HotSpot 17). Parsing the two in-band parameter
     * sets of one key frame again costs more than 500 bytes; a reader object per slice, several KB.
     */
    private static final long ALLOWED_BYTES = 256;

    @Test
    void steadyStateMappingDoesNotAllocate() throws PackagingException {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean tb
                && tb.isThreadAllocatedMemorySupported(), "this JVM does not count allocated bytes per thread");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        threads.setThreadAllocatedMemoryEnabled(true);
        List<VideoSamples> tracks = List.of(
                VideoSamples.read(SharedTestData.mp4ff("nal_h264.mp4")),
                VideoSamples.read(SharedTestData.mp4ff("nal_hevc.mp4")),
                VideoSamples.read(SharedTestData.mp4ff("bbb_prog_10s.mp4")),
                VideoSamples.read(TraceClips.get("h264-avc3-in-band")),
                VideoSamples.read(TraceClips.get("hevc-hev1-in-band-open-gop")));
        long thread = Thread.currentThread().getId();
        for (VideoSamples video : tracks) {
            for (ProtectionScheme scheme : ProtectionScheme.values()) {
                SubsampleMapper mapper = SubsampleMappers.forTrack(video.format(), scheme);
                Subsamples out = new Subsamples();
                for (int warmUp = 0; warmUp < 20; warmUp++) {
                    mapAll(mapper, video, out);
                }
                long before = threads.getThreadAllocatedBytes(thread);
                mapAll(mapper, video, out);
                long allocated = threads.getThreadAllocatedBytes(thread) - before;
                assertTrue(allocated <= ALLOWED_BYTES, video.name() + " " + scheme.fourCC() + ": mapping "
                        + video.samples().size() + " samples allocated " + allocated + " bytes");
            }
        }
    }

    private static void mapAll(SubsampleMapper mapper, VideoSamples video, Subsamples out) throws PackagingException {
        for (byte[] sample : video.samples()) {
            mapper.map(sample, 0, sample.length, out);
        }
    }
}
