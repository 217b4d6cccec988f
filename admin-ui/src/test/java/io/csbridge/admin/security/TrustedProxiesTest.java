package io.csbridge.admin.security;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TrustedProxiesTest {

    final TrustedProxies proxies = TrustedProxies.of(" 10.0.0.5, 10.0.0.6 ,");

    @Test
    void aRequestStraightFromAClientIsTakenAsItCameWhateverItsHeadersSay() {
        HttpServletRequest direct = request("203.0.113.9", false,
                Map.of("X-Forwarded-For", List.of("1.2.3.4"), "X-Forwarded-Proto", List.of("https")));
        assertThat(proxies.clientAddress(direct)).isEqualTo("203.0.113.9");
        assertThat(proxies.overHttps(direct)).isFalse();
        assertThat(TrustedProxies.of("").overHttps(request("10.0.0.5", false, Map.of("X-Forwarded-Proto", List.of("https"))))).isFalse();
    }

    @Test
    void behindATrustedProxyTheClientIsTheNearestUntrustedHop() {
        HttpServletRequest viaProxy = request("10.0.0.5", false,
                Map.of("X-Forwarded-For", List.of("6.6.6.6, 198.51.100.7", "10.0.0.6"), "X-Forwarded-Proto", List.of("https")));
        assertThat(proxies.clientAddress(viaProxy)).isEqualTo("198.51.100.7");
        assertThat(proxies.overHttps(viaProxy)).isTrue();
        assertThat(proxies.clientAddress(request("10.0.0.5", false, Map.of()))).isEqualTo("10.0.0.5");
        assertThat(proxies.overHttps(request("10.0.0.5", false, Map.of("X-Forwarded-Proto", List.of("http"))))).isFalse();
    }

    @Test
    void aDirectHttpsConnectionIsHttps() {
        assertThat(proxies.overHttps(request("203.0.113.9", true, Map.of()))).isTrue();
    }

    static HttpServletRequest request(String peer, boolean secure, Map<String, List<String>> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(TrustedProxiesTest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (p, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "isSecure" -> secure;
                    case "getHeaders" -> Collections.enumeration(headers.getOrDefault((String) args[0], List.of()));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
