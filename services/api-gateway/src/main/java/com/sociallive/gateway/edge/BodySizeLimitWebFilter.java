package com.sociallive.gateway.edge;

import com.sociallive.gateway.GatewayProblems;
import com.sociallive.platform.error.CommonErrorCode;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Request bodies over {@code MAX_BODY_SIZE} (1 MiB) get 413 {@code PAYLOAD_TOO_LARGE} at the edge: at once when the
 * {@code Content-Length} says so, and as soon as the limit is crossed for a chunked body (the gateway then stops
 * forwarding it and answers 413, since the service has not answered yet).
 */
@Component
class BodySizeLimitWebFilter implements WebFilter, Ordered {

    private final long limit;
    private final GatewayProblems problems;

    BodySizeLimitWebFilter(BodyLimitProperties properties, GatewayProblems problems) {
        this.limit = properties.maxBodySize().toBytes();
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            return tooLarge(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            private final AtomicLong seen = new AtomicLong();

            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        sink.error(new BodyTooLargeException());
                        return;
                    }
                    sink.next(buffer);
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build())
                .onErrorResume(BodySizeLimitWebFilter::causedByLargeBody, e -> tooLarge(exchange));
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return problems.write(
                exchange, CommonErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit + " bytes");
    }

    private static boolean causedByLargeBody(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 30;
    }

    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super("request body too large", null, false, false);
        }
    }

    /** @param maxBodySize the largest request body the gateway forwards ({@code MAX_BODY_SIZE}) */
    @ConfigurationProperties("sociallive.gateway.edge")
    record BodyLimitProperties(@DefaultValue("1MB") DataSize maxBodySize) {}

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BodyLimitProperties.class)
    static class BodyLimitConfiguration {}
}
