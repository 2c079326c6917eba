package io.packager4j.dash;

import io.packager4j.core.media.TrackKind;
import io.packager4j.core.output.OutputProfile;
import io.packager4j.core.output.PresentationOutput;
import io.packager4j.core.output.RepresentationOutput;
import io.packager4j.core.output.SubtitleOutput;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rejects presentations the MPD cannot describe validly, before anything is written. The values
 * come from our own packaging code, so a failure here is a caller bug: the messages name the
 * representation and the field.
 */
final class PresentationChecks {

    /** Representation ids also name files and appear in URLs, hence the conservative set. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");

    /** RFC 6381 simple list, the only form of {@code @codecs} we produce. */
    private static final Pattern CODECS = Pattern.compile(
            "[A-Za-z0-9$\\-_.+^|'`%!*#\\\\~&]+(,[A-Za-z0-9$\\-_.+^|'`%!*#\\\\~&]+)*");

    private static final Pattern BYTE_RANGE = Pattern.compile("([0-9]{1,18})-([0-9]{1,18})");

    /** Largest {@code xs:unsignedInt}, the type of bandwidth, timescale, width, startNumber... */
    static final long MAX_UNSIGNED_INT = 0xFFFF_FFFFL;

    private PresentationChecks() {
    }

    /** @throws IllegalArgumentException naming the first problem found */
    static void check(PresentationOutput p) {
        Objects.requireNonNull(p, "presentation");
        require(p.profile() != null, "presentation: missing profile");
        require(Double.isFinite(p.durationSeconds()) && p.durationSeconds() >= 0,
                "presentation: duration " + p.durationSeconds() + " s is not a non-negative number");
        require(!p.representations().isEmpty(), "presentation: no representations");
        Set<String> ids = new HashSet<>();
        for (RepresentationOutput r : p.representations()) {
            checkRepresentation(p.profile(), r);
            require(ids.add(r.id()), "representation id '" + r.id() + "' is used twice");
        }
        for (SubtitleOutput s : p.subtitles()) {
            require(s.id() != null && ID.matcher(s.id()).matches(),
                    "subtitles id '" + s.id() + "' may contain only A-Z a-z 0-9 _ - .");
            require(ids.add(s.id()), "representation id '" + s.id() + "' is used twice");
        }
    }

    private static void checkRepresentation(OutputProfile profile, RepresentationOutput r) {
        require(r.id() != null && ID.matcher(r.id()).matches(),
                "representation id '" + r.id() + "' may contain only A-Z a-z 0-9 _ - .");
        String where = "representation " + r.id() + ": ";
        require(r.kind() != null, where + "missing kind");
        require(r.codecs() != null && CODECS.matcher(r.codecs()).matches(),
                where + "codecs '" + r.codecs() + "' is not an RFC 6381 codecs string");
        requireUnsignedInt(where + "bandwidth", r.bandwidth(), 1);
        requireUnsignedInt(where + "timescale", r.timescale(), 1);
        require(r.presentationTimeOffset() >= 0, where + "negative presentationTimeOffset");
        if (r.kind() == TrackKind.VIDEO) {
            requireUnsignedInt(where + "width", r.width(), 1);
            requireUnsignedInt(where + "height", r.height(), 1);
        } else {
            require(r.audioChannels() >= 0, where + "negative channel count");
            requireUnsignedInt(where + "audioSamplingRate", r.audioSamplingRate(), 0);
        }
        if (profile == OutputProfile.LIVE) {
            require(r.initializationPath() != null, where + "missing initializationPath (live profile)");
            require(r.mediaTemplate() != null
                            && (r.mediaTemplate().contains("$Number") || r.mediaTemplate().contains("$Time")),
                    where + "mediaTemplate '" + r.mediaTemplate() + "' has neither $Number$ nor $Time$");
            requireUnsignedInt(where + "startNumber", r.startNumber(), 0);
        } else {
            require(r.onDemandPath() != null, where + "missing onDemandPath (on-demand profile)");
            requireByteRange(where + "initRange", r.initRange());
            requireByteRange(where + "indexRange", r.indexRange());
        }
    }

    private static void requireByteRange(String what, String range) {
        var m = range == null ? null : BYTE_RANGE.matcher(range);
        require(m != null && m.matches() && Long.parseLong(m.group(1)) <= Long.parseLong(m.group(2)),
                what + " '" + range + "' is not a byte range 'first-last'");
    }

    private static void requireUnsignedInt(String what, long value, long min) {
        require(value >= min && value <= MAX_UNSIGNED_INT,
                what + " " + value + " is outside " + min + ".." + MAX_UNSIGNED_INT);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
