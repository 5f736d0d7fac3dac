package com.sociallive.gateway.security;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** The paths a client may call without an access token (API.md, "auth"), plus the gateway's docs and probes. */
final class PublicPaths {

    // the parser Spring Security's path matchers use: no optional trailing slash, case-sensitive
    private static final PathPatternParser PARSER = new PathPatternParser();

    private static final List<Rule> RULES = List.of(
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

    private static final PathPattern WEBSOCKET = PARSER.parse("/streaming/ws");

    private PublicPaths() {}

    static boolean matches(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        HttpMethod method = request.getMethod();
        for (Rule rule : RULES) {
            if (rule.matches(method, path)) {
                return true;
            }
        }
        return false;
    }

    /** The chat WebSocket, whose browser clients cannot set an Authorization header on the upgrade request. */
    static boolean isWebSocket(ServerHttpRequest request) {
        return WEBSOCKET.matches(request.getPath().pathWithinApplication());
    }

    private static Rule post(String pattern) {
        return new Rule(HttpMethod.POST, PARSER.parse(pattern));
    }

    private static Rule get(String pattern) {
        return new Rule(HttpMethod.GET, PARSER.parse(pattern));
    }

    private static Rule any(String pattern) {
        return new Rule(null, PARSER.parse(pattern));
    }

    private record Rule(HttpMethod method, PathPattern pattern) {

        boolean matches(HttpMethod requestMethod, PathContainer path) {
            return (method == null || method.equals(requestMethod)) && pattern.matches(path);
        }
    }
}
