package com.sociallive.platform.security;

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
 * {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$} case-insensitively, or the request is refused as malformed. Checked
 * with a loop over the characters instead of that regular expression: a signed access token is a few hundred
 * characters, and the regex's character-class matching was ~4 % of the wallet's CPU samples per request.
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
        int length = authorization.length();
        if (length <= PREFIX.length() || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw malformed();
        }
        int i = PREFIX.length();
        while (i < length && isTokenChar(authorization.charAt(i))) {
            i++;
        }
        if (i == PREFIX.length()) {
            throw malformed();
        }
        while (i < length && authorization.charAt(i) == '=') {
            i++;
        }
        if (i != length) {
            throw malformed();
        }
        return authorization.substring(PREFIX.length());
    }

    /** {@code [a-zA-Z0-9-._~+/]} (ASCII only, as the case-insensitive regex class). */
    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }

    private static OAuth2AuthenticationException malformed() {
        return new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
    }
}
