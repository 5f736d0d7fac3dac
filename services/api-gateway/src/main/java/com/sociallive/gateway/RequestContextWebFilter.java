package com.sociallive.gateway;

import com.sociallive.platform.trace.RequestIds;
import com.sociallive.platform.trace.TraceParent;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id} (echoed or generated) and a trace context, answers with the id and
 * passes both on to the service behind the route.
 */
@Component
class RequestContextWebFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String requestId = RequestIds.acceptOrGenerate(request.getHeaders().getFirst(RequestIds.HEADER));
        TraceParent trace = TraceParent.continueOrStart(request.getHeaders().getFirst(TraceParent.HEADER));
        exchange.getAttributes().put(RequestIds.ATTRIBUTE, requestId);
        exchange.getAttributes().put(TraceParent.ATTRIBUTE, trace);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
        // the service behind the route echoes the id too; without this the answer would carry it twice
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
            return Mono.empty();
        });
        ServerHttpRequest forwarded = request.mutate()
                .headers(h -> {
                    h.set(RequestIds.HEADER, requestId);
                    h.set(TraceParent.HEADER, trace.child().header());
                })
                .build();
        return chain.filter(exchange.mutate().request(forwarded).build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
