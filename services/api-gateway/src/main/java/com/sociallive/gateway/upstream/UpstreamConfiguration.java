package com.sociallive.gateway.upstream;

import com.sociallive.gateway.ServicesProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Instances with health checks, and a circuit breaker with a time limit for every route. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UpstreamProperties.class)
class UpstreamConfiguration {

    @Bean
    ServiceInstances serviceInstances(ServicesProperties services, UpstreamProperties properties) {
        return new ServiceInstances(services, properties);
    }

    @Bean
    BalancingFilter balancingFilter(ServiceInstances instances) {
        return new BalancingFilter(instances);
    }

    /** Breakers are named after their route, so each service has its own, with its own time limit. */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakers(UpstreamProperties properties) {
        UpstreamProperties.Breaker breaker = properties.breaker();
        CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRate())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.window())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(breakerConfig)
                .timeLimiterConfig(TimeLimiterConfig.custom()
                        .timeoutDuration(properties.timeoutOf(id))
                        .cancelRunningFuture(true)
                        .build())
                .build());
    }
}
