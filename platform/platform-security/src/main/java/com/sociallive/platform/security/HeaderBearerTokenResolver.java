package com.sociallive.platform.security;

import com.sociallive.platform.http.HeaderSyntax;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The bearer token of the {@code Authorization} header, by exactly the rules of Spring Security's
 * {@link DefaultBearerTokenResolver} with its defaults (header only; no {@code access_token} query or form parameter):
 * a header not starting with {@code bearer} (any case) carries no token; otherwise it must match
 * {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$} case-insensitively, or the request is refused as malformed. The token
 * is checked by {@link HeaderSyntax#isToken68} (no regular expression).
 */
public final class HeaderBearerTokenResolver implements BearerTokenResolver {

    private static final String PREFIX = "bearer ";

    @Override
    public String resolve(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "bearer", 0, 6)) {
            return null;
        }
        return token(authorization);
    }

    /** The token of an {@code Authorization} value that starts with {@code bearer} (any case). */
    static String token(String authorization) {
        if (!authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                || !HeaderSyntax.isToken68(authorization, PREFIX.length())) {
            throw malformed();
        }
        return authorization.substring(PREFIX.length());
    }

    private static OAuth2AuthenticationException malformed() {
        return new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
    }
}
