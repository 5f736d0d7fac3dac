package com.sociallive.gateway;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** {@code LOG_FORMAT=json}: one-line JSON logs (Elastic Common Schema), as the services have through platform-web. */
public class JsonLogsOption implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if ("json".equalsIgnoreCase(environment.getProperty("LOG_FORMAT"))) {
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "gateway-json-logs", Map.of("logging.structured.format.console", "ecs")));
        }
    }
}
