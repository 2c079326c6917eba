package io.packager4j.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks that every {@link TestClips} clip has the properties its Javadoc promises, using ffprobe
 * for stream properties and a small box walker of its own for the container layout.
 */
class TestClipsTest {

    @Test
    void bFrames() throws IOException {
        Path clip = TestClips.bFrames();
        List<Map<String, String>> streams = streams(clip);
        assertEquals(2, streams.size());
        assertVideo(streams.get(0), "h264", "High", 320, 240, "25/1");
        assertTrue(Integer.parseInt(streams.get(0).get("has_b_frames")) > 0, "has_b_frames: " + streams.get(0));
        assertAacStereo(streams.get(1));
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0), keyframeTimes(clip));
        assertDuration(clip, 6.0);
        assertSmall(clip);
    }

    @Test
    void editList() throws IOException {
        Path clip = TestClips.editList();
        Box moov = Box.topLevel(clip).stream().filter(b -> b.type.equals("moov")).findFirst().orElseThrow();
        List<Box> traks = moov.children("trak");
        assertEquals(2, traks.size());

        Box video = traks.stream().filter(t -> handler(t).equals("vide")).findFirst().orElseThrow();
        List<long[]> videoEdits = editEntries(video);
        assertEquals(1, videoEdits.size());
        assertEquals(1024, videoEdits.get(0)[1], "video media_time (2 frames at 12800 Hz)");

        Box audio = traks.stream().filter(t -> handler(t).equals("soun")).findFirst().orElseThrow();
        List<long[]> audioEdits = editEntries(audio);
        assertEquals(2, audioEdits.size(), "audio edits: empty edit, then media");
        assertEquals(-1, audioEdits.get(0)[1], "first audio edit is empty");
        long emptyMs = audioEdits.get(0)[0];
        // 500 ms minus 1024 priming samples at 48 kHz, in the 1000 Hz movie timescale.
        assertTrue(Math.abs(emptyMs - 478) <= 1, "empty edit duration " + emptyMs);
        assertEquals(0, audioEdits.get(1)[1]);

        List<Map<String, String>> streams = streams(clip);
        assertEquals(0.0, Double.parseDouble(streams.get(0).get("start_time")), 1e-6);
        assertEquals(0.478, Double.parseDouble(streams.get(1).get("start_time")), 0.002);
        assertSmall(clip);
    }

    @Test
    void moovAtEnd() throws IOException {
        Path clip = TestClips.moovAtEnd();
        List<String> order = topLevelTypes(clip);
        assertTrue(order.indexOf("moov") > order.indexOf("mdat"), "box order " + order);
        assertEquals(2, streams(clip).size());
        assertSmall(clip);
    }

    @Test
    void moovAtStart() throws IOException {
        Path clip = TestClips.moovAtStart();
        List<String> order = topLevelTypes(clip);
        assertTrue(order.indexOf("moov") >= 0 && order.indexOf("moov") < order.indexOf("mdat"), "box order " + order);
        assertEquals(2, streams(clip).size());
        // Same media as moovAtEnd: the two files hold the same boxes, only their order differs.
        assertEquals(Files.size(TestClips.moovAtEnd()), Files.size(clip));
        assertSmall(clip);
    }

    @Test
    void fragmented() throws IOException {
        Path clip = TestClips.fragmented();
        List<Box> top = Box.topLevel(clip);
        List<String> order = top.stream().map(b -> b.type).collect(Collectors.toList());
        assertEquals(List.of("ftyp", "moov"), order.subList(0, 2), "box order " + order);
        assertEquals(6, top.stream().filter(b -> b.type.equals("moof")).count(), "one moof per 1-second GOP");
        for (int i = 2; i < order.size() - 1; i += 2) {
            assertEquals("moof", order.get(i), "box order " + order);
            assertEquals("mdat", order.get(i + 1), "box order " + order);
        }
        assertEquals(1, top.get(1).children("mvex").size(), "empty moov has mvex");
        List<Map<String, String>> streams = streams(clip);
        assertVideo(streams.get(0), "h264", "High", 320, 240, "25/1");
        assertAacStereo(streams.get(1));
        assertSmall(clip);
    }

    @Test
    void ladderIsAligned() throws IOException {
        List<Path> ladder = TestClips.ladder();
        assertEquals(3, ladder.size());
        int[][] sizes = {{426, 240}, {640, 360}, {854, 480}};
        for (int i = 0; i < 3; i++) {
            List<Map<String, String>> streams = streams(ladder.get(i));
            assertEquals(1, streams.size(), "video only");
            assertVideo(streams.get(0), "h264", "High", sizes[i][0], sizes[i][1], "24/1");
            assertEquals(List.of(0.0, 2.0, 4.0, 6.0), keyframeTimes(ladder.get(i)), ladder.get(i).toString());
            assertDuration(ladder.get(i), 8.0);
            assertSmall(ladder.get(i));
        }
    }

    @Test
    void ladderAudio() throws IOException {
        Path clip = TestClips.ladderAudio();
        List<Map<String, String>> streams = streams(clip);
        assertEquals(1, streams.size(), "audio only");
        assertAacStereo(streams.get(0));
        assertDuration(clip, 8.0);
    }

    @Test
    void misalignedLadder() throws IOException {
        List<Path> ladder = TestClips.misalignedLadder();
        assertEquals(2, ladder.size());
        assertVideo(streams(ladder.get(0)).get(0), "h264", "High", 426, 240, "24/1");
        assertVideo(streams(ladder.get(1)).get(0), "h264", "High", 640, 360, "24/1");
        List<Double> gop48 = keyframeTimes(ladder.get(0));
        List<Double> gop37 = keyframeTimes(ladder.get(1));
        assertEquals(List.of(0.0, 2.0, 4.0, 6.0), gop48);
        assertEquals(6, gop37.size(), "keyframes at 0, 37, 74, 111, 148, 185 frames: " + gop37);
        assertEquals(37 / 24.0, gop37.get(1), 0.001);
        Set<Double> shared = new HashSet<>(gop48);
        shared.retainAll(gop37);
        assertEquals(Set.of(0.0), shared, "only the first keyframe is shared");
    }

    @Test
    void twoAudioLanguages() throws IOException {
        Path clip = TestClips.twoAudioLanguages();
        List<Map<String, String>> streams = streams(clip);
        assertEquals(3, streams.size());
        assertVideo(streams.get(0), "h264", "High", 320, 240, "25/1");
        assertAacStereo(streams.get(1));
        assertAacStereo(streams.get(2));
        assertEquals("eng", streams.get(1).get("tag:language"));
        assertEquals("fra", streams.get(2).get("tag:language"));
        assertSmall(clip);
    }

    @Test
    void hevc() throws IOException {
        Path clip = TestClips.hevc();
        List<Map<String, String>> streams = streams(clip);
        assertVideo(streams.get(0), "hevc", "Main", 320, 240, "25/1");
        assertEquals("hvc1", streams.get(0).get("codec_tag_string"));
        assertAacStereo(streams.get(1));
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0), keyframeTimes(clip));
        assertSmall(clip);
    }

    @Test
    void ac3() throws IOException {
        assertAudioCodec(TestClips.ac3(), "ac3", "ac-3");
    }

    @Test
    void eac3() throws IOException {
        assertAudioCodec(TestClips.eac3(), "eac3", "ec-3");
    }

    @Test
    void opusAudio() throws IOException {
        assertAudioCodec(TestClips.opusAudio(), "opus", "Opus");
    }

    @Test
    void unsupportedCodec() throws IOException {
        Path clip = TestClips.unsupportedCodec();
        Map<String, String> video = streams(clip).get(0);
        assertEquals("mpeg4", video.get("codec_name"));
        assertEquals("mp4v", video.get("codec_tag_string"));
        assertSmall(clip);
    }

    @Test
    void notAnMp4() throws IOException {
        Path clip = TestClips.notAnMp4();
        assertTrue(clip.getFileName().toString().endsWith(".mp4"));
        String text = Files.readString(clip, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("This is a text file"), text);
    }

    @Test
    void truncated() throws IOException {
        Path clip = TestClips.truncated();
        byte[] whole = Files.readAllBytes(TestClips.moovAtEnd());
        byte[] part = Files.readAllBytes(clip);
        assertEquals((int) (whole.length * 0.6), part.length);
        assertArrayEquals(java.util.Arrays.copyOf(whole, part.length), part);
        List<String> order = topLevelTypes(clip);
        assertEquals("ftyp", order.get(0));
        assertFalse(order.contains("moov"), "box order " + order);
    }

    @Test
    void sarNonSquare() throws IOException {
        Path clip = TestClips.sarNonSquare();
        Map<String, String> video = streams(clip).get(0);
        assertVideo(video, "h264", "High", 352, 288, "25/1");
        assertEquals("12:11", video.get("sample_aspect_ratio"));
        assertEquals("4:3", video.get("display_aspect_ratio"));
        Box stsd = Box.topLevel(clip).stream().filter(b -> b.type.equals("moov")).findFirst().orElseThrow()
                .children("trak").get(0).path("mdia", "minf", "stbl", "stsd");
        Box avc1 = stsd.children("avc1").get(0);
        Box pasp = avc1.children("pasp").get(0);
        assertEquals(12, pasp.data.getInt(0), "hSpacing");
        assertEquals(11, pasp.data.getInt(4), "vSpacing");
    }

    @Test
    void generationIsIdempotentAndSafeUnderConcurrency() throws Exception {
        Path first = TestClips.moovAtStart();
        long modified = Files.getLastModifiedTime(first).toMillis();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Path>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(TestClips::moovAtStart);
                calls.add(TestClips::truncated);
            }
            for (Future<Path> f : pool.invokeAll(calls)) {
                assertTrue(Files.isRegularFile(f.get()));
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        }
        assertEquals(first, TestClips.moovAtStart());
        assertEquals(modified, Files.getLastModifiedTime(first).toMillis(), "cached clip was not rewritten");
        assertTrue(first.startsWith(TestClips.cacheDir()));
        try (var files = Files.list(TestClips.cacheDir())) {
            List<Path> leftovers = files.filter(p -> p.toString().endsWith(".part")).collect(Collectors.toList());
            assertEquals(List.of(), leftovers, "no temporary files left behind");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Assertions

    private static void assertVideo(Map<String, String> s, String codec, String profile, int width, int height,
                                    String frameRate) {
        assertEquals("video", s.get("codec_type"), s.toString());
        assertEquals(codec, s.get("codec_name"), s.toString());
        assertEquals(profile, s.get("profile"), s.toString());
        assertEquals(String.valueOf(width), s.get("width"), s.toString());
        assertEquals(String.valueOf(height), s.get("height"), s.toString());
        assertEquals(frameRate, s.get("r_frame_rate"), s.toString());
    }

    private static void assertAacStereo(Map<String, String> s) {
        assertEquals("audio", s.get("codec_type"), s.toString());
        assertEquals("aac", s.get("codec_name"), s.toString());
        assertEquals("LC", s.get("profile"), s.toString());
        assertEquals("2", s.get("channels"), s.toString());
        assertEquals("48000", s.get("sample_rate"), s.toString());
    }

    private static void assertAudioCodec(Path clip, String codec, String sampleEntry) throws IOException {
        List<Map<String, String>> streams = streams(clip);
        assertEquals(2, streams.size());
        assertVideo(streams.get(0), "h264", "High", 320, 240, "25/1");
        Map<String, String> audio = streams.get(1);
        assertEquals(codec, audio.get("codec_name"), audio.toString());
        assertEquals(sampleEntry, audio.get("codec_tag_string"), audio.toString());
        assertEquals("2", audio.get("channels"), audio.toString());
        assertEquals("48000", audio.get("sample_rate"), audio.toString());
        assertSmall(clip);
    }

    private static void assertDuration(Path clip, double seconds) {
        String out = ffprobe(List.of("-show_entries", "format=duration", "-of", "csv=p=0"), clip).trim();
        assertEquals(seconds, Double.parseDouble(out), 0.1, clip.toString());
    }

    private static void assertSmall(Path clip) throws IOException {
        assertTrue(Files.size(clip) < 1_000_000, clip + " is " + Files.size(clip) + " bytes");
    }

    // ---------------------------------------------------------------------------------------------
    // ffprobe

    /** One map per stream, keys as ffprobe names them ({@code tag:language} for the language tag). */
    private static List<Map<String, String>> streams(Path clip) {
        String out = ffprobe(List.of("-show_entries",
                "stream=index,codec_type,codec_name,codec_tag_string,profile,width,height,r_frame_rate,"
                        + "has_b_frames,sample_aspect_ratio,display_aspect_ratio,sample_rate,channels,start_time"
                        + ":stream_tags=language",
                "-of", "compact=p=0"), clip);
        List<Map<String, String>> streams = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String field : line.trim().split("\\|")) {
                int eq = field.indexOf('=');
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
            streams.add(fields);
        }
        return streams;
    }

    /** Presentation times of the video keyframes, in seconds, sorted. */
    private static List<Double> keyframeTimes(Path clip) {
        String out = ffprobe(List.of("-select_streams", "v", "-show_entries", "packet=pts_time,flags",
                "-of", "csv=p=0"), clip);
        return out.lines()
                .map(String::trim)
                .filter(l -> l.contains(",K"))
                .map(l -> Double.parseDouble(l.substring(0, l.indexOf(','))))
                .sorted()
                .collect(Collectors.toList());
    }

    private static String ffprobe(List<String> args, Path clip) {
        List<String> command = new ArrayList<>(List.of("ffprobe", "-v", "error"));
        command.addAll(args);
        command.add(clip.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), "ffprobe failed: " + command + "\n" + out);
            return out;
        } catch (IOException e) {
            throw new AssertionError("ffprobe (part of ffmpeg) is required for this test", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // A minimal ISO BMFF box walker: enough to see box order, edit lists and the pasp box.

    private static List<String> topLevelTypes(Path clip) throws IOException {
        return Box.topLevel(clip).stream().map(b -> b.type).collect(Collectors.toList());
    }

    private static String handler(Box trak) {
        ByteBuffer hdlr = trak.path("mdia", "hdlr").data;
        // version/flags (4), pre_defined (4), then handler_type.
        byte[] type = new byte[4];
        hdlr.get(8, type);
        return new String(type, StandardCharsets.US_ASCII);
    }

    /** Each edit of the trak's elst as {segment_duration, media_time}. */
    private static List<long[]> editEntries(Box trak) {
        ByteBuffer elst = trak.path("edts", "elst").data;
        int version = elst.get(0);
        int count = elst.getInt(4);
        List<long[]> edits = new ArrayList<>();
        int pos = 8;
        for (int i = 0; i < count; i++) {
            if (version == 1) {
                edits.add(new long[] {elst.getLong(pos), elst.getLong(pos + 8)});
                pos += 20;
            } else {
                edits.add(new long[] {Integer.toUnsignedLong(elst.getInt(pos)), elst.getInt(pos + 4)});
                pos += 12;
            }
        }
        return edits;
    }

    private static final class Box {
        /** Container boxes, and how many payload bytes precede their child boxes. */
        private static final Map<String, Integer> CONTAINERS = Map.ofEntries(
                Map.entry("moov", 0), Map.entry("trak", 0), Map.entry("mdia", 0), Map.entry("minf", 0),
                Map.entry("stbl", 0), Map.entry("edts", 0), Map.entry("mvex", 0), Map.entry("moof", 0),
                Map.entry("traf", 0),
                // version/flags + entry_count
                Map.entry("stsd", 8),
                // VisualSampleEntry fields before its child boxes
                Map.entry("avc1", 78));

        final String type;
        /** The payload (after the header); for a box cut short by the end of the file, what there is. */
        final ByteBuffer data;

        private Box(String type, ByteBuffer data) {
            this.type = type;
            this.data = data;
        }

        static List<Box> topLevel(Path file) throws IOException {
            return parse(ByteBuffer.wrap(Files.readAllBytes(file)));
        }

        static List<Box> parse(ByteBuffer buf) {
            List<Box> boxes = new ArrayList<>();
            int pos = 0;
            while (pos + 8 <= buf.limit()) {
                long size = Integer.toUnsignedLong(buf.getInt(pos));
                byte[] type = new byte[4];
                buf.get(pos + 4, type);
                int header = 8;
                if (size == 1) {
                    size = buf.getLong(pos + 8);
                    header = 16;
                } else if (size == 0) {
                    size = buf.limit() - pos;
                }
                assertTrue(size >= header, "bad box size " + size + " at " + pos);
                int end = (int) Math.min(buf.limit(), pos + size);
                boxes.add(new Box(new String(type, StandardCharsets.US_ASCII), buf.slice(pos + header, end - pos - header)));
                if (pos + size > buf.limit()) {
                    break;
                }
                pos = (int) (pos + size);
            }
            return boxes;
        }

        List<Box> children(String childType) {
            Integer skip = CONTAINERS.get(type);
            assertNotEquals(null, skip, type + " is not a container this walker knows");
            return parse(data.slice(skip, data.limit() - skip)).stream()
                    .filter(b -> b.type.equals(childType))
                    .collect(Collectors.toList());
        }

        Box path(String... types) {
            Box box = this;
            for (String t : types) {
                List<Box> found = box.children(t);
                assertEquals(1, found.size(), "expected one " + t + " in " + box.type);
                box = found.get(0);
            }
            return box;
        }
    }
}
