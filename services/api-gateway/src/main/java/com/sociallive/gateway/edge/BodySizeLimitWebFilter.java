package com.sociallive.gateway.edge;

import com.sociallive.gateway.GatewayProblems;
import com.sociallive.platform.error.CommonErrorCode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
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
 * {@code Content-Length} says so; a chunked body is read (up to the limit) before it is forwarded with its length,
 * and refused as soon as it crosses the limit, without a byte of it reaching the service.
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
        if (declared >= 0 || !request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange); // no body, or one whose declared length is within the limit
        }
        // A chunked body is read up to the limit before anything is forwarded: cutting it off half-way through
        // would leave the connection to the service with half a request on it.
        return DataBufferUtils.join(request.getBody(), (int) Math.min(Integer.MAX_VALUE, limit))
                .map(BodySizeLimitWebFilter::bytesOf)
                .defaultIfEmpty(new byte[0])
                .onErrorResume(
                        DataBufferLimitException.class, e -> tooLarge(exchange).then(Mono.empty()))
                .flatMap(body -> chain.filter(
                        exchange.mutate().request(withBody(exchange, body)).build()));
    }

    private static byte[] bytesOf(DataBuffer buffer) {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return bytes;
    }

    private static ServerHttpRequest withBody(ServerWebExchange exchange, byte[] body) {
        ServerHttpRequest sized = exchange.getRequest()
                .mutate()
                .headers(h -> {
                    h.remove(HttpHeaders.TRANSFER_ENCODING);
                    h.setContentLength(body.length);
                })
                .build();
        return new ServerHttpRequestDecorator(sized) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(
                        () -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return problems.write(
                exchange, CommonErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit + " bytes");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 30;
    }

    /** @param maxBodySize the largest request body the gateway forwards ({@code MAX_BODY_SIZE}) */
    @ConfigurationProperties("sociallive.gateway.edge")
    record BodyLimitProperties(@DefaultValue("1MB") DataSize maxBodySize) {}

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BodyLimitProperties.class)
    static class BodyLimitConfiguration {}
}
