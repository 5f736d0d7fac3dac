package com.sociallive.gateway.edge;

import com.sociallive.gateway.GatewayProblems;
import com.sociallive.platform.error.CommonErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
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
 * and refused once it crosses the limit, without a byte of it reaching the service. What the client still sends of a
 * refused body is read and dropped (up to 16 MiB) so that it reads the 413 rather than a connection reset.
 */
@Component
class BodySizeLimitWebFilter implements WebFilter, Ordered {

    /** the most of a refused body read (and dropped) so that its client gets the 413; past it the connection closes */
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private static final Duration DRAIN_TIME = Duration.ofSeconds(5);

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
            return Mono.when(tooLarge(exchange), drain(request.getBody()));
        }
        if (declared >= 0 || !request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange); // no body, or one whose declared length is within the limit
        }
        // A chunked body is read up to the limit before anything is forwarded: cutting it off half-way through
        // would leave the connection to the service with half a request on it.
        return request.getBody()
                .collect(() -> new ChunkedBody(limit), ChunkedBody::add)
                .onErrorResume(DrainLimitExceeded.class, e -> Mono.just(ChunkedBody.TOO_LARGE))
                .flatMap(body -> body.tooLarge()
                        ? tooLarge(exchange)
                        : chain.filter(exchange.mutate()
                                .request(withBody(exchange, body.bytes()))
                                .build()));
    }

    /**
     * Reads and drops what the client still sends of a refused body (up to {@link #DRAIN_LIMIT}) while the 413 goes
     * out, as nginx's lingering close does: a server that stops reading and closes makes the client's unfinished write
     * fail with a connection reset, and the client never reads the 413.
     */
    private static Mono<Void> drain(Flux<DataBuffer> body) {
        return DataBufferUtils.takeUntilByteCount(body, DRAIN_LIMIT)
                .doOnNext(DataBufferUtils::release)
                .then()
                .timeout(DRAIN_TIME) // a client that stops sending does not hold the connection
                .onErrorComplete();
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

    /**
     * A chunked body read up to the limit; past it the rest is read and dropped (up to {@link #DRAIN_LIMIT}, see
     * {@link #drain}) so that the client gets its 413.
     */
    private static final class ChunkedBody {

        static final ChunkedBody TOO_LARGE = new ChunkedBody(-1);

        private final long limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private long read;

        ChunkedBody(long limit) {
            this.limit = limit;
        }

        void add(DataBuffer buffer) {
            try {
                read += buffer.readableByteCount();
                if (read > DRAIN_LIMIT) {
                    throw new DrainLimitExceeded();
                }
                if (!tooLarge()) {
                    try (InputStream in = buffer.asInputStream()) {
                        in.transferTo(bytes);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            } finally {
                DataBufferUtils.release(buffer);
            }
        }

        boolean tooLarge() {
            return limit < 0 || read > limit;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    private static final class DrainLimitExceeded extends RuntimeException {

        DrainLimitExceeded() {
            super(null, null, false, false);
        }
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
