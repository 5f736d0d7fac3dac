package com.sociallive.gateway.security;

import com.sociallive.gateway.GatewayProblems;
import com.sociallive.platform.error.CommonErrorCode;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The edge check as one filter, doing in the same order what Spring Security's reactive filter chain did here before
 * (the gateway benchmark measured that chain, with its matchers, observations and debug messages built per request,
 * at a large part of the gateway's cost): the strict request firewall, the security headers, CORS, and then, outside
 * {@link PublicPaths}, a valid bearer token. Public paths are not checked at all, so that a stale token sent along
 * with a login or refresh does not turn it into a 401.
 */
final class EdgeSecurityWebFilter implements WebFilter, Ordered {

    /** Where Spring Security's chain ran: after request id, hidden paths and body limit, before the rate limits. */
    static final int ORDER = -100;

    private final ServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
    private final CorsProcessor corsProcessor = new DefaultCorsProcessor();
    private final CorsConfiguration cors;
    private final ReactiveJwtDecoder decoder;
    private final boolean tokenRequired;
    private final GatewayProblems problems;

    EdgeSecurityWebFilter(
            CorsConfiguration cors, ReactiveJwtDecoder decoder, boolean tokenRequired, GatewayProblems problems) {
        this.cors = cors;
        this.decoder = decoder;
        this.tokenRequired = tokenRequired;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return firewall.getFirewalledExchange(exchange)
                .onErrorResume(
                        ServerExchangeRejectedException.class,
                        rejected -> problems.write(
                                        exchange, CommonErrorCode.MALFORMED_REQUEST, "The request was rejected")
                                .then(Mono.empty()))
                .flatMap(checked -> secure(checked, chain));
    }

    private Mono<Void> secure(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            SecurityHeaders.writeTo(exchange);
            return Mono.empty();
        });
        ServerHttpRequest request = exchange.getRequest();
        if (!corsProcessor.process(cors, exchange) || CorsUtils.isPreFlightRequest(request)) {
            return Mono.empty(); // refused (403) or a preflight answered here
        }
        if (!tokenRequired || PublicPaths.matches(request)) {
            return chain.filter(exchange);
        }
        String token;
        try {
            token = BearerTokens.resolve(request, PublicPaths.isWebSocket(request));
        } catch (BearerTokens.InvalidBearerToken e) {
            return unauthenticated(exchange);
        }
        if (token == null) {
            return unauthenticated(exchange);
        }
        return decoder.decode(token)
                .onErrorMap(BadJwtException.class, RefusedToken::new)
                .flatMap(jwt -> {
                    EdgeIdentity.remember(exchange, jwt);
                    return chain.filter(exchange);
                })
                .onErrorResume(RefusedToken.class, refused -> unauthenticated(exchange));
    }

    /** 401 as problem+json, with the Bearer challenge of RFC 6750. */
    private Mono<Void> unauthenticated(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        boolean tokenSent = request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                || request.getQueryParams().containsKey("access_token");
        exchange.getResponse()
                .getHeaders()
                .set(
                        HttpHeaders.WWW_AUTHENTICATE,
                        tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer realm=\"sociallive\"");
        String detail = tokenSent ? "The access token is invalid, expired or revoked" : "An access token is required";
        return problems.write(exchange, CommonErrorCode.UNAUTHENTICATED, detail);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** A token that failed its check (signature, claims, revocation), told apart from errors further down the chain. */
    private static final class RefusedToken extends RuntimeException {

        RefusedToken(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
