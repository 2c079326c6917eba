package io.packager4j.hls;

import io.packager4j.core.output.OutputProfile;
import io.packager4j.core.output.RepresentationOutput;
import io.packager4j.core.output.SegmentInfo;
import io.packager4j.dash.UriPaths;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URIs of a representation's files, the same ones the MPD addresses: a playlist lists each
 * live-profile segment file by the name the SegmentTemplate gives it, or the on-demand file.
 */
final class SegmentUris {

    /** {@code $Number$}, {@code $Number%05d$}, {@code $Time$}, or the {@code $$} escape. */
    private static final Pattern IDENTIFIER = Pattern.compile("\\$(?:(Number|Time)(?:%0([0-9]+)d)?)?\\$");

    private SegmentUris() {
    }

    /** The URI of the init segment (live) or of the single file (on demand). */
    static String init(OutputProfile profile, RepresentationOutput r) {
        return profile == OutputProfile.LIVE
                ? UriPaths.encodePath("representation " + r.id() + " initializationPath", r.initializationPath())
                : onDemandFile(r);
    }

    static String onDemandFile(RepresentationOutput r) {
        return UriPaths.encodePath("representation " + r.id() + " onDemandPath", r.onDemandPath());
    }

    /** The URI of the {@code index}-th (0-based) media segment. */
    static String segment(OutputProfile profile, RepresentationOutput r, int index) {
        if (profile == OutputProfile.ON_DEMAND) {
            return onDemandFile(r);
        }
        String template = r.mediaTemplate();
        if (template == null) {
            throw new IllegalArgumentException("representation " + r.id() + ": missing mediaTemplate (live profile)");
        }
        SegmentInfo s = r.segments().get(index);
        long number = r.startNumber() + index;
        Matcher m = IDENTIFIER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String value;
            if (m.group(1) == null) {
                value = "$";
            } else {
                long n = m.group(1).equals("Number") ? number : s.startTime();
                value = m.group(2) == null ? Long.toString(n) : String.format("%0" + m.group(2) + "d", n);
            }
            m.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        m.appendTail(path);
        return UriPaths.encodePath("representation " + r.id() + " media segment " + number, path.toString());
    }
}
