package com.sociallive.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The regex-free header checks give exactly the answers of Spring Security's regex-based ones. */
class RegexFreeHeaderChecksTests {

    private static final String JWT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLV8rLw";

    @Test
    void shouldResolveBearerTokensExactlyAsTheDefaultResolver() {
        List<String> headers = new ArrayList<>(List.of(
                "Bearer " + JWT,
                "bearer " + JWT,
                "BEARER " + JWT,
                "Bearer " + JWT + "==",
                "Bearer abc~.-_+/",
                "Bearer",
                "Bearer ",
                "Bearer  " + JWT,
                "Bearer " + JWT + " ",
                "Bearer " + JWT + "=a",
                "Bearer a=b",
                "Bearer =",
                "Bearer é",
                "Bearer " + JWT + "\n",
                "Bearer\t" + JWT,
                "Bearerx " + JWT,
                "Basic dXNlcjpwYXNz",
                "bear " + JWT,
                "",
                "Bearer a,b",
                "Bearer a b"));
        BearerTokenResolver expected = new DefaultBearerTokenResolver();
        BearerTokenResolver actual = new HeaderBearerTokenResolver();
        for (String header : headers) {
            assertThat(outcome(actual, header)).as(header).isEqualTo(outcome(expected, header));
        }
        assertThat(outcome(actual, null)).isEqualTo(outcome(expected, null)).isEqualTo("token:null");
    }

    @Test
    void shouldUseTheRegexFreeHeaderChecksInTheFirewall() {
        // HeaderSyntaxTests (platform-core) pins the checks themselves to the firewall's regular expressions
        assertThat(HeaderCharacters.NAMES.test("X-Request-Id")).isTrue();
        assertThat(HeaderCharacters.NAMES.test("X\nInjected")).isFalse();
        assertThat(HeaderCharacters.VALUES.test("a\tb")).isTrue();
        assertThat(HeaderCharacters.VALUES.test("a\rb")).isFalse();
    }

    private static String outcome(BearerTokenResolver resolver, String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/balance");
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        try {
            return "token:" + resolver.resolve(request);
        } catch (OAuth2AuthenticationException e) {
            return "refused:" + e.getError().getErrorCode() + ":" + e.getError().getDescription();
        }
    }
}
