package com.sociallive.platform.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sociallive.security.*}: where the auth service is, which paths of this service need no token, and the
 * service's own client credentials for service tokens.
 *
 * @param authUrl base URL of the auth service (JWKS, service tokens, revoked sessions)
 * @param issuer the {@code iss} every accepted token must carry
 * @param publicPaths Ant patterns that need no token (health and OpenAPI are always public)
 * @param clientId this service's client id for service tokens (defaults to its application name)
 * @param clientSecret this service's client secret
 * @param revocationPollInterval how often revoked sessions are fetched from the auth service
 */
@ConfigurationProperties("sociallive.security")
public record SecurityProperties(
        @DefaultValue("${AUTH_SERVICE_URL:http://localhost:3001}")
        String authUrl,

        String issuer,
        @DefaultValue List<String> publicPaths,

        @DefaultValue("${SERVICE_CLIENT_ID:${spring.application.name}}")
        String clientId,

        @DefaultValue("${SERVICE_CLIENT_SECRET:dev-secret-${spring.application.name}}")
        String clientSecret,

        @DefaultValue("2s") Duration revocationPollInterval) {

    public String jwksUri() {
        return firstInstance() + "/.well-known/jwks.json";
    }

    /** The first instance when AUTH_SERVICE_URL lists several. */
    public String firstInstance() {
        String first = authUrl.split(",")[0].trim();
        return first.endsWith("/") ? first.substring(0, first.length() - 1) : first;
    }
}
