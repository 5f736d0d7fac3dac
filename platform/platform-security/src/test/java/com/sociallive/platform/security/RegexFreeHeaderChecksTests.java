package com.sociallive.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
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
    void shouldCheckHeaderCharactersExactlyAsTheStrictFirewall() {
        Pattern names = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
        Pattern values = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");
        List<String> samples = new ArrayList<>(List.of(
                "",
                "Bearer " + JWT,
                "application/json",
                "a\tb",
                "a\nb",
                "a\rb",
                "\u0000",
                "\u007f",
                "\u0085",
                "é ü ß",
                "\u2028",
                "\u00a0",
                "日本語",
                "\ud83d\ude00",
                "\ud83d",
                "\ude00x",
                "\u0378",
                "x\u0378y",
                "\ufffe",
                "\uffff",
                "\u200b"));
        for (int c = 0; c < 0x3000; c += 7) {
            samples.add("v" + (char) c + "w");
        }
        for (String s : samples) {
            assertThat(HeaderCharacters.NAMES.test(s))
                    .as(s)
                    .isEqualTo(names.matcher(s).matches());
            assertThat(HeaderCharacters.VALUES.test(s))
                    .as(s)
                    .isEqualTo(values.matcher(s).matches());
        }
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
