package com.sociallive.gateway.upstream;

import com.sociallive.gateway.ServicesProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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

    /**
     * The application's breakers (Resilience4j's Spring Boot module would make one whose every breaker publishes an
     * event per call, for its event endpoint and per-call timers).
     */
    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry() {
        return CircuitBreakerRegistry.ofDefaults();
    }

    /** Breakers are named after their route, so each service has its own, with its own time limit. */
    @Bean
    RouteBreakers routeBreakers(
            CircuitBreakerRegistry circuitBreakerRegistry, UpstreamProperties properties, MeterRegistry meters) {
        return new RouteBreakers(circuitBreakerRegistry, properties, meters);
    }
}
