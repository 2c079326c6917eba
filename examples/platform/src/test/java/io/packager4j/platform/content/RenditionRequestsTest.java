package io.packager4j.platform.content;

import io.packager4j.MediaProbe;
import io.packager4j.platform.http.ApiError;
import io.packager4j.platform.ladder.Ladder;
import io.packager4j.platform.ladder.Rendition;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a request's renditions are checked, and the source height they are planned from. */
class RenditionRequestsTest {

    @Test
    void badRenditionsAreA400WithTheirOwnCode() {
        for (List<String> bad : List.of(List.<String>of(), List.of("360p", "360p"), List.of("720p", "8k"))) {
            ApiError e = assertThrows(ApiError.class, () -> PackageRequests.parseRenditions(bad), bad::toString);
            assertEquals(400, e.status());
            assertEquals("bad_renditions", e.code());
            assertTrue(e.getMessage().startsWith("\"renditions\""), e.getMessage());
        }
        assertEquals(List.of(Rendition.P360, Rendition.P720), PackageRequests.parseRenditions(List.of("360p", "720p")));
    }

    @Test
    void theStoredTrackDescriptionGivesTheSourceHeight() throws Exception {
        // What Ingest stores for an upload, read back as the ladder reads it.
        String stored = Ingest.describe(MediaProbe.probe(TestClips.sarNonSquare()));
        assertTrue(stored.startsWith("video avc1."), stored);
        assertEquals(288, Ladder.videoHeight(stored).getAsInt(), stored);
        String audioOnly = Ingest.describe(MediaProbe.probe(TestClips.ladderAudio()));
        assertTrue(Ladder.videoHeight(audioOnly).isEmpty(), audioOnly);
    }
}
