package com.sociallive.platform.client;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Where the other services are: {@code sociallive.services.<name>} from the seed's {@code <NAME>_SERVICE_URL}
 * variables, defaulting to the local ports of {@code bin/run}. A value may list several instances, comma-separated.
 */
public class ServiceUrlDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "sociallive-service-urls",
                        Map.of(
                                "sociallive.services.auth", "${AUTH_SERVICE_URL:http://localhost:3001}",
                                "sociallive.services.social", "${SOCIAL_SERVICE_URL:http://localhost:3002}",
                                "sociallive.services.wallet", "${WALLET_SERVICE_URL:http://localhost:3003}",
                                "sociallive.services.streaming", "${STREAMING_SERVICE_URL:http://localhost:3004}",
                                "sociallive.services.commerce", "${COMMERCE_SERVICE_URL:http://localhost:3005}")));
    }
}
