package io.packager4j.dash;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A written MPD read back with the JDK's DOM and XPath, independently of our JAXB model. Prefix
 * {@code d} is the MPD namespace, {@code cenc} and {@code dashif} as usual.
 */
final class MpdDom {

    static final String MPD_NS = "urn:mpeg:dash:schema:mpd:2011";

    private final Document doc;
    private final XPath xpath;

    private MpdDom(Document doc) {
        this.doc = doc;
        this.xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return switch (prefix) {
                    case "d" -> MPD_NS;
                    case "cenc" -> "urn:mpeg:cenc:2013";
                    case "dashif" -> "https://dashif.org/CPS";
                    default -> XMLConstants.NULL_NS_URI;
                };
            }

            @Override
            public String getPrefix(String namespaceUri) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Iterator<String> getPrefixes(String namespaceUri) {
                throw new UnsupportedOperationException();
            }
        });
    }

    static MpdDom parse(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return new MpdDom(f.newDocumentBuilder().parse(new ByteArrayInputStream(xml)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e, e);
        }
    }

    Element root() {
        return doc.getDocumentElement();
    }

    List<Element> elements(String expression) {
        return elements(doc, expression);
    }

    List<Element> elements(Node context, String expression) {
        try {
            NodeList nodes = (NodeList) xpath.evaluate(expression, context, XPathConstants.NODESET);
            List<Element> list = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                list.add((Element) nodes.item(i));
            }
            return list;
        } catch (XPathExpressionException e) {
            throw new AssertionError(e);
        }
    }

    Element element(String expression) {
        List<Element> list = elements(expression);
        if (list.size() != 1) {
            throw new AssertionError("expected one element for " + expression + ", found " + list.size());
        }
        return list.get(0);
    }

    /** The string value of {@code expression}, "" when it selects nothing. */
    String string(String expression) {
        try {
            return xpath.evaluate(expression, doc);
        } catch (XPathExpressionException e) {
            throw new AssertionError(e);
        }
    }

    List<String> strings(String expression) {
        return elements(expression).stream().map(e -> e.getTextContent()).toList();
    }

    List<String> attributes(String elementsExpression, String attribute) {
        return elements(elementsExpression).stream()
                .map(e -> e.hasAttribute(attribute) ? e.getAttribute(attribute) : null).toList();
    }

    /** Local names of the element children of {@code e}, in document order. */
    static List<String> childNames(Element e) {
        List<String> names = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                names.add(c.getLocalName());
            }
        }
        return names;
    }
}
