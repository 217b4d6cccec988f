package io.csbridge.admin.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginRedirectTest {

    @Test
    void afterLoginThePersonReturnsToThePageTheyAskedFor() {
        assertThat(AdminAuthentication.safeNext("/accounts.html?band=Red&q=acme")).isEqualTo("/accounts.html?band=Red&q=acme");
        assertThat(AdminAuthentication.safeNext("/account.html?id=red-1%20x")).isEqualTo("/account.html?id=red-1%20x");
    }

    @Test
    void aLoginNeverSendsTheBrowserToAnotherSiteOrBackToTheLogin() {
        for (String next : new String[]{null, "", "//evil.example/", "https://evil.example/", "/\\evil.example",
                "javascript:alert(1)", "/login.html", "/logout", "/a b", "/\r\nSet-Cookie:x=y", "/" + "a".repeat(600)}) {
            assertThat(AdminAuthentication.safeNext(next)).as(String.valueOf(next)).isEqualTo("/");
        }
    }

    @Test
    void onlyChangesNeedTheCsrfToken() {
        assertThat(BrowserSession.changes("GET")).isFalse();
        assertThat(BrowserSession.changes("HEAD")).isFalse();
        assertThat(BrowserSession.changes("POST")).isTrue();
        assertThat(BrowserSession.changes("PUT")).isTrue();
        assertThat(BrowserSession.changes("DELETE")).isTrue();
    }

    @Test
    void theTokenMustMatchExactly() {
        BrowserSession session = new BrowserSession("ann", "abcdef");
        assertThat(session.acceptsToken("abcdef")).isTrue();
        assertThat(session.acceptsToken("abcde")).isFalse();
        assertThat(session.acceptsToken("abcdefg")).isFalse();
        assertThat(session.acceptsToken(null)).isFalse();
        assertThat(session.acceptsToken("")).isFalse();
    }
}
