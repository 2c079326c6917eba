package io.packager4j.it;

import io.packager4j.Packager;
import io.packager4j.PackagingResult;
import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.crypto.ContentKey;
import io.packager4j.crypto.EncryptedTracks;
import io.packager4j.crypto.Encryption;
import io.packager4j.crypto.KeyId;
import io.packager4j.hls.HlsOptions;
import io.packager4j.testkit.Ffmpeg;
import io.packager4j.testkit.HlsParser;
import io.packager4j.testkit.MpdSchemaValidator;
import io.packager4j.testkit.SharedTestData;
import io.packager4j.testkit.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HLS playlists, as read by an independent parser (hls-parser from npm, strict mode), say
 * what the DASH manifest and the files say: the same segments with the same durations and codecs,
 * byte ranges on real {@code moof} boxes (on demand: exactly the {@code sidx} references), I-frame
 * ranges that end where ffprobe says each segment's first key frame ends, the right EXT-X-KEY on
 * exactly the encrypted segments, and subtitles that are the given files. Each MPD, subtitle
 * AdaptationSet included, validates against the DASH schema.
 */
class HlsConformanceTest {

    private static final double TOLERANCE = 1e-6;

    @Test
    void ladderWithAudioAndSubtitlesLive(@TempDir Path tmp) throws Exception {
        PackagingResult result = Packager.builder()
                .inputs(Stream.concat(TestClips.ladder().stream(), Stream.of(TestClips.ladderAudio())).toList())
                .subtitles(HlsPlaybackTest.SUBTITLES_EN, "en").subtitles(HlsPlaybackTest.SUBTITLES_FR, "fr")
                .output(tmp.resolve("out")).segmentDuration(Duration.ofSeconds(2)).hls(true).build().run();
        HlsParser.Result hls = checkAgainstMpd(result);
        assertEquals(3, variants(hls, false).size(), "one variant per video rendition (one audio group)");
        assertEquals(3, variants(hls, true).size(), "one I-frame playlist per video rendition");
        assertEquals(Set.of("en", "fr"), languages(variants(hls, false).get(0).subtitles()));
    }

    @Test
    void twoAudioLanguagesOnDemand(@TempDir Path tmp) throws Exception {
        PackagingResult result = Packager.builder().input(TestClips.twoAudioLanguages())
                .subtitles(HlsPlaybackTest.SUBTITLES_FR, "fr").profile(OutputProfile.ON_DEMAND).output(tmp.resolve("out")).segmentDuration(Duration.ofSeconds(2))
                .hls(true).build().run();
        HlsParser.Result hls = checkAgainstMpd(result);
        HlsParser.Variant variant = variants(hls, false).get(0);
        assertEquals(2, variant.audio().size(), "both languages are renditions of the variant's audio group");
        assertEquals(1, variant.audio().stream().filter(HlsParser.Rendition::isDefault).count(), "one DEFAULT=YES");
    }

    @Test
    void bFramesAndEditListsOnDemand(@TempDir Path tmp) throws Exception {
        checkAgainstMpd(Packager.builder().input(TestClips.editList()).profile(OutputProfile.ON_DEMAND)
                .output(tmp.resolve("out")).segmentDuration(Duration.ofSeconds(2)).hls(true).build().run());
    }

