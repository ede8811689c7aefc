package dev.switchboard.shared.twiml;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A TwiML document read back as XML, so tests assert on verbs and attributes, not on text. */
public record TwimlDocument(Element response) {

    public static TwimlDocument parse(String xml) {
        try {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Element root = document.getDocumentElement();
            if (!root.getTagName().equals("Response")) {
                throw new AssertionError("TwiML must have <Response> at its root: " + xml);
            }
            return new TwimlDocument(root);
        } catch (Exception e) {
            throw new AssertionError("Not well-formed TwiML: " + xml, e);
        }
    }

    /** The verbs directly under Response, in order. */
    public List<String> verbs() {
        List<String> names = new ArrayList<>();
        for (Node n = response.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                names.add(e.getTagName());
            }
        }
        return names;
    }

    public Element verb(String name) {
        var found = response.getElementsByTagName(name);
        if (found.getLength() == 0) {
            throw new AssertionError("No <" + name + "> in the TwiML");
        }
        return (Element) found.item(0);
    }

    public String text(String name) {
        return verb(name).getTextContent();
    }
}
