package io.csbridge.testing;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The SFDX project an org's Salesforce admin deploys ({@code deploy/salesforce}), read as XML: the tests of
 * the Salesforce adapters compare it with the fields their default mapping reads and writes.
 */
public final class SalesforceMetadata {

    /** {@code deploy/salesforce}, found from a module's directory (where the tests run). */
    public static final Path ROOT = Path.of("..", "deploy", "salesforce").toAbsolutePath().normalize();
    static final Path SOURCE = ROOT.resolve("force-app/main/default");

    private SalesforceMetadata() {
    }

    /** Every XML file of the project, parsed (a malformed one fails the test that asks). */
    public static Map<Path, Document> allFiles() {
        Map<Path, Document> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(p -> p.toString().endsWith(".xml")).sorted().forEach(p -> out.put(ROOT.relativize(p), parse(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The custom fields defined on {@code object} ({@code Account}, {@code Activity}), by API name. */
    public static Map<String, Element> fields(String object) {
        Map<String, Element> out = new LinkedHashMap<>();
        Path dir = SOURCE.resolve("objects").resolve(object).resolve("fields");
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> files = Files.list(dir)) {
            files.sorted().forEach(p -> {
                Element field = parse(p).getDocumentElement();
                out.put(text(field, "fullName"), field);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A permission set's field permissions: {@code Object.Field__c} to whether it may edit (every one reads). */
    public static Map<String, Boolean> fieldPermissions(String permissionSet) {
        Element root = parse(SOURCE.resolve("permissionsets/" + permissionSet + ".permissionset-meta.xml")).getDocumentElement();
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Element p : children(root, "fieldPermissions")) {
            if (!Boolean.parseBoolean(text(p, "readable"))) continue;
            out.put(text(p, "field"), Boolean.parseBoolean(text(p, "editable")));
        }
        return out;
    }

    /** The fields the Outbound Message {@code fullName} on {@code object} sends. */
    public static List<String> outboundMessageFields(String object, String fullName) {
        Element root = parse(SOURCE.resolve("workflows/" + object + ".workflow-meta.xml")).getDocumentElement();
        for (Element message : children(root, "outboundMessages")) {
            if (fullName.equals(text(message, "fullName"))) {
                return children(message, "fields").stream().map(Node::getTextContent).map(String::trim).toList();
            }
        }
        throw new AssertionError("no Outbound Message " + object + "." + fullName);
    }

    /** {@code manifest/package.xml}: the members listed for a metadata type. */
    public static List<String> packageMembers(String type) {
        Element root = parse(ROOT.resolve("manifest/package.xml")).getDocumentElement();
        for (Element types : children(root, "types")) {
            if (type.equals(text(types, "name"))) {
                return children(types, "members").stream().map(Node::getTextContent).map(String::trim).toList();
            }
        }
        return List.of();
    }

    /** The file names under {@code force-app/main/default/<dir>} without {@code suffix}. */
    public static List<String> sourceNames(String dir, String suffix) {
        try (Stream<Path> files = Files.list(SOURCE.resolve(dir))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of the first child element {@code name}, or null. */
    public static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }

    /** The direct child elements named {@code name}. */
    public static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                out.add(e);
            }
        }
        return out;
    }

    /** All descendant elements named {@code name}. */
    public static List<Element> descendants(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagNameNS("*", name);
        for (int i = 0; i < nodes.getLength(); i++) out.add((Element) nodes.item(i));
        return out;
    }

    static Document parse(Path file) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new AssertionError("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }
}
