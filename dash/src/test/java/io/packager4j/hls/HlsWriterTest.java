package io.packager4j.hls;

import io.packager4j.core.media.ProtectionScheme;
import io.packager4j.core.media.Rational;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.output.ByteRange;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.core.output.PresentationOutput;
import io.packager4j.core.output.ProtectionOutput;
import io.packager4j.core.output.RepresentationOutput;
import io.packager4j.core.output.SegmentInfo;
import io.packager4j.core.output.SubtitleOutput;
import io.packager4j.crypto.KeyId;
import io.packager4j.hls.playlist.MediaPlaylist;
import io.packager4j.hls.playlist.Rendition;
import io.packager4j.hls.playlist.VariantStream;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Playlists from hand-built presentations: exact text, grouping, keys, and what is refused. */
class HlsWriterTest {

    private static final byte[] KID = HexFormat.of().parseHex("a16e402b9056e371f36d348aa62bb749");

    @Test
    void mediaPlaylistText() {
        // 90 kHz: 2.5 s rounds up to a target of 3; 1.0011 s is written to the microsecond. Average:
        // 2700 bytes in 5.5011 s = 3926.5 bit/s, rounded up; I-frames: 100 bytes in the 1.0011 s
        // segment is the peak, 799.1 bit/s, and 300 bytes in 5.5011 s the average, 436.3 bit/s.
        RepresentationOutput v = video("video_720p", 1280, 720, List.of(
                segment(0, 225_000, 1000, false), segment(225_000, 180_000, 900, false), segment(405_000, 90_099, 800, false)));
        Map<String, String> text = writer(HlsOptions.defaults()).toText(presentation(OutputProfile.LIVE, List.of(v)));
        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-TARGETDURATION:3
                #EXT-X-MEDIA-SEQUENCE:0
                #EXT-X-PLAYLIST-TYPE:VOD
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-MAP:URI="video_720p/init.mp4"
                #EXTINF:2.500,
                video_720p/seg-00001.m4s
                #EXTINF:2.000,
                video_720p/seg-00002.m4s
                #EXTINF:1.0011,
                video_720p/seg-00003.m4s
                #EXT-X-ENDLIST
                """, text.get("video_720p.m3u8"));
        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-INDEPENDENT-SEGMENTS

                #EXT-X-STREAM-INF:BANDWIDTH=4000000,AVERAGE-BANDWIDTH=3927,CODECS="avc1.64001f",RESOLUTION=1280x720,FRAME-RATE=29.970
                video_720p.m3u8

                #EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=800,AVERAGE-BANDWIDTH=437,CODECS="avc1.64001f",RESOLUTION=1280x720,URI="video_720p_iframes.m3u8"
                """, text.get("master.m3u8"));
        // Key frames: 100 bytes from the moof at 24.
        assertTrue(text.get("video_720p_iframes.m3u8").contains("""
                #EXT-X-I-FRAMES-ONLY
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-MAP:URI="video_720p/init.mp4"
                #EXTINF:2.500,
                #EXT-X-BYTERANGE:100@24
                video_720p/seg-00001.m4s
                """), text.get("video_720p_iframes.m3u8"));
    }

    @Test
    void audioGroupsPerCodecFamilyAndBitRateTierWithOneRenditionPerLanguage() {
        List<RepresentationOutput> reps = List.of(
                video("video_1080p", 1920, 1080, segments(2)), video("video_720p", 1280, 720, segments(2)),
                audio("audio_en", "mp4a.40.2", "en", 128_000), audio("audio_fr", "mp4a.40.2", "fr", 96_000),
                audio("audio_en_hq", "mp4a.40.2", "en", 192_000), audio("audio_en_51", "ec-3", "en", 384_000));
        HlsPresentation hls = writer(HlsOptions.defaults()).toPresentation(presentation(OutputProfile.LIVE, reps));
        Map<String, List<String>> groups = hls.multivariant().renditions().stream().collect(Collectors.groupingBy(
                Rendition::groupId, java.util.LinkedHashMap::new, Collectors.mapping(Rendition::uri, Collectors.toList())));
        assertEquals(Map.of(
                "audio-mp4a-0", List.of("audio_en_hq.m3u8", "audio_fr.m3u8"),
                "audio-mp4a-1", List.of("audio_en.m3u8", "audio_fr.m3u8"),
                "audio-ec3", List.of("audio_en_51.m3u8")), groups);
        assertEquals(Set.of("audio_en_hq.m3u8", "audio_en.m3u8", "audio_en_51.m3u8"), hls.multivariant().renditions()
                .stream().filter(Rendition::isDefault).map(Rendition::uri).collect(Collectors.toSet()), "first language is DEFAULT");
        List<VariantStream> variants = hls.multivariant().variants();
        assertEquals(6, variants.size(), "2 video x 3 audio groups");
        VariantStream hq = variants.get(0);
        assertEquals("audio-mp4a-0", hq.audioGroup());
        assertEquals(6_000_000 + 192_000, hq.bandwidth(), "video peak + the group's highest audio peak");
        assertEquals("avc1.640028,mp4a.40.2", hq.codecs());
        assertEquals("avc1.640028,ec-3", variants.get(2).codecs());
        assertEquals(4_000_000 + 384_000, variants.get(5).bandwidth());
        assertEquals(List.of("English", "French"), hls.multivariant().renditions().stream()
                .filter(r -> r.groupId().equals("audio-mp4a-0")).map(Rendition::name).toList());
    }

    @Test
    void keyStartsAfterTheClearLeadWithTheSchemesMethod() {
        List<SegmentInfo> segs = List.of(segment(0, 180_000, 1000, false), segment(180_000, 180_000, 1000, true),
                segment(360_000, 180_000, 1000, true));
        for (ProtectionScheme scheme : ProtectionScheme.values()) {
            RepresentationOutput v = protect(video("video_720p", 1280, 720, segs), scheme);
            Map<String, String> text = writer(HlsOptions.builder().keyUri("https://k.example/1").build())
                    .toText(presentation(OutputProfile.LIVE, List.of(v)));
            String method = scheme == ProtectionScheme.CBCS ? "SAMPLE-AES" : "SAMPLE-AES-CTR";
            String key = "METHOD=" + method + ",URI=\"https://k.example/1\",KEYFORMAT=\"identity\",KEYFORMATVERSIONS=\"1\"";
            assertTrue(text.get("video_720p.m3u8").contains("""
                    video_720p/seg-00001.m4s
                    #EXT-X-KEY:%s
                    #EXTINF:2.000,
                    video_720p/seg-00002.m4s
                    """.formatted(key)), text.get("video_720p.m3u8"));
            assertTrue(text.get("master.m3u8").contains("#EXT-X-SESSION-KEY:" + key + "\n"), text.get("master.m3u8"));
        }
    }

    @Test
    void perKeyIdUrisAndAClearErrorWithoutOne() {
        RepresentationOutput v = protect(video("video_720p", 1280, 720, segments(2)), ProtectionScheme.CBCS);
        HlsOptions specific = HlsOptions.builder().keyUri(KeyId.of(KID), "keys/a16e").keyUri("keys/other").build();
        assertTrue(writer(specific).toText(presentation(OutputProfile.LIVE, List.of(v))).get("video_720p.m3u8")
                .contains("URI=\"keys/a16e\""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> writer(HlsOptions.defaults()).toText(presentation(OutputProfile.LIVE, List.of(v))));
        assertTrue(e.getMessage().contains("video_720p") && e.getMessage().contains("a16e402b9056e371f36d348aa62bb749"),
                e.getMessage());
    }

    @Test
    void onDemandUsesByteRangesAndRefusesOffsetsThatAreNotTheFilesLayout() {
        // init 0-799, sidx 800-855, then segments back to back.
        List<SegmentInfo> segs = List.of(segment(0, 180_000, 1000, false).at(856), segment(180_000, 180_000, 900, false).at(1856));
        RepresentationOutput v = video("video_720p", 1280, 720, segs, OutputProfile.ON_DEMAND);
        String text = writer(HlsOptions.defaults()).toText(presentation(OutputProfile.ON_DEMAND, List.of(v))).get("video_720p.m3u8");
        assertTrue(text.contains("""
                #EXT-X-MAP:URI="video_720p.mp4",BYTERANGE="800@0"
                #EXTINF:2.000,
                #EXT-X-BYTERANGE:1000@856
                video_720p.mp4
                #EXTINF:2.000,
                #EXT-X-BYTERANGE:900@1856
                video_720p.mp4
                """), text);
        RepresentationOutput unplaced = video("video_720p", 1280, 720, segments(2), OutputProfile.ON_DEMAND);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> writer(HlsOptions.defaults()).toText(presentation(OutputProfile.ON_DEMAND, List.of(unplaced))));
        assertTrue(e.getMessage().contains("offset 0, expected 856"), e.getMessage());
    }

    @Test
    void subtitlesAreOneSegmentRenditionsOfEveryVariant() {
        PresentationOutput p = new PresentationOutput(OutputProfile.LIVE, 4.0, 2, List.of(video("video_720p", 1280, 720,
                segments(2))), List.of(new SubtitleOutput("subtitles_pt-BR", "pt-BR", "subtitles_pt-BR.vtt", 500)));
        Map<String, String> text = writer(HlsOptions.defaults()).toText(p);
        assertTrue(text.get("master.m3u8").contains("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",LANGUAGE=\"pt-BR\","
                + "NAME=\"Portuguese (Brazil)\",DEFAULT=NO,AUTOSELECT=YES,URI=\"subtitles_pt-BR.m3u8\""), text.get("master.m3u8"));
        assertTrue(text.get("master.m3u8").contains(",SUBTITLES=\"subs\"\nvideo_720p.m3u8"), text.get("master.m3u8"));
        assertTrue(text.get("subtitles_pt-BR.m3u8").contains("#EXT-X-TARGETDURATION:4\n"));
        assertTrue(text.get("subtitles_pt-BR.m3u8").contains("#EXTINF:4.000,\nsubtitles_pt-BR.vtt\n#EXT-X-ENDLIST"));
    }

    @Test
    void anamorphicResolutionIsTheDisplaySize() {
        RepresentationOutput v = video("video_576p", 720, 576, segments(2));
        v = new RepresentationOutput(v.id(), v.kind(), v.codecs(), v.bandwidth(), v.width(), v.height(), v.frameRate(),
                Rational.of(16, 15), 0, 0, "und", v.timescale(), 0, v.segments(), v.initializationPath(),
                v.mediaTemplate(), 1, null, null, null, null);
        VariantStream variant = writer(HlsOptions.defaults()).toPresentation(presentation(OutputProfile.LIVE, List.of(v)))
                .multivariant().variants().get(0);
        assertEquals(768, variant.width());
        assertEquals(576, variant.height());
    }

    @Test
    void targetDurationCoversEverySegmentRounded() {
        assertThrows(IllegalArgumentException.class, () -> new MediaPlaylist(7, 2, false, null, List.of(
                new io.packager4j.hls.playlist.MediaSegment(new java.math.BigDecimal("2.5"), "a.vtt", null, null))));
        assertThrows(IllegalArgumentException.class, () -> HlsOptions.builder().keyUri("a\"b"));
        assertThrows(IllegalArgumentException.class, () -> HlsOptions.builder().keyFormatVersions("1,2"));
    }

    // ---------------------------------------------------------------------------------------------

    private static HlsWriter writer(HlsOptions options) {
        return new HlsWriter(options);
    }

    private static PresentationOutput presentation(OutputProfile profile, List<RepresentationOutput> reps) {
        return new PresentationOutput(profile, 4.0, 2.0, reps);
    }

    /** A segment with its moof after a 24-byte styp and a 100-byte key frame. */
    private static SegmentInfo segment(long start, long duration, long size, boolean encrypted) {
        return new SegmentInfo(start, duration, size, 0, new ByteRange(24, 100), encrypted);
    }

    private static List<SegmentInfo> segments(int count) {
        List<SegmentInfo> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(segment(i * 180_000L, 180_000, 1000, true));
        }
        return list;
    }

    private static RepresentationOutput video(String id, int width, int height, List<SegmentInfo> segments) {
        return video(id, width, height, segments, OutputProfile.LIVE);
    }

    private static RepresentationOutput video(String id, int width, int height, List<SegmentInfo> segments,
                                              OutputProfile profile) {
        boolean live = profile == OutputProfile.LIVE;
        return new RepresentationOutput(id, TrackKind.VIDEO, height >= 1080 ? "avc1.640028" : "avc1.64001f",
                height >= 1080 ? 6_000_000 : 4_000_000, width, height, Rational.of(30000, 1001), Rational.of(1, 1), 0, 0,
                "und", 90_000, 0, segments, live ? id + "/init.mp4" : null, live ? id + "/seg-$Number%05d$.m4s" : null, 1,
                live ? null : id + ".mp4", live ? null : "0-799", live ? null : "800-855", null);
    }

    private static RepresentationOutput audio(String id, String codecs, String language, long bandwidth) {
        List<SegmentInfo> segs = List.of(new SegmentInfo(0, 96_000, 1000), new SegmentInfo(96_000, 96_000, 1000));
        return new RepresentationOutput(id, TrackKind.AUDIO, codecs, bandwidth, 0, 0, null, null, 2, 48_000, language,
                48_000, 0, segs, id + "/init.mp4", id + "/seg-$Number$.m4s", 1, null, null, null, null);
    }

    private static RepresentationOutput protect(RepresentationOutput r, ProtectionScheme scheme) {
        return new RepresentationOutput(r.id(), r.kind(), r.codecs(), r.bandwidth(), r.width(), r.height(), r.frameRate(),
                r.sampleAspectRatio(), r.audioChannels(), r.audioSamplingRate(), r.language(), r.timescale(),
                r.presentationTimeOffset(), r.segments(), r.initializationPath(), r.mediaTemplate(), r.startNumber(),
                r.onDemandPath(), r.initRange(), r.indexRange(), new ProtectionOutput(scheme, KID, List.of()));
    }
}
