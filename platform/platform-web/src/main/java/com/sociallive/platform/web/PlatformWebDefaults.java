package com.sociallive.platform.web;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service shares, at the lowest precedence: a service's application.yaml or the environment can
 * override each of them.
 */
public class PlatformWebDefaults implements EnvironmentPostProcessor {

    static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("spring.threads.virtual.enabled", "true"),
            Map.entry("server.shutdown", "graceful"),
            Map.entry("spring.lifecycle.timeout-per-shutdown-phase", "20s"),
            Map.entry("spring.mvc.problemdetails.enabled", "false"),
            Map.entry("server.error.include-stacktrace", "never"),
            Map.entry("server.error.include-message", "never"),
            Map.entry("management.endpoints.web.base-path", "/"),
            Map.entry("management.endpoints.web.exposure.include", "health,info,prometheus"),
            Map.entry("management.metrics.tags.application", "${spring.application.name}"),
            Map.entry("management.observations.key-values.application", "${spring.application.name}"),
            Map.entry("management.endpoint.health.show-details", "never"),
            Map.entry("management.endpoint.health.show-components", "never"),
            Map.entry("management.endpoint.health.probes.enabled", "true"),
            Map.entry("management.endpoint.health.probes.add-additional-paths", "true"),
            Map.entry(
                    "logging.pattern.correlation",
                    "[${spring.application.name:},%X{traceId:-},%X{spanId:-},%X{requestId:-}] "),
            Map.entry("springdoc.api-docs.path", "/v3/api-docs"),
            Map.entry("springdoc.swagger-ui.enabled", "false"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // tracing (OTEL_EXPORTER_OTLP_ENDPOINT) and JSON logs (LOG_FORMAT=json): platform-core's TracingDefaults
        environment.getPropertySources().addLast(new MapPropertySource("sociallive-platform-web-defaults", DEFAULTS));
    }
}
