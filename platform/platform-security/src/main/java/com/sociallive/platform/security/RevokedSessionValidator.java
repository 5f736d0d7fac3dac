package com.sociallive.platform.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** Refuses access tokens whose session was revoked (logout, refresh-token reuse). */
public class RevokedSessionValidator implements OAuth2TokenValidator<Jwt> {

    private final RevokedSessions revoked;

    public RevokedSessionValidator(RevokedSessions revoked) {
        this.revoked = revoked;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        if (revoked.isRevoked(token.getClaimAsString(TokenClaims.SESSION_ID))) {
            return OAuth2TokenValidatorResult.failure(
                    new OAuth2Error("invalid_token", "The session of this token was revoked", null));
        }
        return OAuth2TokenValidatorResult.success();
    }
}
