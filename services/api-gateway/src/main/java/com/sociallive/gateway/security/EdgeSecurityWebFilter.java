package com.sociallive.gateway.security;

import com.sociallive.gateway.GatewayProblems;
import com.sociallive.platform.error.CommonErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
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
 * at a large part of the gateway's cost): the strict request firewall ({@link EdgeFirewall}: 400), the security
 * headers, CORS, and then, outside {@link PublicPaths}, a valid bearer token (401). Public paths are not checked at
 * all, so that a stale token sent along with a login or refresh does not turn it into a 401. When the auth service's
 * keys cannot be fetched to check a token, the answer is 503 with {@code Retry-After}.
 */
final class EdgeSecurityWebFilter implements WebFilter, Ordered {

    /** Where Spring Security's chain ran: after request id, hidden paths and body limit, before the rate limits. */
    static final int ORDER = -100;

    private static final Logger log = LoggerFactory.getLogger(EdgeSecurityWebFilter.class);

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
        ServerHttpRequest request = exchange.getRequest();
        String rejection = EdgeFirewall.rejection(request);
        if (rejection != null) {
            log.debug("Rejected {} {}: {}", request.getMethod(), request.getPath(), rejection);
            return rejected(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            SecurityHeaders.writeTo(exchange);
            if (EdgeFirewall.rejectsResponseHeaders(response)) {
                return Mono.error(new IllegalArgumentException("Invalid characters (CR/LF) in a response header"));
            }
            return Mono.empty();
        });
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
        } catch (EdgeFirewall.Rejected e) {
            return rejected(exchange);
        }
        if (token == null) {
            return unauthenticated(exchange);
        }
        return decoder.decode(token)
                .onErrorMap(EdgeSecurityWebFilter::isTokenFailure, RefusedToken::new)
                .flatMap(jwt -> {
                    EdgeIdentity.remember(exchange, jwt);
                    return chain.filter(exchange);
                })
                .onErrorResume(
                        RefusedToken.class,
                        refused -> refused.getCause() instanceof BadJwtException
                                ? unauthenticated(exchange)
                                : keysUnavailable(exchange, refused.getCause()));
    }

    /** The token was refused, or could not be checked; not an error further down the chain. */
    private static boolean isTokenFailure(Throwable e) {
        return e instanceof BadJwtException || causedByMissingKeys(e);
    }

    private static boolean causedByMissingKeys(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JwksUnavailableException) {
                return true;
            }
        }
        return false;
    }

    private Mono<Void> rejected(ServerWebExchange exchange) {
        return problems.write(exchange, CommonErrorCode.MALFORMED_REQUEST, "The request was rejected");
    }

    /** 503 with Retry-After (GatewayProblems): the token may be fine, but the auth service's keys are out of reach. */
    private Mono<Void> keysUnavailable(ServerWebExchange exchange, Throwable cause) {
        log.warn("Cannot check an access token: {}", rootMessage(cause));
        return problems.write(
                exchange,
                CommonErrorCode.SERVICE_UNAVAILABLE,
                "The access token cannot be checked right now (the auth service's keys are out of reach); retry later");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }

    /** 401 as problem+json, with the Bearer challenge of RFC 6750. */
    private Mono<Void> unauthenticated(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        boolean tokenSent = request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                || hasQueryParameter(request, "access_token");
        exchange.getResponse()
                .getHeaders()
                .set(
                        HttpHeaders.WWW_AUTHENTICATE,
                        tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer realm=\"sociallive\"");
        String detail = tokenSent ? "The access token is invalid, expired or revoked" : "An access token is required";
        return problems.write(exchange, CommonErrorCode.UNAUTHENTICATED, detail);
    }

    private static boolean hasQueryParameter(ServerHttpRequest request, String name) {
        return request.getURI().getRawQuery() != null
                && request.getQueryParams().containsKey(name);
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
