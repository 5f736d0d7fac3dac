package com.sociallive.platform.lifecycle;

import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Graceful shutdown of every service and the gateway: on SIGTERM readiness goes DOWN first, the server keeps
 * serving for {@code sociallive.shutdown.drain-delay} (environment {@code SHUTDOWN_DRAIN_DELAY}, default 3 s: longer
 * than the gateway's 2 s instance health check), then stops taking connections and lets the requests in flight
 * finish ({@code server.shutdown=graceful}). See {@link ReadinessDrain}.
 */
@AutoConfiguration
@ConditionalOnWebApplication
public class GracefulShutdownAutoConfiguration {

    static final String DRAIN_DELAY_PROPERTY = "sociallive.shutdown.drain-delay";
    static final Duration DEFAULT_DRAIN_DELAY = Duration.ofSeconds(3);

    /**
     * Boot marks the context of every {@code @SpringBootTest} with this property. Such a context closes when the test
     * JVM ends, where no load balancer watches its readiness: it drains only when the test sets the delay itself.
     */
    private static final String SPRING_BOOT_TEST_MARKER =
            "org.springframework.boot.test.context.SpringBootTestContextBootstrapper";

    @Bean
    ReadinessDrain readinessDrain(
            ApplicationContext context, ApplicationAvailability availability, Environment environment) {
        return new ReadinessDrain(context, availability, drainDelay(environment));
    }

    static Duration drainDelay(Environment environment) {
        String configured =
                environment.getProperty(DRAIN_DELAY_PROPERTY, environment.getProperty("SHUTDOWN_DRAIN_DELAY"));
        if (configured != null && !configured.isBlank()) {
            return DurationStyle.detectAndParse(configured.trim());
        }
        return environment.containsProperty(SPRING_BOOT_TEST_MARKER) ? Duration.ZERO : DEFAULT_DRAIN_DELAY;
    }
}
