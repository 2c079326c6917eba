package io.packager4j.crypto.subsample;

import io.packager4j.testkit.TestClips;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slice header lengths as ffmpeg's {@code trace_headers} bitstream filter reports them: an
 * independent H.264/H.265 header parser (libavcodec's coded bitstream library) that logs every
 * syntax element with its bit position in the RBSP, NAL unit header included, e.g.
 * <pre>
 * [trace_headers @ 0x55..] Slice Header
 * [trace_headers @ 0x55..] 0           forbidden_zero_bit                      0 = 0
 * ...
 * [trace_headers @ 0x55..] 41          slice_beta_offset_div2                  1 = 0
 * [trace_headers @ 0x55..] 42          cabac_alignment_one_bit                 1 = 1
 * </pre>
 * The length of a header is where its last element ends: for H.264 the cabac_alignment_one_bit
 * elements are the start of slice_data() and are left out; for H.265 the byte_alignment() bits
 * belong to the header, as in our parser.
 */
final class FfmpegTrace {

    private static final Pattern LINE = Pattern.compile("\\[trace_headers @ [^\\]]*\\] (.*)$");
    private static final Pattern FIELD = Pattern.compile("^(\\d+)\\s+(\\S+)\\s+([01]+) = (-?\\d+)$");

    private FfmpegTrace() {
    }

    /** The length in RBSP bits of every slice header of the first video stream, in decode order. */
    static List<Long> sliceHeaderBits(Path file, boolean hevc) {
        String title = hevc ? "Slice Segment Header" : "Slice Header";
        List<Long> result = new ArrayList<>();
        long end = -1;
        for (String line : run(file)) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String body = m.group(1).trim();
            if (body.equals(title)) {
                if (end >= 0) {
                    result.add(end);
                }
                end = 0;
                continue;
            }
            if (end < 0) {
                continue;
            }
            Matcher f = FIELD.matcher(body);
            if (!f.matches()) {
                result.add(end);
                end = -1;
                continue;
            }
            if (!hevc && f.group(2).equals("cabac_alignment_one_bit")) {
                continue;
            }
            end = Math.max(end, Long.parseLong(f.group(1)) + f.group(3).length());
        }
        if (end >= 0) {
            result.add(end);
        }
        return result;
    }

    private static List<String> run(Path file) {
        Path log = null;
        try {
            log = Files.createTempFile("trace_headers", ".log");
            String ffmpeg = System.getProperty("packager4j.ffmpeg", "ffmpeg");
            List<String> cmd = List.of(ffmpeg.isBlank() ? "ffmpeg" : ffmpeg, "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info",
                    "-i", file.toString(), "-map", "0:v:0", "-c:v", "copy", "-bsf:v", "trace_headers",
                    "-f", "null", "-");
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            } catch (IOException e) {
                throw new AssertionError(TestClips.FFMPEG_MISSING + ": " + e.getMessage(), e);
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("ffmpeg trace_headers did not finish in 120 s: " + String.join(" ", cmd));
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError("ffmpeg failed (exit " + p.exitValue() + "): " + String.join(" ", cmd) + "\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            }
            return lines;
        } catch (IOException e) {
            throw new AssertionError("running ffmpeg trace_headers on " + file + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // A temporary file left behind.
                }
            }
        }
    }
}
