package io.packager4j.dash;

import io.packager4j.core.output.SegmentInfo;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands a SegmentTimeline read from XML back into segment starts and durations, following
 * ISO/IEC 23009-1 5.3.9.6: {@code S@t} absent means "where the previous S ends", {@code S@r}
 * (default 0) repeats the duration. Written independently of the code under test.
 */
final class TimelineExpansion {

    /** One expanded segment. */
    record Span(long start, long duration) {
    }

    private TimelineExpansion() {
    }

    static List<Span> expand(Element segmentTimeline) {
        List<Span> spans = new ArrayList<>();
        long next = 0;
        boolean first = true;
        for (Node n = segmentTimeline.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element s)) {
                continue;
            }
            if (!"S".equals(s.getLocalName())) {
                throw new AssertionError("unexpected child " + s.getLocalName());
            }
            if (first && !s.hasAttribute("t")) {
                throw new AssertionError("first S has no @t");
            }
            first = false;
            long t = s.hasAttribute("t") ? Long.parseLong(s.getAttribute("t")) : next;
            long d = Long.parseLong(s.getAttribute("d"));
            long r = s.hasAttribute("r") ? Long.parseLong(s.getAttribute("r")) : 0;
            if (r < 0) {
                throw new AssertionError("negative @r is not used by a static MPD writer: " + r);
            }
            for (long i = 0; i <= r; i++) {
                spans.add(new Span(t, d));
                t += d;
            }
            next = t;
        }
        return spans;
    }

    static List<Span> of(List<SegmentInfo> segments) {
        return segments.stream().map(s -> new Span(s.startTime(), s.duration())).toList();
    }
}
