package com.sociallive.platform.trace;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Tracing and log settings of every service and the gateway (Micrometer Tracing over OpenTelemetry, W3C
 * {@code traceparent}), decided by environment variables:
 *
 * <ul>
 *   <li>{@code OTEL_EXPORTER_OTLP_ENDPOINT} (e.g. {@code http://collector:4318}) turns the OTLP export of spans on:
 *       they go to {@code <endpoint>/v1/traces} over OTLP/HTTP, every trace sampled unless
 *       {@code TRACING_SAMPLING_PROBABILITY} (0.0 to 1.0) says otherwise. Unset, nothing is exported and no new trace
 *       is recorded (sampling probability 0): trace and span ids are still made, propagated and logged, at the cost
 *       of a few object allocations per request.
 *   <li>{@code LOG_FORMAT=json}: one-line JSON logs (Elastic Common Schema) whose lines carry {@code traceId},
 *       {@code spanId} and {@code requestId}.
 * </ul>
 *
 * The values land at the highest precedence, but only when the variable is set; without it the defaults sit at the
 * lowest, so a property of the service (application.yaml, {@code -D}, the environment) still wins.
 */
public class TracingDefaults implements EnvironmentPostProcessor, Ordered {

    /** The one variable that turns span export on; the OpenTelemetry SDK's own name for it. */
    public static final String OTLP_ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static final String SAMPLING_VARIABLE = "TRACING_SAMPLING_PROBABILITY";
    static final String OTLP_ENDPOINT_PROPERTY = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String SAMPLING_PROPERTY = "management.tracing.sampling.probability";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        Map<String, Object> overrides = new LinkedHashMap<>();
        String endpoint = environment.getProperty(OTLP_ENDPOINT_VARIABLE);
        if (StringUtils.hasText(endpoint)) {
            overrides.put(OTLP_ENDPOINT_PROPERTY, tracesUrl(endpoint.trim()));
            defaults.put(SAMPLING_PROPERTY, "${" + SAMPLING_VARIABLE + ":1.0}");
        } else {
            // no exporter: record nothing new (a caller's sampled trace is still followed), propagate the ids
            defaults.put(SAMPLING_PROPERTY, "${" + SAMPLING_VARIABLE + ":0.0}");
        }
        // W3C traceparent only (Boot also reads B3 by default: two more header look-ups per request for nothing)
        defaults.put("management.tracing.propagation.type", "W3C");
        // the baggage machinery (remote fields to MDC) has nothing to carry here
        defaults.put("management.tracing.baggage.enabled", "false");
        // Spring Security observes its filter chains and authorizations: several observations per request, each a
        // span once tracing is on (most of tracing's cost at the gateway, and clutter in every trace)
        defaults.put("management.observations.enable.spring.security", "false");
        if ("json".equalsIgnoreCase(environment.getProperty("LOG_FORMAT"))) {
            // one JSON object per line; the MDC's traceId, spanId and requestId become fields of each line
            overrides.put("logging.structured.format.console", "ecs");
        }
        environment.getPropertySources().addLast(new MapPropertySource("sociallive-tracing-defaults", defaults));
        if (!overrides.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("sociallive-tracing", overrides));
        }
    }

    /** {@code http://collector:4318} → {@code http://collector:4318/v1/traces}, as the OpenTelemetry SDK does. */
    static String tracesUrl(String endpoint) {
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        return base.endsWith("/v1/traces") ? base : base + "/v1/traces";
    }

    @Override
    public int getOrder() {
        // after the config data (application.yaml) is in, so that a value there is seen as well
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