    /** cbcs, separate video and audio keys with their own URIs, and a clear lead: keys start after it. */
    @Test
    void cbcsWithClearLeadAndPerTrackKeys(@TempDir Path tmp) throws Exception {
        KeyId videoKid = KeyId.parse(EncryptedPackagingTest.KID_HEX);
        KeyId audioKid = KeyId.parse(EncryptedPackagingTest.AUDIO_KID_HEX);
        Encryption encryption = Encryption.builder(ProtectionScheme.CBCS)
                .videoKey(videoKid, ContentKey.parse(EncryptedPackagingTest.KEY_HEX))
                .audioKey(audioKid, ContentKey.parse(EncryptedPackagingTest.AUDIO_KEY_HEX))
                .clearLead(Duration.ofSeconds(3)).build();
        PackagingResult result = Packager.builder().input(SharedTestData.mp4ff("bbb_prog_10s.mp4"))
                .output(tmp.resolve("out")).segmentDuration(Duration.ofSeconds(2)).encryption(encryption)
                .hls(HlsOptions.builder().keyUri(videoKid, "https://keys.example.com/video")
                        .keyUri(audioKid, "https://keys.example.com/audio").build())
                .build().run();
        HlsParser.Result hls = checkAgainstMpd(result);
        assertEquals(List.of("https://keys.example.com/video", "https://keys.example.com/audio"),
                hls.master().sessionKeys().stream().map(HlsParser.Key::uri).toList());
        for (HlsParser.Media media : hls.playlists().values()) {
            List<HlsParser.Segment> segments = media.segments();
            // bbb's first segment starts at 0 (< 3 s, clear), the second at about 2.6 s (clear), then encrypted.
            assertNull(segments.get(0).key(), "clear lead");
            assertNull(segments.get(1).key(), "clear lead");
            for (HlsParser.Segment s : segments.subList(2, segments.size())) {
                assertNotNull(s.key(), "encrypted after the clear lead");
                assertEquals("SAMPLE-AES", s.key().method());
                assertEquals("identity", s.key().format());
                assertEquals("1", s.key().formatVersion());
                assertFalse(s.key().hasIv(), "cbcs IVs are in the init segment, not the playlist");
            }
        }
    }

    @Test
    void cencVideoOnlyOnDemand(@TempDir Path tmp) throws Exception {
        Encryption encryption = Encryption.builder(ProtectionScheme.CENC)
                .key(KeyId.parse(EncryptedPackagingTest.KID_HEX), ContentKey.parse(EncryptedPackagingTest.KEY_HEX))
                .tracks(EncryptedTracks.VIDEO).build();
        PackagingResult result = Packager.builder().input(SharedTestData.mp4ff("bbb_prog_10s.mp4"))
                .profile(OutputProfile.ON_DEMAND).output(tmp.resolve("out")).segmentDuration(Duration.ofSeconds(2))
                .encryption(encryption).hls(HlsOptions.builder().keyUri("skd://key").keyFormat("com.example.drm")
                        .keyFormatVersions("1/2").build())
                .build().run();
        HlsParser.Result hls = checkAgainstMpd(result);
        HlsParser.Variant variant = variants(hls, false).get(0);
        for (HlsParser.Segment s : hls.playlists().get(variant.uri()).segments()) {
            assertEquals(new HlsParser.Key("SAMPLE-AES-CTR", "skd://key", "com.example.drm", "1/2", false), s.key());
        }
        for (HlsParser.Segment s : hls.playlists().get(variant.audio().get(0).uri()).segments()) {
            assertNull(s.key(), "audio stays clear");
        }
        assertEquals(1, hls.master().sessionKeys().size());
    }

    // ---------------------------------------------------------------------------------------------

