package com.sociallive.platform.data;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Database wiring shared by every service. {@code DATABASE_URL} (JDBC or {@code postgresql://} form) becomes the
 * datasource; without it the service uses the embedded PostgreSQL that {@code bin/run} starts on port 5433. The
 * service's own schema ({@code sociallive.db.schema}) is the connection's search path and Flyway's schema.
 */
public class PlatformDataDefaults implements EnvironmentPostProcessor {

    static final String DEFAULT_JDBC_URL = "jdbc:postgresql://localhost:5433/postgres";
    static final String DEFAULT_USER = "postgres";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> props = new HashMap<>();
        String databaseUrl = environment.getProperty("DATABASE_URL");
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
            // DATABASE_URL wins over application.yaml, so it goes first, not last
            Map<String, Object> fromUrl = new HashMap<>();
            fromUrl.put("spring.datasource.url", url.jdbcUrl());
            if (url.username() != null) {
                fromUrl.put("spring.datasource.username", url.username());
            }
            if (url.password() != null) {
                fromUrl.put("spring.datasource.password", url.password());
            }
            environment.getPropertySources().addFirst(new MapPropertySource("sociallive-database-url", fromUrl));
        }
        props.put("spring.datasource.url", DEFAULT_JDBC_URL);
        props.put("spring.datasource.username", DEFAULT_USER);
        props.put("spring.datasource.hikari.connection-timeout", "3000");
        props.put("spring.datasource.hikari.maximum-pool-size", "${DB_POOL_SIZE:10}");
        String schema = environment.getProperty("sociallive.db.schema");
        if (schema != null) {
            props.put("spring.datasource.hikari.schema", schema);
            props.put("spring.flyway.schemas", schema);
            props.put("spring.flyway.default-schema", schema);
            props.put("spring.flyway.create-schemas", "true");
        }
        environment.getPropertySources().addLast(new MapPropertySource("sociallive-platform-data-defaults", props));
    }
}
