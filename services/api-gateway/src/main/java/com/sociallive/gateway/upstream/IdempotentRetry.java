package com.sociallive.gateway.upstream;

import java.io.IOException;
import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

/**
 * Retries an idempotent request (GET, HEAD, OPTIONS, DELETE) whose connection failed (an {@link IOException}, or
 * Reactor Netty's {@link AbortedException}: a pooled connection closed before the request was sent) on another
 * instance, up to {@code retries} times; nothing else is retried (not a timeout, not an error answer, not a
 * POST).
 *
 * <p>Spring Cloud Gateway's retry filter, added to a route through the route builder, has the gateway cache the body
 * of every request of that route, whatever its method ({@code AdaptCachedBodyGlobalFilter}): each POST body was joined
 * into one buffer, the request wrapped and the exchange copied, for a retry that never comes, and the wrapped request
 * took {@code ProxiedHeaders} off its direct path to Netty's headers (measured: the bulk of the extra CPU of a proxied
 * POST over a GET). Here the retry filter is made outside the context, so it asks for no such caching, and a request
 * keeps a copy of its body only when it may be sent again: a retried method with a body.
 */
public final class IdempotentRetry implements GatewayFilter {

    static final Set<HttpMethod> RETRIED =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.DELETE);

    private final GatewayFilter retry;

    public IdempotentRetry(int retries) {
        RetryGatewayFilterFactory.RetryConfig config = new RetryGatewayFilterFactory.RetryConfig()
                .setRetries(retries)
                .setMethods(RETRIED.toArray(HttpMethod[]::new))
                .setSeries()
                .setStatuses()
                .setExceptions(IOException.class, AbortedException.class);
        // not the context's factory: that one would announce body caching for the route (see the class comment)
        this.retry = new RetryGatewayFilterFactory().apply(config);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!RETRIED.contains(request.getMethod())) {
            return chain.filter(exchange);
        }
        if (!hasBody(request.getHeaders())) {
            // nothing to replay: a second attempt reads the finished (empty) request body again
            return retry.filter(exchange, chain);
        }
        // released by Spring Cloud Gateway's RemoveCachedBodyFilter when the exchange is done
        return ServerWebExchangeUtils.cacheRequestBody(
                exchange,
                cached -> retry.filter(exchange.mutate().request(cached).build(), chain));
    }

    private static boolean hasBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }
}
