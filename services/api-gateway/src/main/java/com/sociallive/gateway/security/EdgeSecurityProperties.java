package com.sociallive.gateway.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sociallive.gateway.security.*}: how the gateway checks access tokens at the edge and how it identifies itself
 * to the auth service when it polls the revoked sessions.
 *
 * @param enabled false turns the edge check off (only for the benchmark that measures its cost)
 * @param issuer the {@code iss} every accepted token must carry ({@code JWT_ISSUER})
 * @param clientId the gateway's client id for service tokens
 * @param clientSecret the gateway's client secret ({@code SERVICE_CLIENT_SECRET})
 * @param revocationPollInterval how often revoked sessions are fetched from the auth service
 * @param jwksRefetchCooldown the least time between two JWKS fetches caused by tokens naming an unknown key
 */
@ConfigurationProperties("sociallive.gateway.security")
public record EdgeSecurityProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("sociallive-auth") String issuer,
        @DefaultValue("api-gateway") String clientId,
        @DefaultValue("dev-secret-api-gateway") String clientSecret,
        @DefaultValue("2s") Duration revocationPollInterval,
        @DefaultValue("10s") Duration jwksRefetchCooldown) {}
