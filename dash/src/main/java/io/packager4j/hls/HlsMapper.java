package io.packager4j.hls;

import io.packager4j.core.media.Rational;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.output.PresentationOutput;
import io.packager4j.core.output.RepresentationOutput;
import io.packager4j.core.output.SegmentInfo;
import io.packager4j.core.output.SubtitleOutput;
import io.packager4j.dash.Languages;
import io.packager4j.hls.playlist.IFrameStream;
import io.packager4j.hls.playlist.KeyTag;
import io.packager4j.hls.playlist.MediaPlaylist;
import io.packager4j.hls.playlist.MultivariantPlaylist;
import io.packager4j.hls.playlist.Rendition;
import io.packager4j.hls.playlist.VariantStream;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps a {@link PresentationOutput} to HLS playlists: a media playlist per representation, an
 * I-frame playlist per video representation, a playlist per subtitle track, and the multivariant
 * playlist pairing every video representation with every audio group.
 */
final class HlsMapper {

    static final String SUBTITLES_GROUP = "subs";
    private static final String PLAYLIST_SUFFIX = ".m3u8";
    private static final String IFRAMES_SUFFIX = "_iframes.m3u8";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private HlsMapper() {
    }

    /** @throws IllegalArgumentException if the presentation cannot be described by valid playlists */
    static HlsPresentation map(PresentationOutput p, HlsOptions options) {
        if (p.representations().isEmpty()) {
            throw new IllegalArgumentException("presentation: no representations");
        }
        Map<String, MediaPlaylist> playlists = new LinkedHashMap<>();
        Map<RepresentationOutput, KeyTag> keys = new LinkedHashMap<>();
        for (RepresentationOutput r : p.representations()) {
            KeyTag key = KeyTags.of(r, options);
            keys.put(r, key);
            put(playlists, fileName(r.id(), PLAYLIST_SUFFIX), MediaPlaylists.media(p.profile(), r, key));
        }

        List<Rendition> renditions = new ArrayList<>();
        List<AudioGroups.Group> audioGroups = AudioGroups.of(p.representations());
        for (AudioGroups.Group g : audioGroups) {
            renditions.addAll(audioRenditions(g));
        }
        long subtitleBandwidth = 0;
        boolean firstSubtitle = true;
        Set<String> subtitleNames = new HashSet<>();
        for (SubtitleOutput s : p.subtitles()) {
            String file = fileName(s.id(), PLAYLIST_SUFFIX);
            put(playlists, file, MediaPlaylists.subtitles(s, p.durationSeconds()));
            String language = Languages.normalize(s.id(), s.language());
            // Subtitles are shown on request (or by the user's language preference), not by default.
            renditions.add(new Rendition(Rendition.Type.SUBTITLES, SUBTITLES_GROUP, language,
                    uniqueName(subtitleNames, displayName(language), language), false, true, 0, file));
            subtitleBandwidth = Math.max(subtitleBandwidth, bitsPerSecond(s.size(), p.durationSeconds()));
            firstSubtitle = false;
        }
        String subtitlesGroup = firstSubtitle ? null : SUBTITLES_GROUP;

        List<VariantStream> variants = new ArrayList<>();
        List<IFrameStream> iFrames = new ArrayList<>();
        List<RepresentationOutput> video = p.representations().stream().filter(r -> r.kind() == TrackKind.VIDEO).toList();
        for (RepresentationOutput v : video) {
            if (audioGroups.isEmpty()) {
                variants.add(variant(v, null, subtitlesGroup, subtitleBandwidth));
            }
            for (AudioGroups.Group g : audioGroups) {
                variants.add(variant(v, g, subtitlesGroup, subtitleBandwidth));
            }
            if (options.iFramePlaylists()) {
                MediaPlaylist iFramePlaylist = MediaPlaylists.iFrames(p.profile(), v, keys.get(v));
                if (iFramePlaylist != null) {
                    String file = fileName(v.id(), IFRAMES_SUFFIX);
                    put(playlists, file, iFramePlaylist);
                    iFrames.add(iFrameStream(v, file));
                }
            }
        }
        if (video.isEmpty()) {
            // Audio only: each audio representation is a variant of its own.
            for (RepresentationOutput a : p.representations()) {
                variants.add(new VariantStream(a.bandwidth() + subtitleBandwidth, a.averageBandwidth(), a.codecs(),
                        0, 0, null, null, subtitlesGroup, fileName(a.id(), PLAYLIST_SUFFIX)));
            }
            renditions.removeIf(r -> r.type() == Rendition.Type.AUDIO);
        }

        Set<KeyTag> sessionKeys = new LinkedHashSet<>();
        keys.values().stream().filter(k -> k != null).forEach(sessionKeys::add);
        MultivariantPlaylist master = new MultivariantPlaylist(MediaPlaylists.VERSION, true,
                List.copyOf(sessionKeys), renditions, variants, iFrames);
        return new HlsPresentation(master, playlists);
    }

