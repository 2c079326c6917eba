package io.packager4j.platform.ladder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenditionTest {

    @Test
    void everyNameFrom240pTo1080pIsAccepted() {
        assertEquals(List.of(240, 360, 480, 540, 720, 1080), Arrays.stream(Rendition.values()).map(Rendition::height).toList());
        assertEquals(List.of(Rendition.P720, Rendition.P360, Rendition.P1080),
                Rendition.parseAll(List.of("720p", "360P", " 1080p ")), "order kept, case and blanks ignored");
        assertEquals("240p, 360p, 480p, 540p, 720p, 1080p", Rendition.allLabels());
    }

    @Test
    void bitratesGrowWithHeight() {
        long previous = 0;
        for (Rendition r : Rendition.values()) {
            assertTrue(r.videoBitrate() > previous, r + " " + r.videoBitrate());
            previous = r.videoBitrate();
        }
    }

    @Test
    void unknownNamesAreRefusedWithTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rendition.parseAll(List.of("360p", "4k")));
        assertEquals("\"renditions\": unknown rendition \"4k\"; use any of 240p, 360p, 480p, 540p, 720p, 1080p",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Rendition.parse("720"));
        assertThrows(IllegalArgumentException.class, () -> Rendition.parse("2160p"));
        assertThrows(IllegalArgumentException.class, () -> Rendition.parse(""));
        String longName = "x".repeat(10_000);
        String message = assertThrows(IllegalArgumentException.class, () -> Rendition.parse(longName)).getMessage();
        assertTrue(message.length() < 200, "a huge name is cut in the message: " + message.length());
    }

    @Test
    void duplicatesAndAnEmptyListAreRefused() {
        assertEquals("\"renditions\" names 720p twice",
                assertThrows(IllegalArgumentException.class, () -> Rendition.parseAll(List.of("720p", "360p", "720P")))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rendition.parseAll(List.of())).getMessage()
                .startsWith("\"renditions\" must name at least one of 240p"));
    }

    @Test
    void theOpenApiDocumentListsTheSameNames() throws Exception {
        JsonNode doc;
        try (InputStream in = RenditionTest.class.getResourceAsStream("/web/openapi.json")) {
            doc = new ObjectMapper().readTree(in);
        }
        JsonNode names = doc.at("/components/schemas/PackageRequest/properties/renditions/items/enum");
        List<String> documented = new ArrayList<>();
        names.forEach(n -> documented.add(n.asText()));
        assertEquals(Arrays.stream(Rendition.values()).map(Rendition::label).toList(), documented);
    }
}
