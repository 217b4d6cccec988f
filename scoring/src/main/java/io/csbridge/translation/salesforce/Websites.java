package io.csbridge.translation.salesforce;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** An Account's Website as the domain its people's e-mail addresses use. */
final class Websites {

    private Websites() {
    }

    /** {@code https://www.Acme.com/about} is {@code acme.com}; null when it is not a host name. */
    static String domainOf(String website) {
        if (website == null || website.isBlank()) return null;
        String w = website.trim();
        if (!w.contains("://")) w = "http://" + w;
        try {
            String host = new URI(w).getHost();
            if (host == null) return null;
            host = host.toLowerCase(Locale.ROOT);
            if (host.startsWith("www.")) host = host.substring(4);
            return host.matches("[a-z0-9-]+(\\.[a-z0-9-]+)+") ? host : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
