package io.packager4j.dash;

import io.packager4j.core.media.Rational;
import io.packager4j.core.media.TrackKind;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.core.output.PresentationOutput;
import io.packager4j.core.output.ProtectionOutput;
import io.packager4j.core.output.RepresentationOutput;
import io.packager4j.core.output.SegmentInfo;
import io.packager4j.core.output.SubtitleOutput;
import io.packager4j.dash.mpd.AdaptationSet;
import io.packager4j.dash.mpd.Descriptor;
import io.packager4j.dash.mpd.Mpd;
import io.packager4j.dash.mpd.Period;
import io.packager4j.dash.mpd.Representation;
import io.packager4j.dash.mpd.PresentationType;
import io.packager4j.dash.mpd.XsDuration;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Maps a {@link PresentationOutput} to the {@link Mpd} model: one static period. */
final class MpdMapper {

    static final String ROLE_SCHEME = "urn:mpeg:dash:role:2011";

    /** The usual floor for minBufferTime; shorter buffers make players stall on bitrate spikes. */
    private static final long MIN_BUFFER_FLOOR_SECONDS = 2;

    /** Every segment of ours starts with a closed-GOP IDR (video) or a sync sample (audio): SAP type 1. */
    private static final int SAP_TYPE_1 = 1;

    private MpdMapper() {
    }

    /** @throws IllegalArgumentException if the presentation cannot be described by a valid MPD */
    static Mpd map(PresentationOutput p) {
        PresentationChecks.check(p);
        long maxSegmentMillis = maxSegmentMillisRoundedUp(p.representations());
        Mpd mpd = new Mpd()
                .profiles(p.profile().urn())
                .type(PresentationType.STATIC)
                .mediaPresentationDuration(XsDuration.ofSeconds(p.durationSeconds()))
                .minBufferTime(Duration.ofSeconds(Math.max(MIN_BUFFER_FLOOR_SECONDS,
                        ceilDiv(maxSegmentMillis, 1000))));
        if (maxSegmentMillis > 0) {
            mpd.maxSegmentDuration(Duration.ofMillis(maxSegmentMillis));
        }
        Period period = new Period().id("0").start(Duration.ZERO);
        Set<TrackKind> rolesGiven = EnumSet.noneOf(TrackKind.class);
        long nextId = 0;
        for (AdaptationGroup group : AdaptationGroup.of(p.representations())) {
            AdaptationSet set = adaptationSet(p.profile(), group, nextId++);
            if (rolesGiven.add(group.kind())) {
                // The first set of each type is the default choice of a player with no preference.
                set.getRoles().add(new Descriptor(ROLE_SCHEME, "main"));
            }
            period.addAdaptationSet(set);
        }
        for (SubtitleOutput subtitles : p.subtitles()) {
            period.addAdaptationSet(subtitleSet(subtitles, p.durationSeconds(), nextId++));
        }
        return mpd.addPeriod(period);
    }

    private static AdaptationSet adaptationSet(OutputProfile profile, AdaptationGroup group, long id) {
        List<RepresentationOutput> reps = group.representations();
        String commonCodecs = group.commonCodecs();
        AdaptationSet set = new AdaptationSet()
                .id(id)
                .contentType(group.kind() == TrackKind.VIDEO ? "video" : "audio")
                .mimeType(group.kind().mimeType())
                .codecs(commonCodecs)
                .lang(group.language());
        if (group.kind() == TrackKind.VIDEO) {
            describeVideo(set, reps);
        }
        boolean aligned = group.segmentCountsMatch();
        if (profile == OutputProfile.LIVE) {
            set.segmentAlignment(aligned ? Boolean.TRUE : null).startWithSap(SAP_TYPE_1);
        } else {
            set.subsegmentAlignment(aligned ? Boolean.TRUE : null).subsegmentStartsWithSap(SAP_TYPE_1);
        }
        ProtectionOutput shared = sharedProtection(reps);
        if (shared != null) {
            set.getContentProtections().addAll(ContentProtectionMapper.map(shared));
        }
        for (RepresentationOutput r : reps) {
            Representation rep = RepresentationMapper.map(profile, r, commonCodecs == null);
            if (shared == null && r.protection() != null) {
                rep.getContentProtections().addAll(ContentProtectionMapper.map(r.protection()));
            }
            set.addRepresentation(rep);
        }
        return set;
    }

