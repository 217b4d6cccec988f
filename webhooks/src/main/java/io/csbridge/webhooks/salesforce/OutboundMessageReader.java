package io.csbridge.webhooks.salesforce;

import io.csbridge.webhooks.HookRejection;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the SOAP 1.1 envelope of an Outbound Message with a streaming parser that refuses what XML
 * attacks need: a DOCTYPE is refused outright (no DTD, so no entity expansion and no external
 * entities), nesting and sizes are bounded, and the whole document must be well-formed.
 */
public final class OutboundMessageReader {

    static final String SOAP_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String OUTBOUND = "http://soap.sforce.com/2005/09/outbound";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    public static final int MAX_NOTIFICATIONS = 100;
    private static final int MAX_DEPTH = 16;
    private static final int MAX_FIELDS = 800;
    private static final XMLInputFactory FACTORY = safeFactory();

    private static XMLInputFactory safeFactory() {
        // The JDK's own parser, whatever else the server puts on the class path.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    public OutboundMessage read(String xml) {
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new StringReader(xml));
            toRootElement(r);
            expect(r, SOAP_ENVELOPE, "Envelope");
            OutboundMessage message = null;
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if (SOAP_ENVELOPE.equals(r.getNamespaceURI()) && "Body".equals(r.getLocalName())) {
                    message = body(r);
                } else {
                    skip(r, 2);
                }
            }
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.DTD) throw doctype();
            }
            if (message == null) throw malformed("the SOAP envelope has no Body");
            return message;
        } catch (XMLStreamException | IllegalStateException | java.util.NoSuchElementException e) {
            throw malformed("not a well-formed Outbound Message: " + firstLine(e.getMessage()));
        } finally {
            close(r);
        }
    }

    private static void toRootElement(XMLStreamReader r) throws XMLStreamException {
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.DTD) throw doctype();
            if (event == XMLStreamConstants.ENTITY_REFERENCE) throw malformed("entity references are not accepted");
            if (event == XMLStreamConstants.START_ELEMENT) return;
        }
        throw malformed("the body holds no XML element");
    }

    private static OutboundMessage body(XMLStreamReader r) throws XMLStreamException {
        OutboundMessage message = null;
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (OUTBOUND.equals(r.getNamespaceURI()) && "notifications".equals(r.getLocalName())) {
                if (message != null) throw malformed("more than one notifications element");
                message = notifications(r);
            } else {
                throw malformed("the SOAP Body holds " + r.getLocalName() + ", not an Outbound Messaging notifications element");
            }
        }
        if (message == null) throw malformed("the SOAP Body holds no notifications element");
        return message;
    }

    private static OutboundMessage notifications(XMLStreamReader r) throws XMLStreamException {
        String organizationId = null;
        String actionId = null;
        List<OutboundMessage.Notification> notifications = new ArrayList<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "OrganizationId" -> organizationId = r.getElementText().trim();
                case "ActionId" -> actionId = r.getElementText().trim();
                case "Notification" -> {
                    if (notifications.size() == MAX_NOTIFICATIONS) {
                        throw malformed("more than " + MAX_NOTIFICATIONS + " notifications in one message");
                    }
                    notifications.add(notification(r));
                }
                default -> skip(r, 4); // SessionId, EnterpriseUrl, PartnerUrl
            }
        }
        if (organizationId == null || organizationId.isEmpty()) throw malformed("OrganizationId is missing");
        if (notifications.isEmpty()) throw malformed("the message holds no Notification");
        return new OutboundMessage(organizationId, actionId, notifications);
    }

    private static OutboundMessage.Notification notification(XMLStreamReader r) throws XMLStreamException {
        String id = null;
        String type = null;
        Map<String, String> fields = null;
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "Id" -> id = r.getElementText().trim();
                case "sObject" -> {
                    String xsiType = r.getAttributeValue(XSI, "type");
                    type = xsiType == null ? null : xsiType.substring(xsiType.indexOf(':') + 1);
                    fields = fields(r);
                }
                default -> skip(r, 5);
            }
        }
        if (id == null || id.isEmpty()) throw malformed("a Notification has no Id");
        if (id.length() > 255) throw malformed("a Notification Id is longer than 255 characters");
        if (fields == null) throw malformed("Notification " + id + " has no sObject");
        if (type == null || type.isBlank()) throw malformed("the sObject of Notification " + id + " has no xsi:type");
        return new OutboundMessage.Notification(id, type, fields);
    }

    private static Map<String, String> fields(XMLStreamReader r) throws XMLStreamException {
        Map<String, String> fields = new LinkedHashMap<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (fields.size() == MAX_FIELDS) throw malformed("an sObject has more than " + MAX_FIELDS + " fields");
            String name = r.getLocalName();
            boolean nil = "true".equals(r.getAttributeValue(XSI, "nil"));
            String value = r.getElementText(); // a field holding elements is not an Outbound Message field
            if (!nil) fields.put(name, value);
        }
        return fields;
    }

    /** Skips an element we do not read, refusing deep nesting on the way. */
    private static void skip(XMLStreamReader r, int depth) throws XMLStreamException {
        int level = 1;
        while (level > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT && ++level + depth > MAX_DEPTH) {
                throw malformed("elements nested more than " + MAX_DEPTH + " deep");
            }
            if (event == XMLStreamConstants.END_ELEMENT) level--;
        }
    }

    private static void expect(XMLStreamReader r, String namespace, String localName) {
        if (!namespace.equals(r.getNamespaceURI()) || !localName.equals(r.getLocalName())) {
            throw malformed("expected a SOAP 1.1 " + localName + ", found " + r.getName());
        }
    }

    private static HookRejection doctype() {
        return malformed("a DOCTYPE is not accepted (no DTDs, no entities)");
    }

    private static HookRejection malformed(String detail) {
        return HookRejection.malformed(detail);
    }

    private static String firstLine(String message) {
        if (message == null) return "unreadable";
        String line = message.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse(message).trim();
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static void close(XMLStreamReader r) {
        if (r == null) return;
        try {
            r.close();
        } catch (XMLStreamException ignored) {
            // nothing was held open beyond the string
        }
    }
}
