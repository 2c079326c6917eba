package io.packager4j.it;

import io.packager4j.Packager;
import io.packager4j.PackagingException;
import io.packager4j.PackagingResult;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.testkit.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real media from other projects ({@code ../shared/testdata/mp4ff}, read in place; the tests skip
 * with a message where that folder is absent): each file, in both profiles, becomes a presentation
 * whose MPD validates and whose every representation carries exactly the source's samples.
 */
class SharedMediaPackagingTest {

    static Stream<Arguments> files() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String name : new String[] {"bbb_prog_10s.mp4", "prog_8s.mp4", "nal_h264.mp4", "nal_hevc.mp4",
                "ed_hevc.mp4", "opus.mp4", "bbb5s_aac_sidx.mp4", "v300_multiple_segments.mp4"}) {
            for (OutputProfile profile : OutputProfile.values()) {
                b.add(Arguments.of(name, profile));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("files")
    void packagesSampleIdenticalValidDash(String name, OutputProfile profile, @TempDir Path tmp) throws Exception {
        Path input = SharedTestData.mp4ff(name);
        PackagingResult result = Packager.builder().input(input).output(tmp.resolve("out")).profile(profile)
                .build().run();
        assertFalse(result.representations().isEmpty());
        assertTrue(result.durationSeconds() > 0.5, "duration " + result.durationSeconds());
        OutputChecks.assertValidAndSampleIdentical(result);
    }

    @Test
    void truncatedInitSegmentIsRefusedWithNothingWritten(@TempDir Path tmp) {
        Path input = SharedTestData.mp4ff("init_truncated.mp4");
        Path out = tmp.resolve("out");
        PackagingException e = assertThrows(PackagingException.class,
                () -> Packager.builder().input(input).output(out).build().run());
        assertTrue(e.getMessage().startsWith("init_truncated.mp4: "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertFalse(Files.exists(out), "nothing may be written for a refused input");
    }
}