    /**
     * A WebVTT sidecar: one representation whose BaseURL is the whole file (no segments), which
     * Shaka Player and dash.js both load as a text track; Role subtitle, as DASH-IF IOP asks.
     */
    private static AdaptationSet subtitleSet(SubtitleOutput s, double durationSeconds, long id) {
        String language = Languages.normalize(s.id(), s.language());
        AdaptationSet set = new AdaptationSet()
                .id(id)
                .contentType("text")
                .mimeType(SubtitleOutput.MIME_TYPE)
                .lang(language);
        set.getRoles().add(new Descriptor(ROLE_SCHEME, "subtitle"));
        long bandwidth = durationSeconds > 0 ? (long) Math.ceil(s.size() * 8 / durationSeconds) : 1;
        set.addRepresentation(new Representation()
                .id(s.id())
                .bandwidth(Math.max(1, Math.min(bandwidth, PresentationChecks.MAX_UNSIGNED_INT)))
                .baseUrl(UriPaths.encodePath("subtitles " + s.id() + " path", s.path())));
        return set;
    }

    /**
     * The protection every representation of the set shares, signalled once on the adaptation
     * set; null when they are clear or differ (then each representation carries its own).
     */
    private static ProtectionOutput sharedProtection(List<RepresentationOutput> reps) {
        ProtectionOutput first = reps.get(0).protection();
        if (first == null) {
            return null;
        }
        for (RepresentationOutput r : reps) {
            if (!first.sameSignalling(r.protection())) {
                return null;
            }
        }
        return first;
    }

    private static void describeVideo(AdaptationSet set, List<RepresentationOutput> reps) {
        set.maxWidth(reps.stream().mapToLong(RepresentationOutput::width).max().orElseThrow());
        set.maxHeight(reps.stream().mapToLong(RepresentationOutput::height).max().orElseThrow());
        reps.stream().map(RepresentationOutput::frameRate).filter(Objects::nonNull)
                .max(MpdMapper::compareRationals)
                .ifPresent(rate -> set.maxFrameRate(rate.toFrameRateString()));
        RepresentationOutput largest = reps.stream()
                .max(Comparator.comparingLong(r -> (long) r.width() * r.height()))
                .orElseThrow();
        set.par(pictureAspectRatio(largest).toRatioString());
    }

    /** Display aspect ratio: the coded size stretched by the sample aspect ratio, reduced. */
    static Rational pictureAspectRatio(RepresentationOutput r) {
        Rational sar = r.sampleAspectRatio() == null ? Rational.of(1, 1) : r.sampleAspectRatio();
        return Rational.of(Math.multiplyExact(r.width(), sar.numerator()),
                Math.multiplyExact(r.height(), sar.denominator()));
    }

    private static int compareRationals(Rational a, Rational b) {
        // Cross-multiplied exactly: 30000/1001 and 2997/100 differ, doubles might not say so.
        return BigInteger.valueOf(a.numerator()).multiply(BigInteger.valueOf(b.denominator()))
                .compareTo(BigInteger.valueOf(b.numerator()).multiply(BigInteger.valueOf(a.denominator())));
    }

    /**
     * The longest segment in whole milliseconds, rounded up so that MPD@maxSegmentDuration is a
     * true bound. Computed from the integer ticks: going through doubles, 4.004 s could become
     * 4004.0000001 ms and round up to 4005.
     */
    static long maxSegmentMillisRoundedUp(List<RepresentationOutput> reps) {
        long max = 0;
        for (RepresentationOutput r : reps) {
            long ts = r.timescale();
            for (SegmentInfo s : r.segments()) {
                // Split into whole seconds and the rest so that nothing overflows for any long duration.
                long millis = s.duration() / ts * 1000 + ceilDiv(s.duration() % ts * 1000, ts);
                max = Math.max(max, millis);
            }
        }
        return max;
    }

    /** {@code a / b} rounded up, for {@code a >= 0, b > 0} (Math.ceilDiv needs Java 18). */
    private static long ceilDiv(long a, long b) {
        return a / b + (a % b == 0 ? 0 : 1);
    }
}
