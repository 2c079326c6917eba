package io.packager4j.cli;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A written manifest read back with the JDK's own DOM parser: independent of the packager's MPD
 * model, so a test checks what is in the file, not what the writer meant to put there.
 *
 * <p>Only what the CLI tests need: adaptation sets, representations, and the files each
 * representation's SegmentTemplate or BaseURL points at.
 */
final class Mpd {

    static final String DASH_NS = "urn:mpeg:dash:schema:mpd:2011";

    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\$(RepresentationID|Number|Time|Bandwidth)(%0(\\d+)d)?\\$");

    final Element root;
    final List<AdaptationSet> adaptationSets = new ArrayList<>();

    record AdaptationSet(Element element, String contentType, List<Representation> representations) {
    }

    /**
     * One representation: {@code files} are the paths, relative to the MPD's directory, of every
     * file the manifest makes a player fetch for it (initialization and media segments, or the
     * single on-demand file); {@code segmentCount} is the number of media segments listed in a
     * SegmentTimeline (-1 for on-demand, whose segments are only in the file's sidx).
     */
    record Representation(Element element, String id, String contentType, List<String> files, int segmentCount,
                          boolean hasSegmentBase, boolean hasSegmentTemplate) {
    }

    private Mpd(Document doc) {
        root = doc.getDocumentElement();
        for (Element as : children(firstChild(root, "Period"), "AdaptationSet")) {
            String contentType = as.getAttribute("contentType");
            List<Representation> reps = new ArrayList<>();
            for (Element rep : children(as, "Representation")) {
                reps.add(representation(as, rep, contentType));
            }
            adaptationSets.add(new AdaptationSet(as, contentType, reps));
        }
    }

    static Mpd read(Path file) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // The MPD is our own output, but a test parser has no reason to fetch anything either.
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return new Mpd(f.newDocumentBuilder().parse(file.toFile()));
        } catch (Exception e) {
            throw new AssertionError("cannot parse " + file + " as XML: " + e, e);
        }
    }

    List<Representation> representations() {
        List<Representation> all = new ArrayList<>();
        adaptationSets.forEach(as -> all.addAll(as.representations()));
        return all;
    }

    List<AdaptationSet> adaptationSets(String contentType) {
        return adaptationSets.stream().filter(as -> as.contentType().equals(contentType)).toList();
    }

    private static Representation representation(Element as, Element rep, String contentType) {
        String id = rep.getAttribute("id");
        List<String> files = new ArrayList<>();
        Element baseUrl = firstChild(rep, "BaseURL");
        Element segmentBase = firstChild(rep, "SegmentBase");
        // A SegmentTemplate may sit on the Representation or, shared, on its AdaptationSet.
        Element template = firstChild(rep, "SegmentTemplate");
        if (template == null) {
            template = firstChild(as, "SegmentTemplate");
        }
        int segments = -1;
        if (template != null) {
            String bandwidth = rep.getAttribute("bandwidth");
            String init = template.getAttribute("initialization");
            if (!init.isEmpty()) {
                files.add(expand(init, id, bandwidth, 0, 0));
            }
            String media = template.getAttribute("media");
            long number = template.hasAttribute("startNumber") ? Long.parseLong(template.getAttribute("startNumber")) : 1;
            Element timeline = firstChild(template, "SegmentTimeline");
            if (timeline == null) {
                throw new AssertionError("representation " + id + ": SegmentTemplate without SegmentTimeline is not expected here");
            }
            segments = 0;
            long time = 0;
            for (Element s : children(timeline, "S")) {
                if (s.hasAttribute("t")) {
                    time = Long.parseLong(s.getAttribute("t"));
                }
                long d = Long.parseLong(s.getAttribute("d"));
                long repeat = s.hasAttribute("r") ? Long.parseLong(s.getAttribute("r")) : 0;
                if (repeat < 0) {
                    throw new AssertionError("representation " + id + ": open-ended S@r in a static MPD");
                }
                for (long i = 0; i <= repeat; i++) {
                    files.add(expand(media, id, bandwidth, number++, time));
                    time += d;
                    segments++;
                }
            }
        } else if (baseUrl != null) {
            files.add(baseUrl.getTextContent().trim());
        }
        return new Representation(rep, id, contentType, files, segments, segmentBase != null, template != null);
    }

    /** Expands DASH template identifiers ($RepresentationID$, $Number%05d$, ...; $$ is a dollar sign). */
    private static String expand(String template, String id, String bandwidth, long number, long time) {
        Matcher m = TEMPLATE_VARIABLE.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "RepresentationID" -> id;
                case "Bandwidth" -> bandwidth;
                case "Number" -> pad(number, m.group(3));
                case "Time" -> pad(time, m.group(3));
                default -> throw new IllegalStateException(m.group(1));
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString().replace("$$", "$");
    }

    private static String pad(long value, String width) {
        return width == null ? Long.toString(value) : String.format(Locale.ROOT, "%0" + width + "d", value);
    }

    static Element firstChild(Element parent, String localName) {
        List<Element> all = children(parent, localName);
        return all.isEmpty() ? null : all.get(0);
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> result = new ArrayList<>();
        if (parent == null) {
            return result;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && DASH_NS.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                result.add(e);
            }
        }
        return result;
    }
}
