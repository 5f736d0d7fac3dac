package com.sociallive.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

/** The edge firewall refuses exactly what Spring Security's strict firewall (with its defaults) refuses. */
class EdgeFirewallTests {

    private final StrictServerWebExchangeFirewall spring = new StrictServerWebExchangeFirewall();

    @Test
    void shouldAgreeWithSpringSecuritysStrictFirewallOnPaths() {
        List<String> paths = List.of(
                "/social/users/42/stats",
                "/social/posts?limit=5&cursor=abc%3D%3D",
                "/social/a;b",
                "/social/a%3bb",
                "/social/a%3Bb",
                "/social/a%2fb",
                "/social/a%2Fb",
                "/social//posts",
                "/social/a%5cb",
                "/social/a%00b",
                "/social/a%0ab",
                "/social/a%0Db",
                "/social/a%25b",
                "/social/a%2eb",
                "/social/a%2E%2E/b",
                "/social/./posts",
                "/social/../auth",
                "/social/posts/..",
                "/social/posts/.",
                "/social/.well-known/x",
                "/social/..well/x",
                "/social/a%20b",
                "/social/%69nternal/x",
                "/social/caf%C3%A9",
                "/social/a%E2%80%A8b",
                "/");
        for (String path : paths) {
            MockServerHttpRequest request = MockServerHttpRequest.get(path).build();
            assertThat(EdgeFirewall.rejection(request) != null).as(path).isEqualTo(springRejects(request));
        }
    }

    @Test
    void shouldAgreeWithSpringSecuritysStrictFirewallOnMethods() {
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "FOO")) {
            MockServerHttpRequest request = MockServerHttpRequest.method(
                            HttpMethod.valueOf(method), URI.create("/social/posts"))
                    .build();
            assertThat(EdgeFirewall.rejection(request) != null).as(method).isEqualTo(springRejects(request));
        }
    }

    @Test
    void shouldAgreeWithSpringSecuritysStrictFirewallOnHeaders() {
        List<String> values = List.of(
                "plain",
                "with\ttab",
                "caf\u00e9",
                "stra\u00c3\u009fe", // UTF-8 bytes read as ISO-8859-1: a C1 control character
                "bell\u0007",
                "del\u007f",
                "nul\u0000",
                "unassigned\u0378",
                "emoji\ud83d\ude00");
        for (String value : values) {
            MockServerHttpRequest request = MockServerHttpRequest.get("/social/posts")
                    .header("X-Custom", value)
                    .build();
            assertThat(EdgeFirewall.rejection(request) != null).as(value).isEqualTo(springRejects(request));
        }
        MockServerHttpRequest badName = MockServerHttpRequest.get("/social/posts")
                .header("X-Bad\u0001Name", "v")
                .build();
        assertThat(EdgeFirewall.rejection(badName)).isNotNull();
        assertThat(springRejects(badName)).isTrue();
    }

    @Test
    void shouldCheckThePathInOnePassAsTheBlocklistsSay() {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "ab/;\\%0235acdefABCDEF.\n\r\u0000\u2028\u2029";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder path = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                path.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = path.toString();
            assertThat(EdgeFirewall.hasForbiddenEncoded(value))
                    .as("encoded %s", value)
                    .isEqualTo(EdgeFirewall.containsAny(value, EdgeFirewall.ENCODED_BLOCKLIST));
            assertThat(EdgeFirewall.hasForbiddenDecoded(value))
                    .as("decoded %s", value)
                    .isEqualTo(EdgeFirewall.containsAny(value, EdgeFirewall.DECODED_BLOCKLIST));
        }
    }

    @Test
    void shouldRefuseResponseHeadersThatWouldSplitTheAnswer() {
        HttpHeaders fine = new HttpHeaders();
        fine.add("X-Request-Id", "abc");
        HttpHeaders split = new HttpHeaders();
        split.add("Location", "/x\r\nSet-Cookie: a=b");
        assertThat(EdgeFirewall.rejectsResponseHeaders(fine)).isFalse();
        assertThat(EdgeFirewall.rejectsResponseHeaders(split)).isTrue();
    }

    /** Spring's firewall refuses up front, or when a header of the wrapped request is read (as a proxy reads all). */
    private boolean springRejects(ServerHttpRequest request) {
        try {
            ServerWebExchange checked = spring.getFirewalledExchange(
                            MockServerWebExchange.from((MockServerHttpRequest) request))
                    .block();
            HttpHeaders headers = checked.getRequest().getHeaders();
            for (String name : headers.headerNames()) {
                headers.get(name);
            }
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }
}
