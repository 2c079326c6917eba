package io.packager4j.core.codec;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test helpers: the shared media folder, a minimal MP4 box walker, an Annex B splitter, and ffmpeg,
 * ffprobe and ffmpeg's {@code trace_headers} bitstream filter as independent oracles.
 */
final class CodecTestSupport {

    static final String FFMPEG_MISSING = "ffmpeg/ffprobe are required for this test (scripts/test.sh installs them)";

    private CodecTestSupport() {
    }

    // ---------------------------------------------------------------------------------------------
    // Shared test media (core does not depend on testkit, so this mirrors SharedTestData)

    static Path sharedMp4ff(String name) {
        String configured = System.getProperty("packager4j.shared.dir");
        Path shared;
        if (configured != null && !configured.isBlank()) {
            shared = Path.of(configured);
        } else {
            Path dir = Path.of("").toAbsolutePath();
            Path root = dir;
            for (Path p = dir; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("core")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                    root = p;
                    break;
                }
            }
            shared = root.resolve("../shared");
        }
        Path file = shared.resolve("testdata/mp4ff").resolve(name).toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(file),
                () -> "SKIPPED: shared test file " + file + " is not on this machine (../shared/ missing)");
        return file;
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    // ---------------------------------------------------------------------------------------------
    // MP4 box walker

    /** A decoder configuration box found inside a sample entry. */
    record ConfigBox(String sampleEntryType, String type, byte[] payload) {
    }

    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "sinf");
    private static final Set<String> VISUAL_ENTRIES = Set.of("avc1", "avc3", "hvc1", "hev1", "encv");
    private static final Set<String> AUDIO_ENTRIES = Set.of("mp4a", "Opus", "ac-3", "ec-3", "enca");
    private static final Set<String> CONFIGS = Set.of("avcC", "hvcC", "esds", "dOps", "dac3", "dec3");

    /** All avcC/hvcC/esds/dOps/dac3/dec3 payloads of the sample entries of a small MP4 file. */
    static List<ConfigBox> configBoxes(byte[] file) {
        List<ConfigBox> out = new ArrayList<>();
        walk(file, 0, file.length, null, out);
        return out;
    }

    /** The payload of the first config box of the given type, failing the test if there is none. */
    static ConfigBox configBox(byte[] file, String type) {
        return configBoxes(file).stream().filter(b -> b.type().equals(type)).findFirst()
                .orElseGet(() -> fail("no " + type + " box in the file"));
    }

    private static void walk(byte[] d, int start, int end, String entry, List<ConfigBox> out) {
        ByteBuffer b = ByteBuffer.wrap(d);
        int pos = start;
        while (pos + 8 <= end) {
            long size = b.getInt(pos) & 0xFFFFFFFFL;
            String type = new String(d, pos + 4, 4, StandardCharsets.ISO_8859_1);
            int header = 8;
            if (size == 1) {
                size = b.getLong(pos + 8);
                header = 16;
            } else if (size == 0) {
                size = end - pos;
            }
            if (size < header || pos + size > end) {
                return;
            }
            int payload = pos + header;
            int boxEnd = (int) (pos + size);
            if (CONTAINERS.contains(type)) {
                walk(d, payload, boxEnd, entry, out);
            } else if (type.equals("stsd")) {
                walk(d, payload + 8, boxEnd, entry, out);
            } else if (VISUAL_ENTRIES.contains(type)) {
                walk(d, payload + 78, boxEnd, type, out);
            } else if (AUDIO_ENTRIES.contains(type)) {
                walk(d, payload + 28, boxEnd, type, out);
            } else if (CONFIGS.contains(type)) {
                out.add(new ConfigBox(entry, type, Arrays.copyOfRange(d, payload, boxEnd)));
            }
            pos = boxEnd;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Annex B

    /** The NAL units of an Annex B byte stream, without start codes or trailing zero bytes. */
    static List<byte[]> annexBNalUnits(byte[] s) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 2 < s.length; i++) {
            if (s[i] == 0 && s[i + 1] == 0 && s[i + 2] == 1) {
                starts.add(i + 3);
                i += 2;
            }
        }
        List<byte[]> nals = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            int from = starts.get(k);
            int to = k + 1 < starts.size() ? starts.get(k + 1) - 3 : s.length;
            while (to > from && s[to - 1] == 0) {
                to--;
            }
            nals.add(Arrays.copyOfRange(s, from, to));
        }
        return nals;
    }

    static int avcNalType(byte[] nal) {
        return nal[0] & 0x1F;
    }

    static int hevcNalType(byte[] nal) {
        return (nal[0] >>> 1) & 0x3F;
    }

    /** The first NAL unit of the type, failing the test if there is none. */
    static byte[] firstNal(List<byte[]> nals, boolean hevc, int type) {
        return nals.stream().filter(n -> (hevc ? hevcNalType(n) : avcNalType(n)) == type).findFirst()
                .orElseGet(() -> fail("no NAL unit of type " + type));
    }

    static byte[] annexB(byte[]... nals) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        for (byte[] n : nals) {
            o.writeBytes(new byte[] {0, 0, 0, 1});
            o.writeBytes(n);
        }
        return o.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------
    // ffmpeg, ffprobe, trace_headers

    /** Runs a tool and returns its combined output; fails the test clearly when it cannot be started. */
    static String run(List<String> command, boolean requireSuccess) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + String.join(" ", command));
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (requireSuccess && p.exitValue() != 0) {
                fail("failed (exit " + p.exitValue() + "): " + String.join(" ", command) + "\n" + text);
            }
            return text;
        } catch (IOException e) {
            return fail(FFMPEG_MISSING + ": cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted", e);
        }
    }

    /** Runs ffmpeg with {@code -y -v error} and the given arguments. */
    static void ffmpeg(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-y", "-v", "error"));
        cmd.addAll(List.of(args));
        run(cmd, true);
    }

    /** ffprobe's {@code -show_streams} key/value pairs for the first stream of the given kind ("v" or "a"). */
    static Map<String, String> ffprobeStream(Path file, String kind) {
        String out = run(List.of("ffprobe", "-v", "error", "-select_streams", kind + ":0", "-show_streams",
                "-of", "default=noprint_wrappers=1", file.toString()), true);
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : out.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                map.putIfAbsent(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return map;
    }

    /** One section of trace_headers output, such as "Sequence Parameter Set", field name to value. */
    record TraceSection(String title, Map<String, Long> fields) {
        long get(String name) {
            Long v = fields.get(name);
            if (v == null) {
                return fail("trace_headers printed no " + name + " in " + title + ": " + fields.keySet());
            }
            return v;
        }

        boolean has(String name) {
            return fields.containsKey(name);
        }

        /** All values of fields whose name starts with {@code prefix} (array elements), in order. */
        List<Long> all(String prefix) {
            List<Long> out = new ArrayList<>();
            fields.forEach((k, v) -> {
                if (k.equals(prefix) || k.startsWith(prefix + "[")) {
                    out.add(v);
                }
            });
            return out;
        }
    }

    private static final Pattern TRACE_LINE = Pattern.compile("^\\[trace_headers @ [^]]+] (.*)$");
    private static final Pattern TRACE_FIELD = Pattern.compile("^\\d+\\s+(\\S+)\\s+[01]+ = (-?\\d+)$");

    /**
     * Runs ffmpeg's {@code trace_headers} bitstream filter over the file's video stream and returns
     * the sections it prints, in order. A field that appears more than once in a section gets
     * "#2", "#3", ... appended to its name from the second occurrence on.
     */
    static List<TraceSection> traceHeaders(Path file, String... inputOptions) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-v", "info"));
        cmd.addAll(List.of(inputOptions));
        cmd.addAll(List.of("-i", file.toString(), "-map", "0:v:0", "-c", "copy", "-bsf:v", "trace_headers",
                "-f", "null", "-"));
        String out = run(cmd, false);
        List<TraceSection> sections = new ArrayList<>();
        Map<String, Long> current = null;
        for (String line : out.split("\\R")) {
            Matcher m = TRACE_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String body = m.group(1).trim();
            Matcher f = TRACE_FIELD.matcher(body);
            if (f.matches()) {
                if (current != null) {
                    String name = f.group(1);
                    String key = name;
                    for (int i = 2; current.containsKey(key); i++) {
                        key = name + "#" + i;
                    }
                    current.put(key, Long.parseLong(f.group(2)));
                }
            } else if (current == null || !current.isEmpty()
                    || !sections.get(sections.size() - 1).title().equals(body)) {
                // (ffmpeg has been seen to print a title twice in a row, then each field twice.)
                current = new LinkedHashMap<>();
                sections.add(new TraceSection(body, current));
            }
        }
        return sections;
    }

    /** The first trace section with the given title, failing the test if there is none. */
    static TraceSection section(List<TraceSection> sections, String title) {
        return sections.stream().filter(s -> s.title().equals(title)).findFirst()
                .orElseGet(() -> fail("trace_headers printed no '" + title + "' section"));
    }
}
