package com.sociallive.gateway.security;

import java.util.Objects;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * What a signed token must satisfy beyond its signature: not expired (60 s skew) and carrying an {@code exp} at all,
 * the expected issuer, a {@code kid} in the header, and a session that was not revoked.
 */
final class EdgeTokenValidators {

    private EdgeTokenValidators() {}

    static OAuth2TokenValidator<Jwt> of(String issuer, RevokedSessionsPoller revoked) {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull),
                EdgeTokenValidators::hasKeyId,
                token -> revoked.isRevoked(token.getClaimAsString("sid"))
                        ? failure("The session of this token was revoked")
                        : OAuth2TokenValidatorResult.success());
    }

    private static OAuth2TokenValidatorResult hasKeyId(Jwt token) {
        return token.getHeaders().get("kid") instanceof String kid && !kid.isBlank()
                ? OAuth2TokenValidatorResult.success()
                : failure("The token names no signing key (kid)");
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }
}
