package com.sociallive.auth;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sociallive.auth.*}: token lifetimes, registered service clients, brute-force limits. The issuer is
 * platform-security's {@code sociallive.security.issuer} ({@code JWT_ISSUER}), so that signing and checking agree.
 *
 * @param accessTokenTtl lifetime of user access tokens (15 min)
 * @param refreshTokenTtl lifetime of one refresh token (30 days)
 * @param serviceTokenTtl lifetime of service tokens (5 min)
 * @param serviceClients {@code name:secret,name:secret}: the services that may use the client-credentials grant
 * @param signingKey optional private EC P-256 JWK (JSON) supplied by the environment
 * @param adminUsernames comma-separated usernames that receive the ADMIN role
 * @param loginFailureLimit failed logins of one account after which logins are refused for the window
 * @param loginFailureWindow the window of {@code loginFailureLimit}
 * @param ipRequestsPerMinute register and login requests allowed per client IP and minute (each action apart)
 */
@Validated
@ConfigurationProperties("sociallive.auth")
public record AuthProperties(
        @DefaultValue("15m") @NotNull Duration accessTokenTtl,
        @DefaultValue("30d") @NotNull Duration refreshTokenTtl,
        @DefaultValue("5m") @NotNull Duration serviceTokenTtl,
        @DefaultValue("") String serviceClients,
        @DefaultValue("") String signingKey,
        @DefaultValue("") String adminUsernames,
        @DefaultValue("5") @Min(1) int loginFailureLimit,
        @DefaultValue("15m") @NotNull Duration loginFailureWindow,
        @DefaultValue("20") @Min(1) int ipRequestsPerMinute) {

    /** The registered service clients, name to secret. */
    public Map<String, String> clients() {
        Map<String, String> clients = new LinkedHashMap<>();
        for (String entry : serviceClients.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon > 0 && colon < trimmed.length() - 1) {
                clients.put(
                        trimmed.substring(0, colon).trim(),
                        trimmed.substring(colon + 1).trim());
            }
        }
        return clients;
    }

    public Set<String> admins() {
        return java.util.Arrays.stream(adminUsernames.split(","))
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
