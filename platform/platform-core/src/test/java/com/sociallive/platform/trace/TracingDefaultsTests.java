package com.sociallive.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class TracingDefaultsTests {

    @Test
    void shouldExportNothingAndSampleNothingNewWithoutTheVariable() {
        StandardEnvironment environment = environment(Map.of());

        assertThat(environment.containsProperty(TracingDefaults.OTLP_ENDPOINT_PROPERTY))
                .isFalse();
        assertThat(environment.getProperty(TracingDefaults.SAMPLING_PROPERTY)).isEqualTo("0.0");
        assertThat(environment.getProperty("management.tracing.propagation.type"))
                .isEqualTo("W3C");
        assertThat(environment.getProperty("management.observations.enable.spring.security"))
                .isEqualTo("false");
        assertThat(environment.containsProperty("logging.structured.format.console"))
                .isFalse();
    }

    @Test
    void shouldExportEveryTraceToTheCollectorWhenTheVariableIsSet() {
        StandardEnvironment environment = environment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/"));

        assertThat(environment.getProperty(TracingDefaults.OTLP_ENDPOINT_PROPERTY))
                .isEqualTo("http://collector:4318/v1/traces");
        assertThat(environment.getProperty(TracingDefaults.SAMPLING_PROPERTY)).isEqualTo("1.0");
    }

    @Test
    void shouldSampleAsToldAndLetTheServiceOverrideTheDefaults() {
        StandardEnvironment environment = environment(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/v1/traces",
                "TRACING_SAMPLING_PROBABILITY", "0.25",
                "management.tracing.propagation.type", "W3C,B3"));

        assertThat(environment.getProperty(TracingDefaults.OTLP_ENDPOINT_PROPERTY))
                .isEqualTo("http://collector:4318/v1/traces");
        assertThat(environment.getProperty(TracingDefaults.SAMPLING_PROPERTY)).isEqualTo("0.25");
        assertThat(environment.getProperty("management.tracing.propagation.type"))
                .isEqualTo("W3C,B3");
    }

    @Test
    void shouldIgnoreABlankVariable() {
        StandardEnvironment environment = environment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "));

        assertThat(environment.containsProperty(TracingDefaults.OTLP_ENDPOINT_PROPERTY))
                .isFalse();
    }

    @Test
    void shouldLogJsonLinesWhenAskedTo() {
        StandardEnvironment environment = environment(Map.of("LOG_FORMAT", "JSON"));

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", variables));
        new TracingDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
