package io.packager4j.it;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads an MPD with the JDK's DOM parser (not our JAXB model), for assertions on its structure. */
final class MpdDom {

    static final String NS = "urn:mpeg:dash:schema:mpd:2011";

    private final Document doc;

    private MpdDom(Document doc) {
        this.doc = doc;
    }

    static MpdDom read(Path mpd) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return new MpdDom(f.newDocumentBuilder().parse(mpd.toFile()));
    }

    List<Element> adaptationSets() {
        return elements(doc.getDocumentElement(), "AdaptationSet");
    }

    static List<Element> elements(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS(NS, localName);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    /**
     * The segment start times of a Representation's SegmentTimeline in seconds on the period timeline
     * ((t - presentationTimeOffset) / timescale), expanding @r; the last entry is the end time.
     */
    static List<Double> segmentBoundariesSeconds(Element representation) {
        Element template = elements(representation, "SegmentTemplate").get(0);
        double timescale = Double.parseDouble(template.getAttribute("timescale"));
        long pto = template.hasAttribute("presentationTimeOffset")
                ? Long.parseLong(template.getAttribute("presentationTimeOffset")) : 0;
        List<Double> bounds = new ArrayList<>();
        long t = 0;
        for (Element s : elements(template, "S")) {
            if (s.hasAttribute("t")) {
                t = Long.parseLong(s.getAttribute("t"));
            }
            long d = Long.parseLong(s.getAttribute("d"));
            int r = s.hasAttribute("r") ? Integer.parseInt(s.getAttribute("r")) : 0;
            for (int i = 0; i <= r; i++) {
                bounds.add((t - pto) / timescale);
                t += d;
            }
        }
        bounds.add((t - pto) / timescale);
        return bounds;
    }
}
