package com.sociallive.gateway;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The services behind the gateway: route prefix to base URL(s), from {@code AUTH_SERVICE_URL} and its siblings. A
 * value may list several instances separated by commas.
 */
@ConfigurationProperties("sociallive.gateway")
public record ServicesProperties(Map<String, String> services) {

    public ServicesProperties {
        services = services == null ? Map.of() : new LinkedHashMap<>(services);
    }

    public List<URI> instancesOf(String name) {
        String value = services.get(name);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(URI::create)
                .toList();
    }
}
