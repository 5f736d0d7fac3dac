package com.sociallive.gateway.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Finds the bearer token of a request. Public paths are not checked at all, so that a stale token sent along with
 * a login or refresh does not turn it into a 401. Browsers cannot set headers on a WebSocket upgrade, so
 * {@code /streaming/ws} also takes the token from the {@code access_token} query parameter.
 */
class EdgeBearerTokenConverter implements ServerAuthenticationConverter {

    private static final ServerWebExchangeMatcher WEBSOCKET =
            new PathPatternParserServerWebExchangeMatcher("/streaming/ws");

    private final ServerBearerTokenAuthenticationConverter headerOnly = new ServerBearerTokenAuthenticationConverter();
    private final ServerBearerTokenAuthenticationConverter headerOrQuery =
            new ServerBearerTokenAuthenticationConverter();

    EdgeBearerTokenConverter() {
        headerOrQuery.setAllowUriQueryParameter(true);
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        return PublicPaths.MATCHER
                .matches(exchange)
                .flatMap(publicPath -> publicPath.isMatch()
                        ? Mono.empty()
                        : WEBSOCKET
                                .matches(exchange)
                                .flatMap(ws ->
                                        ws.isMatch() ? headerOrQuery.convert(exchange) : headerOnly.convert(exchange)));
    }
}
