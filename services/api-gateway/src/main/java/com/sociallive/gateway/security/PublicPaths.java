package com.sociallive.gateway.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/** The paths a client may call without an access token (API.md, "auth"), plus the gateway's docs and probes. */
final class PublicPaths {

    static final ServerWebExchangeMatcher MATCHER = new OrServerWebExchangeMatcher(
            post("/auth/register"),
            post("/auth/login"),
            post("/auth/refresh"),
            post("/auth/verify"),
            get("/auth/.well-known/jwks.json"),
            get("/health"),
            get("/*/health"),
            any("/streaming/hooks/**"),
            get("/v3/api-docs"),
            get("/v3/api-docs/**"),
            get("/*/v3/api-docs"),
            get("/*/v3/api-docs/**"),
            get("/swagger-ui.html"),
            get("/swagger-ui/**"),
            get("/webjars/**"),
            get("/actuator/health"),
            get("/actuator/health/**"),
            get("/actuator/prometheus"));

    private PublicPaths() {}

    private static ServerWebExchangeMatcher post(String pattern) {
        return new PathPatternParserServerWebExchangeMatcher(pattern, HttpMethod.POST);
    }

    private static ServerWebExchangeMatcher get(String pattern) {
        return new PathPatternParserServerWebExchangeMatcher(pattern, HttpMethod.GET);
    }

    private static ServerWebExchangeMatcher any(String pattern) {
        return new PathPatternParserServerWebExchangeMatcher(pattern);
    }
}
