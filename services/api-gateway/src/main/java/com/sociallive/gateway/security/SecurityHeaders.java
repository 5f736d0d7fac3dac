package com.sociallive.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * The response headers Spring Security's default header writers added at the edge, with the same rule: written just
 * before the answer is committed, and a group only when the answer (e.g. from the service behind the route) carries
 * none of its headers yet, so nothing is doubled.
 */
final class SecurityHeaders {

    // groups of names and values; a group is written only when none of its names is in the answer yet
    private static final String[] CACHE_CONTROL = {
        HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate",
        HttpHeaders.PRAGMA, "no-cache",
        HttpHeaders.EXPIRES, "0"
    };
    private static final String[] CONTENT_TYPE_OPTIONS = {"X-Content-Type-Options", "nosniff"};
    private static final String[] STRICT_TRANSPORT = {
        "Strict-Transport-Security", "max-age=31536000 ; includeSubDomains"
    };
    private static final String[] FRAME_OPTIONS = {"X-Frame-Options", "DENY"};
    private static final String[] XSS_PROTECTION = {"X-XSS-Protection", "0"};
    private static final String[] REFERRER_POLICY = {"Referrer-Policy", "strict-origin-when-cross-origin"};

    private SecurityHeaders() {}

    static void writeTo(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        if (response.getStatusCode() != HttpStatus.NOT_MODIFIED) {
            addUnlessPresent(headers, CACHE_CONTROL);
        }
        addUnlessPresent(headers, CONTENT_TYPE_OPTIONS);
        if ("https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())) {
            addUnlessPresent(headers, STRICT_TRANSPORT);
        }
        addUnlessPresent(headers, FRAME_OPTIONS);
        addUnlessPresent(headers, XSS_PROTECTION);
        addUnlessPresent(headers, REFERRER_POLICY);
    }

    /** Plain look-ups and sets: iterating Spring's HttpHeaders would build a set of all their names each time. */
    private static void addUnlessPresent(HttpHeaders headers, String[] group) {
        for (int i = 0; i < group.length; i += 2) {
            if (headers.containsHeader(group[i])) {
                return;
            }
        }
        for (int i = 0; i < group.length; i += 2) {
            headers.set(group[i], group[i + 1]);
        }
    }
}