    /** Every check that relates the playlists to the MPD and the files; returns what the parser read. */
    private static HlsParser.Result checkAgainstMpd(PackagingResult result) throws Exception {
        Path dir = result.outputDirectory();
        MpdSchemaValidator.assertValid(result.manifest());
        assertEquals(dir.resolve("master.m3u8"), result.hlsPlaylist());
        HlsParser.Result hls = HlsParser.parse(dir, "master.m3u8");
        MpdDom mpd = MpdDom.read(result.manifest());
        boolean onDemand = result.profile() == OutputProfile.ON_DEMAND;

        assertTrue(hls.master().version() >= 7, "version 7+ for fMP4");
        assertTrue(hls.master().independentSegments(), "EXT-X-INDEPENDENT-SEGMENTS");
        List<Element> videoReps = representations(mpd, "video");
        List<Element> audioReps = representations(mpd, "audio");
        Set<String> checked = new TreeSet<>();
        for (HlsParser.Variant v : variants(hls, false)) {
            Element video = byId(videoReps, stem(v.uri()));
            List<String> codecs = new ArrayList<>(List.of(codecs(video)));
            long minBandwidth = Long.parseLong(video.getAttribute("bandwidth"));
            long maxAudio = 0;
            for (HlsParser.Rendition a : v.audio()) {
                Element audio = byId(audioReps, stem(a.uri()));
                if (!codecs.contains(codecs(audio))) {
                    codecs.add(codecs(audio));
                }
                maxAudio = Math.max(maxAudio, Long.parseLong(audio.getAttribute("bandwidth")));
                assertEquals(((Element) audio.getParentNode()).getAttribute("lang"), a.language());
                assertEquals(MpdDom.elements(audio, "AudioChannelConfiguration").get(0).getAttribute("value"), a.channels());
                checkMedia(dir, hls.playlists().get(a.uri()), audio, onDemand, false);
                checked.add(a.uri());
            }
            assertEquals(String.join(",", codecs), v.codecs(), "CODECS = the MPD's video and audio codecs");
            assertTrue(v.bandwidth() >= minBandwidth + maxAudio, "BANDWIDTH covers video and audio peaks");
            assertNotNull(v.averageBandwidth(), "AVERAGE-BANDWIDTH");
            assertTrue(v.averageBandwidth() <= v.bandwidth(), "average <= peak");
            assertEquals(Integer.parseInt(video.getAttribute("height")), v.height(), "RESOLUTION height");
            assertNotNull(v.width(), "RESOLUTION");
            assertEquals(frameRate(video), v.frameRate(), 0.0005, "FRAME-RATE");
            checkMedia(dir, hls.playlists().get(v.uri()), video, onDemand, false);
            checked.add(v.uri());
            for (HlsParser.Rendition s : v.subtitles()) {
                checkSubtitles(dir, mpd, s, hls.playlists().get(s.uri()));
                checked.add(s.uri());
            }
        }
        for (HlsParser.Variant i : variants(hls, true)) {
            Element video = byId(videoReps, stem(i.uri()).replaceFirst("_iframes$", ""));
            assertEquals(codecs(video), i.codecs());
            checkMedia(dir, hls.playlists().get(i.uri()), video, onDemand, true);
            checked.add(i.uri());
        }
        assertEquals(new TreeSet<>(hls.playlists().keySet()), checked, "every playlist was checked");
        Set<String> mpdIds = new TreeSet<>();
        videoReps.forEach(r -> mpdIds.add(r.getAttribute("id")));
        audioReps.forEach(r -> mpdIds.add(r.getAttribute("id")));
        Set<String> hlsIds = new TreeSet<>();
        checked.stream().filter(u -> !u.contains("_iframes") && !u.startsWith("subtitles_")).forEach(u -> hlsIds.add(stem(u)));
        assertEquals(mpdIds, hlsIds, "every representation of the MPD has its HLS playlist");
        return hls;
    }

