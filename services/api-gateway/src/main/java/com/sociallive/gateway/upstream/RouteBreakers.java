package com.sociallive.gateway.upstream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * The circuit breaker and time limit of every service route, as a gateway filter applying Resilience4j's reactor
 * operator directly: the breaker of a route is looked up once, when the route is built, not on every request (as Spring
 * Cloud CircuitBreaker's filter does, with a registry look-up, tag map and time limiter look-up per call). Same rules
 * as before: the breaker counts every call of the route (an error, or a call cut off by the time limit, is a failure;
 * an error answer of the service is not), an open breaker refuses at once ({@code CallNotPermittedException}: 503), and
 * a call over the route's time limit ({@code UPSTREAM_TIMEOUT}, per route {@code timeouts.<service>}) ends with a
 * {@link TimeoutException} (504), retries of the route included.
 *
 * <p>The breakers live in the application's {@link CircuitBreakerRegistry} ({@code /actuator/circuitbreakers}) but
 * publish no event per call: nothing consumes one (the per-call timers of Resilience4j's Micrometer binding repeated
 * {@code http_server_requests} and {@code http_client_requests}). Their state is in Prometheus as before, as gauges
 * read at scrape time: {@code resilience4j_circuitbreaker_state}, {@code _failure_rate}, {@code _buffered_calls} and
 * {@code _not_permitted_calls_total}, tagged with the breaker's {@code name} and {@code group}.
 */
public final class RouteBreakers {

    private final CircuitBreakerRegistry registry;
    private final CircuitBreakerConfig config;
    private final UpstreamProperties properties;
    private final MeterRegistry meters;

    RouteBreakers(CircuitBreakerRegistry registry, UpstreamProperties properties, MeterRegistry meters) {
        this.registry = registry;
        this.properties = properties;
        this.meters = meters;
        UpstreamProperties.Breaker breaker = properties.breaker();
        this.config = CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRate())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.window())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
    }

    /** The breaker (named after the route) and time limit of a route, for its filter chain. */
    public GatewayFilter filterFor(String route) {
        CircuitBreaker breaker = registry.circuitBreaker(route, config, Map.of("group", route));
        bindMetrics(breaker);
        CircuitBreakerOperator<Void> guarded = CircuitBreakerOperator.of(breaker);
        Duration limit = properties.timeoutOf(route);
        long limitMillis = limit.toMillis();
        String pattern = "/" + route + "/**";
        return (exchange, chain) -> {
            // the route as the uri tag of http_server_requests (else UNKNOWN for every proxied request)
            ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                    .ifPresent(observation -> observation.setPathPattern(pattern));
            return chain.filter(exchange)
                    .transform(guarded)
                    // named: the timeout operator otherwise walks the whole operator chain for a name, per request
                    .name(route)
                    .timeout(limit)
                    // the timeout cancels the call inside the breaker, which counts nothing for a cancellation: it is
                    // told
                    .doOnError(TimeoutException.class, e -> breaker.onError(limitMillis, TimeUnit.MILLISECONDS, e));
        };
    }

    private void bindMetrics(CircuitBreaker breaker) {
        Tags tags = Tags.of("name", breaker.getName())
                .and(Tags.of(breaker.getTags().entrySet().stream()
                        .map(tag -> io.micrometer.core.instrument.Tag.of(tag.getKey(), tag.getValue()))
                        .toList()));
        for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
            Gauge.builder("resilience4j.circuitbreaker.state", breaker, b -> b.getState() == state ? 1 : 0)
                    .description("The states of the circuit breaker")
                    .tags(tags)
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(meters);
        }
        Gauge.builder(
                        "resilience4j.circuitbreaker.failure.rate",
                        breaker,
                        b -> b.getMetrics().getFailureRate())
                .description("The failure rate of the circuit breaker")
                .tags(tags)
                .register(meters);
        Gauge.builder(
                        "resilience4j.circuitbreaker.buffered.calls",
                        breaker,
                        b -> b.getMetrics().getNumberOfSuccessfulCalls())
                .description("The number of buffered successful calls stored in the ring buffer")
                .tags(tags)
                .tag("kind", "successful")
                .register(meters);
        Gauge.builder(
                        "resilience4j.circuitbreaker.buffered.calls",
                        breaker,
                        b -> b.getMetrics().getNumberOfFailedCalls())
                .description("The number of buffered failed calls stored in the ring buffer")
                .tags(tags)
                .tag("kind", "failed")
                .register(meters);
        FunctionCounter.builder(
                        "resilience4j.circuitbreaker.not.permitted.calls",
                        breaker,
                        b -> b.getMetrics().getNumberOfNotPermittedCalls())
                .description("Total number of not permitted calls")
                .tags(tags)
                .tag("kind", "not_permitted")
                .register(meters);
    }
}
