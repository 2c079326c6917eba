package io.packager4j.platform.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.packager4j.testkit.Ffmpeg;
import io.packager4j.testkit.HeadlessPlayer;
import io.packager4j.testkit.MpdSchemaValidator;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ABR ladders on the platform jar run as a process: a 720p upload asked for 360p, 720p and 1080p is
 * transcoded by ffmpeg (progress rising while it runs), packaged into one encrypted MPD with 360p and
 * 720p (1080p is not made by scaling up) whose segments all start with key frames at the same
 * instants in both renditions, and played in headless Chromium switching between them. Also: a
 * platform killed mid-transcode leaves no ffmpeg behind and resumes the job; requests that cannot be
 * made are refused with nothing stored; and without ffmpeg, renditions get a 422 while plain
 * packages still work.
 */
class LadderIT {

    private static final String NS_MPD = "urn:mpeg:dash:schema:mpd:2011";
    private static final String NS_CENC = "urn:mpeg:cenc:2013";
    private static final double SEGMENT_SECONDS = 4;

    @TempDir
    static Path work;
    /** 12 s of 1280x720 25 fps H.264 with AAC stereo, made by ffmpeg for these tests. */
    static Path source;
    static PlatformProcess platform;
    static PlatformClient client;

    @BeforeAll
    static void start() throws IOException {
        source = work.resolve("clip-720p.mp4");
        Ffmpeg.run("-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25:duration=12",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=12",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "30", "-c:a", "aac", "-b:a", "96k", "-ac", "2",
                source.toString());
        platform = PlatformProcess.start(work.resolve("data"), work.resolve("platform.log"));
        client = platform.client();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aLadderIsTranscodedPackagedAlignedAndPlayedSwitchingRenditions() throws Exception {
        long inputId = client.uploadOk(source);
        PlatformClient.Reply created = client.postJson("/api/packages", request(inputId, "[\"360p\", \"720p\", \"1080p\"]"));
        assertEquals(202, created.status(), created.body());
        JsonNode doc = created.json();
        assertEquals("[\"360p\",\"720p\",\"1080p\"]", doc.get("renditions").toString(), "the request, as asked");
        assertEquals(List.of("360p", "720p"), names(doc.get("ladder")), "no 1080p from a 720p upload: " + doc);
        assertEquals(List.of(800_000L, 3_000_000L), bitrates(doc.get("ladder")));
        long id = doc.get("packaged_content_id").asLong();

        List<JsonNode> history = pollUntilDone(id);
        JsonNode ready = history.get(history.size() - 1);
        assertEquals("Ready", ready.get("status").asText(), ready.toString());
        assertEquals(100, ready.get("progress").asInt());
        assertEquals(List.of("360p", "720p"), names(ready.get("ladder")));
        assertProgressRoseDuringTheTranscode(history);

        Path local = work.resolve("fetched-" + id);
        Document mpd = fetchValidMpd(id, local);
        Map<Integer, Element> video = videoRepresentations(mpd);
        assertEquals(List.of(360, 720), new ArrayList<>(video.keySet()), "one video adaptation set with 360p and 720p");
        assertEquals("640", video.get(360).getAttribute("width"));
        assertEquals("1280", video.get(720).getAttribute("width"));
        assertEquals(1, representationsOf(mpd, "audio").size(), "one audio representation for every rendition");
        assertEveryAdaptationSetIsEncrypted(mpd);

        List<Double> timeline360 = segmentStarts(video.get(360));
        assertEquals(timeline360, segmentStarts(video.get(720)), "the same segment timeline in both renditions");
        assertEquals(3, timeline360.size(), "12 s in 4 s segments: " + timeline360);

        // Each segment decodes on its own (init + that segment, decrypted with the key) from a key
        // frame; read as one stream, the renditions' segments start at the same instants,
        // SEGMENT_SECONDS apart.
        Map<Integer, List<Double>> starts = new LinkedHashMap<>();
        for (Map.Entry<Integer, Element> rep : video.entrySet()) {
            List<Path> files = fetchSegments(id, rep.getValue(), timeline360.size(), local);
            for (int k = 1; k < files.size(); k++) {
                List<Ffmpeg.DecodedFrame> frames = Ffmpeg.decodedFrames(List.of(files.get(0), files.get(k)), "v:0",
                        PlatformClient.KEY_HEX);
                Ffmpeg.DecodedFrame first = frames.get(0);
                String where = rep.getKey() + "p segment " + k + ": " + first;
                assertTrue(first.keyFrame() && "I".equals(first.pictType()), "starts with a key frame: " + where);
                assertEquals(rep.getKey(), first.height(), where);
                assertEquals(100, frames.size(), "4 s at 25 fps: " + where);
            }
            starts.put(rep.getKey(), segmentStartTimes(files));
        }
        assertEquals(starts.get(360), starts.get(720), "key frames at the same instants in every rendition: " + starts);
        List<Double> s = starts.get(360);
        for (int k = 1; k < s.size(); k++) {
            assertEquals(SEGMENT_SECONDS, s.get(k) - s.get(k - 1), 1e-6, "segments " + SEGMENT_SECONDS + " s apart: " + s);
        }

        String hls = client.get("/content/" + id + "/master.m3u8").body();
        assertTrue(hls.contains("RESOLUTION=640x360") && hls.contains("RESOLUTION=1280x720"), hls);

        // The download is the tallest rendition with the audio.
        Path download = local.resolve("download.mp4");
        Files.write(download, client.getBytes("/download/" + id));
        List<Ffmpeg.StreamInfo> streams = Ffmpeg.ffprobeStreams(download);
        assertEquals(List.of("video", "audio"), streams.stream().map(Ffmpeg.StreamInfo::codecType).toList(), streams.toString());
        assertEquals(1280, streams.get(0).width());
        assertEquals(720, streams.get(0).height());

        HeadlessPlayer.switchRenditions(client.uri("/play/" + id), Duration.ofSeconds(60))
                .assertSwitchedThrough(List.of(360, 720));
    }

    @Test
    void renditionRequestsThatCannotBeMadeAreRefusedWithNothingStored() throws Exception {
        long audioOnly = client.uploadOk(TestClips.ladderAudio());
        long video = client.uploadOk(TestClips.moovAtStart());
        long packagesBefore = client.get("/api/packages").json().get("total").asLong();

        JsonNode noVideo = expect(422, client.postJson("/api/packages", request(audioOnly, "[\"360p\"]")));
        assertEquals("no_video", noVideo.get("code").asText());
        assertTrue(noVideo.get("message").asText().contains("no video track"), noVideo.toString());

        expectBadRenditions(video, "[]", "must name at least one of 240p, 360p, 480p, 540p, 720p, 1080p");
        expectBadRenditions(video, "[\"360p\", \"4k\"]", "unknown rendition \"4k\"");
        expectBadRenditions(video, "[\"720p\", \"720P\"]", "names 720p twice");
        expectBadRenditions(video, "\"720p\"", "must be an array of strings");
        expectBadRenditions(video, "[720]", "must be an array of strings");
        assertEquals(404, client.postJson("/packaged_content", request(987654, "[\"360p\"]")).status());

        assertEquals(packagesBefore, client.get("/api/packages").json().get("total").asLong(), "no package stored");
    }

    @Test
    void aPlatformKilledMidTranscodeLeavesNoFfmpegAndTheJobResumes() throws Exception {
        Path data = work.resolve("data-killed");
        Path log = work.resolve("platform-killed.log");
        String[] flags = {"--heartbeat", "PT1S"};
        long id;
        ProcessHandle ffmpeg;
        try (PlatformProcess first = PlatformProcess.start(data, log, flags)) {
            PlatformClient c = first.client();
            long inputId = c.uploadOk(source);
            PlatformClient.Reply created = c.postJson("/api/packages", request(inputId, "[\"240p\", \"720p\"]"));
            assertEquals(202, created.status(), created.body());
            id = created.json().get("packaged_content_id").asLong();
            JsonNode transcoding = c.pollPackage(id, n -> n.get("progress").asInt() > 0 || !isIngested(n),
                    Duration.ofSeconds(60), Duration.ofMillis(10));
            assertTrue(isIngested(transcoding) && transcoding.get("progress").asInt() < 50,
                    "the kill must land mid-transcode: " + transcoding);
            List<ProcessHandle> children = ProcessHandle.of(first.pid()).orElseThrow().descendants()
                    .filter(h -> h.info().command().map(cmd -> cmd.endsWith("ffmpeg")).orElse(false)).toList();
            assertEquals(1, children.size(), "one ffmpeg for the ladder: " + children);
            ffmpeg = children.get(0);
            first.kill();
        }
        // The kernel kills ffmpeg with its parent (setpriv --pdeathsig). Were it orphaned, it would go
        // on to finish its files; killed, it leaves them without their index (no moov).
        ffmpeg.onExit().get(60, TimeUnit.SECONDS);
        Path partial = data.resolve("work").resolve(Long.toString(id)).resolve("renditions.part");
        assertTrue(Files.isRegularFile(partial.resolve("video-720.mp4")), "ffmpeg had started writing");
        assertThrows(AssertionError.class, () -> Ffmpeg.ffprobeStreams(partial.resolve("video-720.mp4")),
                "ffmpeg died with the platform: its output was never finished");
        assertFalse(Files.exists(partial.resolveSibling("renditions")), "no renditions published by the dead job");

        try (PlatformProcess second = PlatformProcess.start(data, log, flags)) {
            PlatformClient c = second.client();
            JsonNode ready = c.awaitReady(id);
            assertTrue(ready.get("attempts").asInt() >= 2, "the job ran again: " + ready);
            assertFalse(Files.exists(data.resolve("work").resolve(Long.toString(id))), "work files removed");
            Document mpd = fetchValidMpd(c, id, work.resolve("fetched-killed"));
            assertEquals(List.of(240, 720), new ArrayList<>(videoRepresentations(mpd).keySet()));
            Element rep240 = videoRepresentations(mpd).get(240);
            assertEquals("426", rep240.getAttribute("width"), "240 x 16/9, even");
        }
    }

    @Test
    void withoutFfmpegRenditionsGet422AndPlainPackagesStillWork() throws Exception {
        Path data = work.resolve("data-no-ffmpeg");
        Path log = work.resolve("platform-no-ffmpeg.log");
        try (PlatformProcess noFfmpeg = PlatformProcess.start(data, log, "--ffmpeg", "/nonexistent/ffmpeg")) {
            PlatformClient c = noFfmpeg.client();
            long inputId = c.uploadOk(TestClips.moovAtStart());
            for (String path : List.of("/packaged_content", "/api/packages")) {
                PlatformClient.Reply r = c.postJson(path, request(inputId, "[\"360p\", \"720p\"]"));
                assertEquals(422, r.status(), path + ": " + r.body());
                JsonNode error = r.json();
                assertEquals("transcoder_unavailable", error.get("code").asText());
                String message = error.get("message").asText();
                assertTrue(message.contains("\"renditions\" need ffmpeg") && message.contains("leave \"renditions\" out"),
                        message);
                assertFalse(message.contains("/nonexistent"), "no server path in the message: " + message);
            }
            assertEquals(0, c.get("/api/packages").json().get("total").asLong(), "nothing stored");
            assertEquals(List.of(), list(data.resolve("packages")));
            assertEquals(List.of(), list(data.resolve("work")));

            long plain = c.requestPackage(inputId, null);
            JsonNode ready = c.awaitReady(plain);
            assertFalse(ready.has("renditions") || ready.has("ladder"), ready.toString());
            MpdSchemaValidator.assertValid(Files.write(work.resolve("plain.mpd"),
                    c.getBytes("/content/" + plain + "/manifest.mpd")));
        }
        String startLog = Files.readString(log);
        assertTrue(startLog.contains("renditions (ABR ladders) disabled, requests for them get 422: cannot run "
                + "/nonexistent/ffmpeg"), "the operator is told why: " + startLog);
    }

    // ---------------------------------------------------------------------------------------------

    private static String request(long inputId, String renditionsJson) {
        return "{\"input_content_id\": " + inputId + ", \"key\": \"" + PlatformClient.KEY_B64URL + "\", \"kid\": \""
                + PlatformClient.KID_B64URL + "\", \"renditions\": " + renditionsJson + "}";
    }

    private static JsonNode expect(int status, PlatformClient.Reply r) {
        assertEquals(status, r.status(), r.body());
        return r.json();
    }

    private static void expectBadRenditions(long inputId, String renditionsJson, String messagePart) {
        JsonNode e = expect(400, client.postJson("/packaged_content", request(inputId, renditionsJson)));
        assertEquals("bad_renditions", e.get("code").asText(), e.toString());
        assertTrue(e.get("message").asText().contains(messagePart), e.toString());
    }

    private static boolean isIngested(JsonNode n) {
        return n.get("status").asText().equals("Ingested");
    }

    private static List<String> names(JsonNode ladder) {
        List<String> names = new ArrayList<>();
        ladder.forEach(r -> names.add(r.get("name").asText()));
        return names;
    }

    private static List<Long> bitrates(JsonNode ladder) {
        List<Long> bitrates = new ArrayList<>();
        ladder.forEach(r -> bitrates.add(r.get("video_bitrate").asLong()));
        return bitrates;
    }

    /** Every status document from the request until Ready or Failed, polled often. */
    private static List<JsonNode> pollUntilDone(long id) {
        List<JsonNode> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            JsonNode n = client.get("/packaged_content/" + id).json();
            seen.add(n);
            if (List.of("Ready", "Failed").contains(n.get("status").asText())) {
                return seen;
            }
            PlatformClient.sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("package " + id + " did not finish; last: " + seen.get(seen.size() - 1));
    }

    /**
     * While the status is still Ingested (the transcode), progress took several values between 0 and
     * 50, and over the whole job it never went back.
     */
    private static void assertProgressRoseDuringTheTranscode(List<JsonNode> history) {
        List<Integer> all = history.stream().map(n -> n.get("progress").asInt()).toList();
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i) >= all.get(i - 1), "progress never goes back: " + all);
        }
        List<Integer> transcoding = history.stream().filter(LadderIT::isIngested).map(n -> n.get("progress").asInt())
                .filter(p -> p > 0 && p <= 50).distinct().toList();
        assertTrue(transcoding.size() >= 2, "the transcode reported rising progress: " + transcoding + " (all: " + all + ")");
        assertTrue(transcoding.stream().anyMatch(p -> p < 50), "a value before the transcode's end: " + transcoding);
    }

    private static Document fetchValidMpd(long id, Path local) throws Exception {
        return fetchValidMpd(client, id, local);
    }

    private static Document fetchValidMpd(PlatformClient c, long id, Path local) throws Exception {
        Files.createDirectories(local);
        Path mpd = Files.write(local.resolve("manifest.mpd"), c.getBytes("/content/" + id + "/manifest.mpd"));
        MpdSchemaValidator.assertValid(mpd);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(mpd.toFile());
    }

    private static List<Element> elements(Element parent, String ns, String name) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagNameNS(ns, name);
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add((Element) nodes.item(i));
        }
        return result;
    }

    private static List<Element> adaptationSets(Document mpd, String contentType) {
        return elements(mpd.getDocumentElement(), NS_MPD, "AdaptationSet").stream()
                .filter(a -> contentType.equals(a.getAttribute("contentType"))).toList();
    }

    private static List<Element> representationsOf(Document mpd, String contentType) {
        List<Element> sets = adaptationSets(mpd, contentType);
        assertEquals(1, sets.size(), "one " + contentType + " adaptation set");
        return elements(sets.get(0), NS_MPD, "Representation");
    }

    /** The video representations by height, shortest first. */
    private static Map<Integer, Element> videoRepresentations(Document mpd) {
        Map<Integer, Element> byHeight = new LinkedHashMap<>();
        representationsOf(mpd, "video").stream()
                .sorted((a, b) -> Integer.compare(Integer.parseInt(a.getAttribute("height")),
                        Integer.parseInt(b.getAttribute("height"))))
                .forEach(r -> byHeight.put(Integer.parseInt(r.getAttribute("height")), r));
        return byHeight;
    }

    private static void assertEveryAdaptationSetIsEncrypted(Document mpd) {
        List<Element> sets = elements(mpd.getDocumentElement(), NS_MPD, "AdaptationSet");
        assertEquals(2, sets.size(), "video and audio");
        for (Element set : sets) {
            Optional<String> kid = elements(set, NS_MPD, "ContentProtection").stream()
                    .map(cp -> cp.getAttributeNS(NS_CENC, "default_KID")).filter(k -> !k.isEmpty()).findFirst();
            assertEquals(Optional.of("a16e402b-9056-e371-f36d-348aa62bb749"), kid,
                    set.getAttribute("contentType") + " is encrypted with the request's KID");
        }
    }

    /** A representation's segment start times in seconds, from its SegmentTimeline. */
    private static List<Double> segmentStarts(Element representation) {
        Element template = elements(representation, NS_MPD, "SegmentTemplate").get(0);
        double timescale = Double.parseDouble(template.getAttribute("timescale"));
        List<Double> starts = new ArrayList<>();
        long t = 0;
        for (Element s : elements(template, NS_MPD, "S")) {
            if (s.hasAttribute("t")) {
                t = Long.parseLong(s.getAttribute("t"));
            }
            long d = Long.parseLong(s.getAttribute("d"));
            int repeat = s.hasAttribute("r") ? Integer.parseInt(s.getAttribute("r")) : 0;
            for (int i = 0; i <= repeat; i++) {
                starts.add(t / timescale);
                t += d;
            }
        }
        return starts;
    }

    /** The representation's init segment then its media segments, fetched over HTTP as a player would. */
    private static List<Path> fetchSegments(long id, Element representation, int count, Path local) throws IOException {
        Element template = elements(representation, NS_MPD, "SegmentTemplate").get(0);
        List<String> names = new ArrayList<>();
        names.add(template.getAttribute("initialization"));
        int first = Integer.parseInt(template.getAttribute("startNumber"));
        for (int n = first; n < first + count; n++) {
            names.add(template.getAttribute("media").replace("$Number$", Integer.toString(n)));
        }
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            Path file = local.resolve(name);
            Files.createDirectories(file.getParent());
            files.add(Files.write(file, client.getBytes("/content/" + id + "/" + name)));
        }
        return files;
    }

    /**
     * The presentation time of each media segment's first sample, read with ffprobe from the init
     * segment and all media segments piped as one stream (a packet belongs to the segment whose bytes
     * hold it); each must be a key frame.
     */
    private static List<Double> segmentStartTimes(List<Path> files) throws IOException {
        List<Ffmpeg.PacketTime> packets = Ffmpeg.packetTimes(files, "v:0");
        List<Double> starts = new ArrayList<>();
        long offset = Files.size(files.get(0));
        for (int k = 1; k < files.size(); k++) {
            long from = offset;
            long to = from + Files.size(files.get(k));
            Ffmpeg.PacketTime first = packets.stream().filter(p -> p.pos() >= from && p.pos() < to).findFirst()
                    .orElseThrow(() -> new AssertionError("no packet in segment " + from));
            assertTrue(first.keyFrame(), "segment starting at byte " + from + " starts with a key frame: " + first);
            starts.add(first.ptsTime());
            offset = to;
        }
        return starts;
    }

    private static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
