package com.sociallive.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

/**
 * A connection failure is retried for idempotent methods only; the body of a retried request is sent again whole, and
 * the request of a method that is never retried reaches the routing filter as it came (not copied, not wrapped).
 */
class IdempotentRetryTests {

    private final IdempotentRetry retry = new IdempotentRetry(2);

    @Test
    void aDeleteWithABodyIsRetriedWithTheWholeBody() {
        Attempts attempts = new Attempts(1);
        ServerWebExchange exchange = exchange(HttpMethod.DELETE, "{\"reason\":\"gone\"}");

        retry.filter(exchange, attempts).block();

        assertThat(attempts.bodies).containsExactly("{\"reason\":\"gone\"}", "{\"reason\":\"gone\"}");
    }

    @Test
    void aGetWithoutABodyIsRetriedAsItCame() {
        Attempts attempts = new Attempts(2);
        ServerWebExchange exchange = exchange(HttpMethod.GET, null);

        retry.filter(exchange, attempts).block();

        assertThat(attempts.bodies).containsExactly("", "", "");
        assertThat(attempts.requests).allSatisfy(r -> assertThat(r).isSameAs(exchange.getRequest()));
    }

    @Test
    void aGetWhosePooledConnectionClosedBeforeSendingIsRetried() {
        Attempts attempts =
                new Attempts(1, () -> new AbortedException("Connection has been closed BEFORE send operation"));
        ServerWebExchange exchange = exchange(HttpMethod.GET, null);

        retry.filter(exchange, attempts).block();

        assertThat(attempts.bodies).hasSize(2);
    }

    @Test
    void aPostIsNeitherRetriedNorCopied() {
        Attempts attempts = new Attempts(1);
        ServerWebExchange exchange = exchange(HttpMethod.POST, "{\"amount\":1}");

        assertThatThrownBy(() -> retry.filter(exchange, attempts).block()).hasCauseInstanceOf(IOException.class);

        assertThat(attempts.bodies).containsExactly("{\"amount\":1}");
        assertThat(attempts.requests).containsExactly(exchange.getRequest());
    }

    @Test
    void retriesEndAfterTheirNumber() {
        Attempts attempts = new Attempts(5);
        ServerWebExchange exchange = exchange(HttpMethod.GET, null);

        assertThatThrownBy(() -> retry.filter(exchange, attempts).block()).hasCauseInstanceOf(IOException.class);

        assertThat(attempts.bodies).hasSize(3);
    }

    /** A request whose body can be read once, as a server's: a second read finds it finished (empty). */
    private static ServerWebExchange exchange(HttpMethod method, String body) {
        MockServerHttpRequest.BodyBuilder builder = MockServerHttpRequest.method(method, "http://gw/social/x");
        if (body == null) {
            return MockServerWebExchange.from(builder.build());
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        MockServerHttpRequest mock = builder.contentLength(bytes.length).body(body);
        AtomicBoolean read = new AtomicBoolean();
        ServerHttpRequest once = new ServerHttpRequestDecorator(mock) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> read.compareAndSet(false, true)
                        ? Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes))
                        : Flux.empty());
            }
        };
        return MockServerWebExchange.from(mock).mutate().request(once).build();
    }

    /** The routing filter's stand-in: reads the body, then fails the connection {@code failures} times. */
    private static final class Attempts implements GatewayFilterChain {

        final List<String> bodies = new ArrayList<>();
        final List<ServerHttpRequest> requests = new ArrayList<>();
        private final Supplier<Throwable> failure;
        private int failures;

        Attempts(int failures) {
            this(failures, () -> new ConnectException("refused"));
        }

        Attempts(int failures, Supplier<Throwable> failure) {
            this.failures = failures;
            this.failure = failure;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange) {
            requests.add(exchange.getRequest());
            return DataBufferUtils.join(exchange.getRequest().getBody())
                    .map(buffer -> buffer.toString(StandardCharsets.UTF_8))
                    .defaultIfEmpty("")
                    .flatMap(body -> {
                        bodies.add(body);
                        return failures-- > 0 ? Mono.error(failure.get()) : Mono.<Void>empty();
                    });
        }
    }
}
