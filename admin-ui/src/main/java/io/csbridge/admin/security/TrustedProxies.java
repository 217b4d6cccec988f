package io.csbridge.admin.security;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reverse proxies ({@code admin.trusted-proxies}: their addresses, comma-separated) whose
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed. A request straight from anyone
 * else is taken as it came: its own address, HTTPS only if it came over HTTPS, whatever headers it sends.
 */
public final class TrustedProxies {

    private final Set<String> proxies;

    public TrustedProxies(Set<String> proxies) {
        this.proxies = Set.copyOf(proxies);
    }

    /** From the configured list ({@code "10.0.0.5, 10.0.0.6"}); none when blank. */
    public static TrustedProxies of(String list) {
        return new TrustedProxies(list == null ? Set.of() : Arrays.stream(list.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet()));
    }

    /**
     * Who asked: behind a trusted proxy, the nearest address in {@code X-Forwarded-For} that is not
     * itself a trusted proxy (what the client wrote further left could be forged); otherwise the peer.
     */
    public String clientAddress(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!proxies.contains(peer)) return peer;
        List<String> hops = values(request, "X-Forwarded-For");
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!proxies.contains(hops.get(i))) return hops.get(i);
        }
        return hops.isEmpty() ? peer : hops.get(0);
    }

    /** Whether the browser's connection was HTTPS: to this server, or to a trusted proxy that says so. */
    public boolean overHttps(HttpServletRequest request) {
        if (request.isSecure()) return true;
        if (!proxies.contains(request.getRemoteAddr())) return false;
        List<String> proto = values(request, "X-Forwarded-Proto");
        return !proto.isEmpty() && proto.get(proto.size() - 1).toLowerCase(Locale.ROOT).equals("https");
    }

    private static List<String> values(HttpServletRequest request, String header) {
        return java.util.Collections.list(request.getHeaders(header)).stream()
                .flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
