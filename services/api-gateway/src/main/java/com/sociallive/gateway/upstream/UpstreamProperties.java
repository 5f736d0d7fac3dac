package com.sociallive.gateway.upstream;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sociallive.gateway.upstream.*}: how the gateway treats the services behind it.
 *
 * @param timeout how long a service may take to answer before the client gets 504 ({@code UPSTREAM_TIMEOUT})
 * @param timeouts per-route exceptions to {@code timeout}, by service name
 * @param retries extra attempts for idempotent requests whose connection failed (on another instance)
 * @param healthInterval how often every instance's {@code /health} is checked
 * @param healthTimeout how long one health check may take
 * @param healthTimeoutsBeforeDown health checks in a row that must time out before an instance is taken out (a refused
 *     connection or a DOWN answer takes it out at once)
 * @param breaker the circuit breaker every route has
 */
@ConfigurationProperties("sociallive.gateway.upstream")
public record UpstreamProperties(
        @DefaultValue("10s") Duration timeout,
        @DefaultValue Map<String, Duration> timeouts,
        @DefaultValue("2") int retries,
        @DefaultValue("2s") Duration healthInterval,
        @DefaultValue("1s") Duration healthTimeout,
        @DefaultValue("3") int healthTimeoutsBeforeDown,
        @DefaultValue Breaker breaker) {

    public Duration timeoutOf(String route) {
        return timeouts.getOrDefault(route, timeout);
    }

    /**
     * @param failureRate percentage of failed calls in the window that opens the breaker
     * @param window number of recent calls the failure rate is computed over
     * @param minimumCalls calls needed before the failure rate counts
     * @param openFor how long an open breaker refuses calls before it lets a few through to test the service
     * @param halfOpenCalls test calls in the half-open state
     */
    public record Breaker(
            @DefaultValue("50") float failureRate,
            @DefaultValue("20") int window,
            @DefaultValue("10") int minimumCalls,
            @DefaultValue("5s") Duration openFor,
            @DefaultValue("3") int halfOpenCalls) {}
}