    /** One media or I-frame playlist against its MPD Representation and files. */
    private static void checkMedia(Path dir, HlsParser.Media media, Element rep, boolean onDemand, boolean iFrames)
            throws Exception {
        String id = rep.getAttribute("id");
        assertNotNull(media, "playlist of " + id);
        assertEquals("VOD", media.playlistType());
        assertTrue(media.endlist(), "EXT-X-ENDLIST");
        assertTrue(media.version() >= 7);
        assertEquals(iFrames, media.isIFrame());
        List<HlsParser.Segment> segments = media.segments();
        for (HlsParser.Segment s : segments) {
            assertTrue(Math.round(s.duration()) <= media.targetDuration(), "EXTINF rounded <= target duration");
        }
        List<Double> expectedDurations = new ArrayList<>();
        List<long[]> expectedRanges = new ArrayList<>();
        Path onDemandFile = null;
        if (onDemand) {
            String baseUrl = MpdDom.elements(rep, "BaseURL").get(0).getTextContent();
            onDemandFile = dir.resolve(decode(baseUrl));
            Element segmentBase = MpdDom.elements(rep, "SegmentBase").get(0);
            String[] init = MpdDom.elements(segmentBase, "Initialization").get(0).getAttribute("range").split("-");
            for (HlsParser.Segment s : segments) {
                assertEquals(baseUrl, s.uri());
                assertEquals(baseUrl, s.mapUri());
                assertEquals(new HlsParser.Range(Long.parseLong(init[1]) - Long.parseLong(init[0]) + 1,
                        Long.parseLong(init[0])), s.mapByteRange(), "EXT-X-MAP BYTERANGE = Initialization@range");
            }
            readSidx(onDemandFile, segmentBase.getAttribute("indexRange"), expectedDurations, expectedRanges);
        } else {
            Element template = MpdDom.elements(rep, "SegmentTemplate").get(0);
            List<Double> bounds = MpdDom.segmentBoundariesSeconds(rep);
            for (int i = 0; i + 1 < bounds.size(); i++) {
                expectedDurations.add(bounds.get(i + 1) - bounds.get(i));
                String uri = template.getAttribute("media").replace("$Number$",
                        Long.toString(Long.parseLong(template.getAttribute("startNumber")) + i));
                assertEquals(uri, segments.get(Math.min(i, segments.size() - 1)).uri());
            }
            for (HlsParser.Segment s : segments) {
                assertEquals(template.getAttribute("initialization"), s.mapUri(), "EXT-X-MAP = SegmentTemplate@initialization");
                assertTrue(Files.isRegularFile(dir.resolve(decode(s.uri()))), s.uri());
            }
        }
        assertEquals(expectedDurations.size(), segments.size(), id + ": segment count");
        for (int i = 0; i < segments.size(); i++) {
            assertEquals(expectedDurations.get(i), segments.get(i).duration(), TOLERANCE, id + ": segment " + (i + 1));
            HlsParser.Range range = segments.get(i).byteRange();
            if (iFrames) {
                Path file = onDemand ? onDemandFile : dir.resolve(decode(segments.get(i).uri()));
                long segmentStart = onDemand ? expectedRanges.get(i)[0] : 0;
                long segmentEnd = onDemand ? expectedRanges.get(i)[0] + expectedRanges.get(i)[1] : Files.size(file);
                checkKeyFrameRange(dir, rep, file, range, segmentStart, segmentEnd);
            } else if (onDemand) {
                assertEquals(new HlsParser.Range(expectedRanges.get(i)[1], expectedRanges.get(i)[0]), range,
                        id + ": byte range of segment " + (i + 1) + " = its sidx reference");
                assertEquals("moof", boxTypeAt(onDemandFile, range.offset()));
            } else {
                assertNull(range, "live segments are whole files");
            }
        }
    }

    /**
     * The I-frame range starts on the segment's {@code moof} and ends where ffprobe says the
     * segment's first packet (a key frame) ends.
     */
    private static void checkKeyFrameRange(Path dir, Element rep, Path file, HlsParser.Range range,
                                           long segmentStart, long segmentEnd) throws Exception {
        assertNotNull(range, "I-frame segments have byte ranges");
        assertEquals("moof", boxTypeAt(file, range.offset()), "the I-frame range starts on a moof");
        List<Path> piped;
        long base;
        if (file.getFileName().toString().endsWith(".m4s")) {
            Path init = dir.resolve(decode(MpdDom.elements(rep, "SegmentTemplate").get(0).getAttribute("initialization")));
            piped = List.of(init, file);
            base = Files.size(init);
        } else {
            piped = List.of(file);
            base = 0;
        }
        Ffmpeg.PacketInfo first = Ffmpeg.packets(piped, "v:0").stream()
                .filter(p -> p.pos() - base >= segmentStart && p.pos() - base < segmentEnd)
                .min((a, b) -> Long.compare(a.pos(), b.pos())).orElseThrow();
        assertTrue(first.keyFrame(), "the segment starts with a key frame");
        assertEquals(first.pos() - base + first.size(), range.offset() + range.length(),
                "the I-frame range ends where the first key frame's data ends");
    }

