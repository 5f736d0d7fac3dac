package com.sociallive.platform.security;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The security settings' environment variables and their local defaults. The default client secrets are for
 * {@code bin/run} on one machine only; a deployment sets {@code SERVICE_CLIENT_SECRET} (and the auth service's
 * {@code SERVICE_CLIENTS}) from a secret store.
 */
public class PlatformSecurityDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "sociallive-platform-security-defaults",
                        Map.of(
                                "sociallive.security.auth-url", "${sociallive.services.auth}",
                                "sociallive.security.issuer", "${JWT_ISSUER:sociallive-auth}",
                                "sociallive.security.client-id", "${SERVICE_CLIENT_ID:${spring.application.name}}",
                                "sociallive.security.client-secret",
                                        "${SERVICE_CLIENT_SECRET:dev-secret-${spring.application.name}}")));
    }
}
