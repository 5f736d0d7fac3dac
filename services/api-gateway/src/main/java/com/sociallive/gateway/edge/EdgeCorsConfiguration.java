package com.sociallive.gateway.edge;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;

/** Browsers on the origins of {@code CORS_ALLOWED_ORIGINS} (comma-separated; empty: none) may call the API. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdgeCorsConfiguration.CorsProperties.class)
class EdgeCorsConfiguration {

    /** One configuration for every path (the edge security filter applies it to each request). */
    @Bean
    CorsConfiguration edgeCors(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        properties.allowedOrigins().stream()
                .map(String::trim)
                .filter(origin -> !origin.isEmpty())
                .forEach(cors::addAllowedOriginPattern);
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(
                List.of("Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id", "traceparent"));
        cors.setExposedHeaders(List.of("X-Request-Id", "Retry-After", "Location", "Idempotent-Replayed"));
        cors.setMaxAge(properties.maxAge());
        return cors;
    }

    /**
     * @param allowedOrigins origins (or patterns such as {@code https://*.example.com}) allowed to call the API
     * @param maxAge how long a browser may cache a preflight answer
     */
    @ConfigurationProperties("sociallive.gateway.cors")
    record CorsProperties(
            @DefaultValue List<String> allowedOrigins,
            @DefaultValue("1h") Duration maxAge) {}
}
