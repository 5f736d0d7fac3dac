package com.sociallive.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class SecurityHeadersTests {

    @Test
    void shouldAddTheDefaultHeaders() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/social/posts"));

        SecurityHeaders.writeTo(exchange);

        HttpHeaders headers = exchange.getResponse().getHeaders();
        assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(headers.getFirst("X-XSS-Protection")).isEqualTo("0");
        assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(headers.getFirst(HttpHeaders.CACHE_CONTROL)).contains("no-store");
        assertThat(headers.getFirst(HttpHeaders.PRAGMA)).isEqualTo("no-cache");
        assertThat(headers.getFirst(HttpHeaders.EXPIRES)).isEqualTo("0");
        assertThat(headers.containsHeader("Strict-Transport-Security")).isFalse();
    }

    @Test
    void shouldKeepWhatTheServiceAnsweredAndWriteNothingTwice() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/social/posts"));
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(HttpHeaders.CACHE_CONTROL, "max-age=60");
        headers.set("x-frame-options", "SAMEORIGIN");

        SecurityHeaders.writeTo(exchange);
        SecurityHeaders.writeTo(exchange);

        assertThat(headers.get(HttpHeaders.CACHE_CONTROL)).containsExactly("max-age=60");
        assertThat(headers.containsHeader(HttpHeaders.PRAGMA))
                .as("the cache group is the service's")
                .isFalse();
        assertThat(headers.get("X-Frame-Options")).containsExactly("SAMEORIGIN");
        assertThat(headers.get("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Test
    void shouldAddTransportSecurityOnHttpsAndNoCacheHeadersOnNotModified() {
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.get("https://api.example.com/social/posts"));
        exchange.getResponse().setStatusCode(HttpStatus.NOT_MODIFIED);

        SecurityHeaders.writeTo(exchange);

        HttpHeaders headers = exchange.getResponse().getHeaders();
        assertThat(headers.getFirst("Strict-Transport-Security")).startsWith("max-age=31536000");
        assertThat(headers.containsHeader(HttpHeaders.CACHE_CONTROL)).isFalse();
    }
}
