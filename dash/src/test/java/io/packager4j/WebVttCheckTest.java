package io.packager4j;

import io.packager4j.testkit.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WebVTT files are checked before publishing; a bad one fails naming the file and the line. */
class WebVttCheckTest {

    private static final Path FILE = Path.of("movie.en.vtt");

    @Test
    void acceptsValidFiles() throws Exception {
        assertEquals(new WebVttCheck.Summary(4, 10_000),
                WebVttCheck.check(FILE, Files.readAllBytes(Path.of("src/test/resources/subtitles/en.vtt"))));
        // BOM, CRLF, a header line, hours of three digits, settings, STYLE and NOTE blocks, no cues at the end.
        String text = "\uFEFFWEBVTT - a title\r\nKind: captions\r\n\r\nSTYLE\r\n::cue { color: yellow }\r\n\r\n"
                + "100:00:00.000 --> 100:00:01.500 align:start\r\n<v Bob>Hi\r\n\r\nNOTE end\r\n";
        assertEquals(new WebVttCheck.Summary(1, 360_001_500L), WebVttCheck.check(FILE, text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(new WebVttCheck.Summary(0, 0), WebVttCheck.check(FILE, "WEBVTT".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void namesTheFileAndLineOfTheFirstProblem() {
        assertRejected("1 WEBVTT\n", 1, "starts with 'WEBVTT'");
        assertRejected("WEBVTTX\n", 1, "starts with 'WEBVTT'");
        assertRejected("WEBVTT\n00:00.000 --> 00:01.000\nhi\n", 2, "blank line must separate the header");
        assertRejected("WEBVTT\n\n00:00.000 --> 00:01.000\nok\n\n00:01.000 -> 00:02.000\nbad\n", 6,
                "neither '00:01.000 -> 00:02.000' nor the line after it is a cue timing line");
        assertRejected("WEBVTT\n\n00:00.000 --> 00:01.00\nbad\n", 3, "bad cue timing '00:00.000 --> 00:01.00'");
        assertRejected("WEBVTT\n\n00:60.000 --> 01:01.000\nbad\n", 3, "bad cue timing");
        assertRejected("WEBVTT\n\nid\n\n00:00.000 --> 00:01.000\n", 3, "followed by no cue timing line");
        assertRejected("WEBVTT\n\n00:02.000 --> 00:01.000\nbackwards\n", 3, "ends at 00:00:01.000, not after its start at 00:00:02.000");
        assertRejected("WEBVTT\n\n00:05.000 --> 00:06.000\na\n\n00:04.000 --> 00:07.000\nb\n", 6, "before the cue before it");
        assertRejected("WEBVTT\n\n00:00.000 --> 00:01.000\na\n00:01.000 --> 00:02.000\n", 5, "may not contain '-->'");
    }

    @Test
    void refusesTextThatIsNotUtf8() {
        byte[] latin1 = "WEBVTT\n\n00:00.000 --> 00:01.000\nDeuxi\u00e8me\n".getBytes(StandardCharsets.ISO_8859_1);
        PackagingException e = assertThrows(PackagingException.class, () -> WebVttCheck.check(FILE, latin1));
        assertEquals("movie.en.vtt: line 4: not UTF-8 text (WebVTT must be UTF-8)", e.getMessage());
    }

    /** The packager checks subtitles first: a bad file fails the run and nothing is left at the output. */
    @Test
    void aBadFileFailsThePackagingRunBeforeAnythingIsWritten(@TempDir Path tmp) throws Exception {
        Path vtt = Files.writeString(tmp.resolve("bad.vtt"), "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nSRT commas\n");
        Path out = tmp.resolve("out");
        PackagingException e = assertThrows(PackagingException.class, () -> Packager.builder()
                .input(SharedTestData.mp4ff("bbb_prog_10s.mp4")).subtitles(vtt, "en").hls(true).output(out).build().run());
        assertTrue(e.getMessage().startsWith(vtt + ": line 3: bad cue timing"), e.getMessage());
        assertFalse(Files.exists(out));
        try (var entries = Files.list(tmp)) {
            assertEquals(1, entries.count(), "only the .vtt file: no staging directory left");
        }
        assertThrows(IllegalArgumentException.class, () -> Packager.builder().subtitles(vtt, "en_US"));
    }

    private static void assertRejected(String text, int line, String problem) {
        PackagingException e = assertThrows(PackagingException.class,
                () -> WebVttCheck.check(FILE, text.getBytes(StandardCharsets.UTF_8)), text);
        assertTrue(e.getMessage().startsWith("movie.en.vtt: line " + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
}
