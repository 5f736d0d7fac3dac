package com.sociallive.auth.config;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * On the auth service's public endpoints (register, login, refresh, verify, JWKS, service tokens) a bearer header is
 * ignored rather than checked: a client refreshing with an expired access token still in its {@code Authorization}
 * header must reach {@code /refresh}, not get 401. Everywhere else the header is read as usual.
 */
class PublicPathsBearerTokenResolver implements BearerTokenResolver {

    private final DefaultBearerTokenResolver delegate = new DefaultBearerTokenResolver();
    private final List<RequestMatcher> publicPaths;

    PublicPathsBearerTokenResolver(List<String> publicPaths) {
        PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
        this.publicPaths = publicPaths.stream()
                .map(builder::matcher)
                .map(RequestMatcher.class::cast)
                .toList();
    }

    @Override
    public String resolve(HttpServletRequest request) {
        for (RequestMatcher matcher : publicPaths) {
            if (matcher.matches(request)) {
                return null;
            }
        }
        return delegate.resolve(request);
    }
}
