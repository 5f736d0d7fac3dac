package com.sociallive.gateway.security;

import com.sociallive.platform.http.HeaderSyntax;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Finds the bearer token of a request as RFC 6750 (and Spring Security's {@code ServerBearerTokenAuthenticationConverter}
 * before it) does: {@code Authorization: Bearer <token>}, or where allowed the {@code access_token} query parameter of
 * a GET. A malformed header, an empty parameter or two tokens make the request's token invalid.
 */
final class BearerTokens {

    private static final String SCHEME = "Bearer ";
    private static final String PARAMETER = "access_token";

    private BearerTokens() {}

    /**
     * @return the token, or null when the request carries none
     * @throws InvalidBearerToken when what it carries cannot be a token
     */
    static String resolve(ServerHttpRequest request, boolean allowQueryParameter) {
        String fromHeader = fromAuthorizationHeader(request.getHeaders());
        String fromParameter =
                allowQueryParameter && HttpMethod.GET.equals(request.getMethod()) ? fromQueryParameter(request) : null;
        if (fromHeader != null) {
            if (fromParameter != null) {
                throw new InvalidBearerToken("Found multiple bearer tokens in the request");
            }
            return fromHeader;
        }
        if (fromParameter != null && fromParameter.isBlank()) {
            throw new InvalidBearerToken("The requested token parameter is an empty string");
        }
        return fromParameter;
    }

    private static String fromAuthorizationHeader(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length() - 1)) {
            return null;
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || !HeaderSyntax.isToken68(authorization, SCHEME.length())) {
            throw new InvalidBearerToken("Bearer token is malformed");
        }
        return authorization.substring(SCHEME.length());
    }

    private static String fromQueryParameter(ServerHttpRequest request) {
        List<String> values = EdgeFirewall.queryParams(request).get(PARAMETER);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidBearerToken("Found multiple bearer tokens in the request");
        }
        return values.get(0);
    }

    /** The request carries something that cannot be a bearer token: it gets 401 like a bad token. */
    static final class InvalidBearerToken extends RuntimeException {

        InvalidBearerToken(String message) {
            super(message, null, false, false);
        }
    }
}
