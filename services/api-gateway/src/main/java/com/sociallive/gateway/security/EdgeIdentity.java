package com.sociallive.gateway.security;

import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ServerWebExchange;

/** Who the edge check found behind a request: the subject of its verified access token, if it had one. */
public final class EdgeIdentity {

    private static final String SUBJECT = EdgeIdentity.class.getName() + ".subject";
    private static final String EXPIRES_AT = EdgeIdentity.class.getName() + ".expiresAt";
    private static final String SESSION_ID = EdgeIdentity.class.getName() + ".sessionId";

    private EdgeIdentity() {}

    static void remember(ServerWebExchange exchange, Jwt token) {
        if (token.getSubject() != null) {
            exchange.getAttributes().put(SUBJECT, token.getSubject());
        }
        if (token.getExpiresAt() != null) {
            exchange.getAttributes().put(EXPIRES_AT, token.getExpiresAt());
        }
        String sessionId = token.getClaimAsString("sid");
        if (sessionId != null) {
            exchange.getAttributes().put(SESSION_ID, sessionId);
        }
    }

    /** The {@code sub} of the request's verified token; null for public paths and when the edge check is off. */
    public static String subject(ServerWebExchange exchange) {
        return exchange.getAttribute(SUBJECT);
    }

    /** When the request's verified token expires (a WebSocket is closed then); null where {@link #subject} is. */
    public static Instant expiresAt(ServerWebExchange exchange) {
        return exchange.getAttribute(EXPIRES_AT);
    }

    /** The login session ({@code sid}) of the request's verified token (a WebSocket is closed when it is revoked). */
    public static String sessionId(ServerWebExchange exchange) {
        return exchange.getAttribute(SESSION_ID);
    }
}