    private static List<Rendition> audioRenditions(AudioGroups.Group g) {
        List<Rendition> list = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean first = true;
        for (RepresentationOutput a : g.members()) {
            String language = Languages.normalize(a.id(), a.language());
            list.add(new Rendition(Rendition.Type.AUDIO, g.id(), language,
                    uniqueName(names, displayName(language), language), first, true, a.audioChannels(),
                    fileName(a.id(), PLAYLIST_SUFFIX)));
            first = false;
        }
        return list;
    }

    private static VariantStream variant(RepresentationOutput v, AudioGroups.Group audio, String subtitlesGroup,
                                         long subtitleBandwidth) {
        // BANDWIDTH must cover the worst playable combination of renditions (RFC 8216 4.3.4.2).
        long bandwidth = v.bandwidth() + subtitleBandwidth;
        long average = v.averageBandwidth();
        List<String> codecs = new ArrayList<>();
        codecs.add(v.codecs());
        if (audio != null) {
            bandwidth += audio.maxBandwidth();
            average += audio.maxAverageBandwidth();
            codecs.addAll(audio.codecs());
        }
        return new VariantStream(bandwidth, average, String.join(",", codecs), displayWidth(v), v.height(),
                frameRate(v.frameRate()), audio == null ? null : audio.id(), subtitlesGroup,
                fileName(v.id(), PLAYLIST_SUFFIX));
    }

    private static IFrameStream iFrameStream(RepresentationOutput v, String file) {
        long peak = 1;
        long bytes = 0;
        long ticks = 0;
        for (SegmentInfo s : v.segments()) {
            peak = Math.max(peak, ceilDiv(BigInteger.valueOf(s.keyFrame().length() * 8).multiply(BigInteger.valueOf(v.timescale())),
                    s.duration()));
            bytes += s.keyFrame().length();
            ticks += s.duration();
        }
        long average = ceilDiv(BigInteger.valueOf(bytes * 8).multiply(BigInteger.valueOf(v.timescale())), ticks);
        return new IFrameStream(peak, average, v.codecs(), displayWidth(v), v.height(), file);
    }

    /**
     * RESOLUTION is the size to display at (RFC 8216: "the optimal pixel resolution at which to
     * display"): anamorphic pictures are stretched by their sample aspect ratio.
     */
    static int displayWidth(RepresentationOutput v) {
        Rational sar = v.sampleAspectRatio();
        if (sar == null || sar.numerator() == sar.denominator()) {
            return v.width();
        }
        return (int) Math.round((double) v.width() * sar.numerator() / sar.denominator());
    }

    /** FRAME-RATE: at most three decimals (RFC 8216 4.3.4.2), e.g. 29.970 for 30000/1001. */
    static BigDecimal frameRate(Rational rate) {
        if (rate == null || rate.denominator() == 0) {
            return null;
        }
        return BigDecimal.valueOf(rate.numerator()).divide(BigDecimal.valueOf(rate.denominator()), 3, RoundingMode.HALF_UP);
    }

    /** NAME: the language in English ("French"), or the tag itself when Java does not know it. */
    static String displayName(String language) {
        if (Languages.UNDETERMINED.equals(language)) {
            return "Undetermined";
        }
        String name = Locale.forLanguageTag(language).getDisplayName(Locale.ENGLISH);
        return name.isBlank() ? language : name;
    }

    /** RFC 8216 4.3.4.1: NAME must be unique within a group. */
    private static String uniqueName(Set<String> used, String name, String language) {
        String candidate = name;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = name + " (" + language + (n > 2 ? " " + n : "") + ")";
        }
        return candidate;
    }

    private static String fileName(String id, String suffix) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id '" + id + "' may contain only A-Z a-z 0-9 _ - .");
        }
        return id + suffix;
    }

    private static void put(Map<String, MediaPlaylist> playlists, String file, MediaPlaylist playlist) {
        if (playlists.putIfAbsent(file, playlist) != null || file.equals(HlsWriter.MASTER_NAME)) {
            throw new IllegalArgumentException("two playlists would be named " + file);
        }
    }

    private static long bitsPerSecond(long bytes, double seconds) {
        return seconds <= 0 ? 0 : (long) Math.ceil(bytes * 8 / seconds);
    }

    private static long ceilDiv(BigInteger a, long b) {
        BigInteger bb = BigInteger.valueOf(Math.max(1, b));
        return a.add(bb).subtract(BigInteger.ONE).divide(bb).longValueExact();
    }
}
