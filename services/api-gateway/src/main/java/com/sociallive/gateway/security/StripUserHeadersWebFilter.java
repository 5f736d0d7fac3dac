package com.sociallive.gateway.security;

import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** A client may not claim an identity by header: every {@code X-User-*} header it sent is dropped at the edge. */
@Component
class StripUserHeadersWebFilter implements WebFilter, Ordered {

    private static final String PREFIX = "x-user-";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        List<String> spoofed = request.getHeaders().headerNames().stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith(PREFIX))
                .toList();
        if (spoofed.isEmpty()) {
            return chain.filter(exchange);
        }
        ServerHttpRequest cleaned =
                request.mutate().headers(h -> spoofed.forEach(h::remove)).build();
        return chain.filter(exchange.mutate().request(cleaned).build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
