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

    private static final HttpHeaders CACHE_CONTROL = headers(
            HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate",
            HttpHeaders.PRAGMA, "no-cache",
            HttpHeaders.EXPIRES, "0");
    private static final HttpHeaders CONTENT_TYPE_OPTIONS = headers("X-Content-Type-Options", "nosniff");
    private static final HttpHeaders STRICT_TRANSPORT =
            headers("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
    private static final HttpHeaders FRAME_OPTIONS = headers("X-Frame-Options", "DENY");
    private static final HttpHeaders XSS_PROTECTION = headers("X-XSS-Protection", "0");
    private static final HttpHeaders REFERRER_POLICY = headers("Referrer-Policy", "strict-origin-when-cross-origin");

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

    private static void addUnlessPresent(HttpHeaders headers, HttpHeaders group) {
        for (String name : group.headerNames()) {
            if (headers.containsHeader(name)) {
                return;
            }
        }
        group.forEach(headers::put);
    }

    private static HttpHeaders headers(String... namesAndValues) {
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return HttpHeaders.readOnlyHttpHeaders(headers);
    }
}
