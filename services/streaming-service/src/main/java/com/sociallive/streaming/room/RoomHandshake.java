package com.sociallive.streaming.room;

import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.ErrorCode;
import com.sociallive.platform.error.Problems;
import com.sociallive.platform.security.TokenClaims;
import com.sociallive.platform.trace.TraceParent;
import com.sociallive.streaming.config.StreamingErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a WebSocket upgrade before it happens: the access token (query parameter {@code access_token}, which
 * browsers need because they cannot set headers on a WebSocket, or {@code Authorization: Bearer}) is validated by
 * the platform's {@link JwtDecoder} exactly as on HTTP (signature, issuer, expiry, revoked session). No or a bad
 * token: 401; a service token or a removed viewer: 403; unknown stream: 404; ended stream: 409 STREAM_ENDED; no
 * database connection in time: 503 with Retry-After; each
 * refusal is a problem+json answer and no upgrade.
 */
class RoomHandshake implements HandshakeInterceptor {

    static final String STREAM_ID = "streamId";
    static final String USER_ID = "userId";
    static final String USERNAME = "username";
    static final String HOST = "host";
    static final String TOKEN_EXPIRES_AT = "tokenExpiresAt";
    static final String SESSION_ID = "sessionId";

    private final JwtDecoder jwtDecoder;
    private final RoomRepository repository;
    private final JsonMapper json;

    RoomHandshake(JwtDecoder jwtDecoder, RoomRepository repository, JsonMapper json) {
        this.jwtDecoder = jwtDecoder;
        this.repository = repository;
        this.json = json;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        var query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
        String token = bearer(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            String param = query.getFirst("access_token");
            token = param == null || param.isBlank() ? null : decode(param);
        }
        if (token == null) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sociallive\"");
            return refuse(request, response, CommonErrorCode.UNAUTHENTICATED, "An access token is required");
        }
        Jwt jwt;
        try {
            jwt = jwtDecoder.decode(token);
        } catch (JwtException e) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            return refuse(
                    request,
                    response,
                    CommonErrorCode.UNAUTHENTICATED,
                    "The access token is invalid, expired or revoked");
        }
        if (jwt.getClaimAsString("svc") != null) {
            return refuse(request, response, CommonErrorCode.FORBIDDEN, "A service token cannot join a stream");
        }
        UUID userId = uuid(jwt.getSubject());
        if (userId == null) {
            return refuse(request, response, CommonErrorCode.UNAUTHENTICATED, "The token has no user subject");
        }
        UUID streamId = uuid(query.getFirst(STREAM_ID));
        if (streamId == null) {
            return refuse(request, response, CommonErrorCode.VALIDATION_FAILED, "streamId: must be a stream id");
        }
        RoomRepository.Admission admission;
        try {
            admission = repository.admission(streamId, userId).orElse(null);
        } catch (CannotGetJdbcConnectionException e) {
            // a connect burst found no free pool connection in time: retryable, as DatabaseBusyAdvice answers on HTTP
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return refuse(request, response, CommonErrorCode.SERVICE_UNAVAILABLE, "The service is busy; retry shortly");
        }
        if (admission == null) {
            return refuse(request, response, CommonErrorCode.NOT_FOUND, "No stream " + streamId);
        }
        var room = admission.room();
        if (!room.live()) {
            return refuse(request, response, StreamingErrorCode.STREAM_ENDED, "The stream has ended");
        }
        boolean host = room.hostId().equals(userId);
        if (!host && admission.removed()) {
            return refuse(
                    request, response, StreamingErrorCode.REMOVED_FROM_STREAM, "You were removed from this stream");
        }
        attributes.put(STREAM_ID, streamId);
        attributes.put(USER_ID, userId);
        attributes.put(USERNAME, jwt.getClaimAsString("username"));
        attributes.put(HOST, host);
        attributes.put(TOKEN_EXPIRES_AT, jwt.getExpiresAt());
        String sessionId = jwt.getClaimAsString(TokenClaims.SESSION_ID);
        if (sessionId != null) {
            attributes.put(SESSION_ID, sessionId);
        }
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}

    private boolean refuse(ServerHttpRequest request, ServerHttpResponse response, ErrorCode code, String detail) {
        String traceId = null;
        if (request instanceof ServletServerHttpRequest servlet
                && servlet.getServletRequest().getAttribute(TraceParent.ATTRIBUTE) instanceof TraceParent trace) {
            traceId = trace.traceId();
        }
        ProblemDetail problem = Problems.of(code, detail, request.getURI().getPath(), traceId);
        if (code == CommonErrorCode.VALIDATION_FAILED) {
            Problems.withViolations(
                    problem, List.of(new com.sociallive.platform.error.FieldViolation(STREAM_ID, "is required")));
        }
        response.setStatusCode(HttpStatusCode.valueOf(code.status()));
        response.getHeaders().setContentType(Problems.PROBLEM_JSON);
        try {
            response.getBody().write(json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            // the client went away; nothing to tell
        }
        return false;
    }

    private static String bearer(String header) {
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static UUID uuid(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