    private static void checkSubtitles(Path dir, MpdDom mpd, HlsParser.Rendition s, HlsParser.Media media) throws IOException {
        Element text = mpd.adaptationSets().stream().filter(a -> "text".equals(a.getAttribute("contentType"))
                && a.getAttribute("lang").equals(s.language())).findFirst().orElseThrow();
        assertEquals("text/vtt", text.getAttribute("mimeType"));
        String baseUrl = MpdDom.elements(text, "BaseURL").get(0).getTextContent();
        assertEquals(1, media.segments().size(), "one WebVTT file");
        assertEquals(baseUrl, media.segments().get(0).uri(), "HLS and DASH share the file");
        Path source = "en".equals(s.language()) ? HlsPlaybackTest.SUBTITLES_EN : HlsPlaybackTest.SUBTITLES_FR;
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(dir.resolve(decode(baseUrl))), "copied unchanged");
        assertFalse(s.isDefault());
    }

    /** Reads a version-0 or -1 sidx's references: durations in seconds and [offset, size] of each. */
    private static void readSidx(Path file, String indexRange, List<Double> durations, List<long[]> ranges)
            throws IOException {
        String[] r = indexRange.split("-");
        long start = Long.parseLong(r[0]);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(start);
            long size = f.readInt() & 0xFFFFFFFFL;
            byte[] type = new byte[4];
            f.readFully(type);
            assertEquals("sidx", new String(type, StandardCharsets.US_ASCII));
            int version = f.readUnsignedByte();
            f.skipBytes(3 + 4);
            long timescale = f.readInt() & 0xFFFFFFFFL;
            // earliest_presentation_time, then first_offset: 32 bits each in version 0, 64 in version 1.
            if (version == 0) {
                f.readInt();
            } else {
                f.readLong();
            }
            long firstOffset = version == 0 ? (f.readInt() & 0xFFFFFFFFL) : f.readLong();
            f.skipBytes(2);
            int count = f.readUnsignedShort();
            long offset = start + size + firstOffset;
            for (int i = 0; i < count; i++) {
                long referenced = f.readInt() & 0x7FFFFFFFL;
                long duration = f.readInt() & 0xFFFFFFFFL;
                f.readInt();
                durations.add(duration / (double) timescale);
                ranges.add(new long[] {offset, referenced});
                offset += referenced;
            }
            assertEquals(f.length(), offset, "the sidx references run to the end of the file");
        }
    }

    private static String boxTypeAt(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(offset + 4);
            byte[] type = new byte[4];
            f.readFully(type);
            return new String(type, StandardCharsets.US_ASCII);
        }
    }

    private static List<HlsParser.Variant> variants(HlsParser.Result hls, boolean iFrames) {
        return hls.master().variants().stream().filter(v -> v.isIFrameOnly() == iFrames).toList();
    }

    private static Set<String> languages(List<HlsParser.Rendition> renditions) {
        Set<String> set = new LinkedHashSet<>();
        renditions.forEach(r -> set.add(r.language()));
        return set;
    }

    private static List<Element> representations(MpdDom mpd, String contentType) {
        List<Element> reps = new ArrayList<>();
        for (Element set : mpd.adaptationSets()) {
            if (contentType.equals(set.getAttribute("contentType"))) {
                reps.addAll(MpdDom.elements(set, "Representation"));
            }
        }
        return reps;
    }

    private static Element byId(List<Element> reps, String id) {
        return reps.stream().filter(r -> r.getAttribute("id").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no MPD representation " + id));
    }

    private static String codecs(Element rep) {
        return rep.hasAttribute("codecs") ? rep.getAttribute("codecs") : ((Element) rep.getParentNode()).getAttribute("codecs");
    }

    private static double frameRate(Element rep) {
        String[] parts = rep.getAttribute("frameRate").split("/");
        return parts.length == 1 ? Double.parseDouble(parts[0]) : Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
    }

    private static String stem(String uri) {
        return uri.substring(0, uri.lastIndexOf('.'));
    }

    private static String decode(String uri) {
        return URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
