package io.packager4j;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a file is WebVTT (W3C WebVTT, "WebVTT file" syntax) before it is published, so a
 * player never meets a file that it would reject, or silently show nothing of: UTF-8 text, the
 * {@code WEBVTT} signature, cue blocks with well-formed timings, each ending after it starts and
 * none starting before the one before it. Errors name the file and the line.
 */
final class WebVttCheck {

    /** {@code [hh:]mm:ss.ttt}; hours may have more than two digits. */
    private static final String TIMESTAMP = "(?:(\\d{2,}):)?([0-5]\\d):([0-5]\\d)\\.(\\d{3})";
    private static final Pattern TIMING = Pattern.compile(
            TIMESTAMP + "[ \\t]+-->[ \\t]+" + TIMESTAMP + "(?:[ \\t].*)?");
    private static final Pattern SIGNATURE = Pattern.compile("WEBVTT(?:[ \\t].*)?");

    /**
     * What the check found.
     *
     * @param cues         number of cues
     * @param lastEndMillis the latest cue end, in milliseconds
     */
    record Summary(int cues, long lastEndMillis) {
    }

    private final Path file;
    private final String[] lines;
    private int index;

    private WebVttCheck(Path file, String text) {
        this.file = file;
        // Line terminators are CRLF, LF or CR.
        this.lines = text.split("\r\n|\n|\r", -1);
    }

    /**
     * @throws PackagingException naming the file and line of the first problem
     */
    static Summary check(Path file, byte[] content) throws PackagingException {
        String text = decodeUtf8(file, content);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return new WebVttCheck(file, text).run();
    }

    private Summary run() throws PackagingException {
        if (!SIGNATURE.matcher(lines[0]).matches()) {
            throw error(1, "a WebVTT file starts with 'WEBVTT', not '" + excerpt(lines[0]) + "'");
        }
        // The header runs to the first blank line; a cue in it would be taken for header text.
        index = 1;
        while (index < lines.length && !lines[index].isEmpty()) {
            if (lines[index].contains("-->")) {
                throw error(index + 1, "a blank line must separate the header from the first cue");
            }
            index++;
        }
        int cues = 0;
        long lastStart = -1;
        long lastEnd = 0;
        while (true) {
            while (index < lines.length && lines[index].isEmpty()) {
                index++;
            }
            if (index >= lines.length) {
                return new Summary(cues, lastEnd);
            }
            String first = lines[index];
            if (isBlockOf("NOTE", first) || isBlockOf("STYLE", first) || isBlockOf("REGION", first)) {
                skipBlock();
                continue;
            }
            int timingLine = first.contains("-->") ? index : index + 1;
            if (timingLine >= lines.length || lines[timingLine].isEmpty()) {
                throw error(index + 1, "'" + excerpt(first) + "' is followed by no cue timing line 'start --> end'");
            }
            if (!lines[timingLine].contains("-->")) {
                // Likely a mistyped timing in the first line ("->", "=>"), read as a cue identifier.
                throw error(index + 1, "neither '" + excerpt(first) + "' nor the line after it is a cue timing line"
                        + " '[hh:]mm:ss.ttt --> [hh:]mm:ss.ttt'");
            }
            Matcher m = TIMING.matcher(lines[timingLine]);
            if (!m.matches()) {
                throw error(timingLine + 1, "bad cue timing '" + excerpt(lines[timingLine])
                        + "' (expected '[hh:]mm:ss.ttt --> [hh:]mm:ss.ttt [settings]')");
            }
            long start = millis(m, 1);
            long end = millis(m, 5);
            if (end <= start) {
                throw error(timingLine + 1, "the cue ends at " + format(end) + ", not after its start at " + format(start));
            }
            if (start < lastStart) {
                throw error(timingLine + 1, "the cue starts before the cue before it (cues must be in start time order)");
            }
            lastStart = start;
            lastEnd = Math.max(lastEnd, end);
            cues++;
            index = timingLine + 1;
            while (index < lines.length && !lines[index].isEmpty()) {
                if (lines[index].contains("-->")) {
                    throw error(index + 1, "cue text may not contain '-->' (a blank line must end the cue before the next one)");
                }
                index++;
            }
        }
    }

    private static boolean isBlockOf(String keyword, String line) {
        return line.equals(keyword) || line.startsWith(keyword + " ") || line.startsWith(keyword + "\t");
    }

    private void skipBlock() {
        while (index < lines.length && !lines[index].isEmpty()) {
            index++;
        }
    }

    private static long millis(Matcher m, int group) {
        long hours = m.group(group) == null ? 0 : Long.parseLong(m.group(group));
        return ((hours * 60 + Long.parseLong(m.group(group + 1))) * 60 + Long.parseLong(m.group(group + 2))) * 1000
                + Long.parseLong(m.group(group + 3));
    }

    private static String format(long millis) {
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d.%03d",
                millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000);
    }

    private PackagingException error(int line, String message) {
        return new PackagingException(file + ": line " + line + ": " + message);
    }

    private static String excerpt(String line) {
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }

    private static String decodeUtf8(Path file, byte[] content) throws PackagingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            // Find the line of the first bad byte, decoding up to it.
            ByteBuffer in = ByteBuffer.wrap(content);
            CharBuffer out = CharBuffer.allocate(content.length);
            decoder.reset().decode(in, out, true);
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (content[i] == '\n') {
                    line++;
                }
            }
            throw new PackagingException(file + ": line " + line + ": not UTF-8 text (WebVTT must be UTF-8)", e);
        }
    }
}
