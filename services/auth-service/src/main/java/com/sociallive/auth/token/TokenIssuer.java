package com.sociallive.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sociallive.auth.AuthProperties;
import com.sociallive.platform.id.UuidV7;
import com.sociallive.platform.security.SecurityProperties;
import com.sociallive.platform.security.TokenClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Signs access tokens (users) and service tokens with the current key (ES256, {@code kid} in the header). */
@Component
public class TokenIssuer {

    private final SigningKeys keys;
    private final String issuer;
    private final Duration accessTtl;
    private final Duration serviceTtl;

    TokenIssuer(SigningKeys keys, SecurityProperties security, AuthProperties properties) {
        this.keys = keys;
        this.issuer = security.issuer();
        this.accessTtl = properties.accessTokenTtl();
        this.serviceTtl = properties.serviceTokenTtl();
    }

    /** A user's access token: {@code iss, sub, username, roles, sid, jti, iat, exp}. */
    public Issued accessToken(UUID userId, String username, List<String> roles, UUID sessionId) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(userId.toString())
                .claim(TokenClaims.USERNAME, username)
                .claim(TokenClaims.ROLES, List.copyOf(roles))
                .claim(TokenClaims.SESSION_ID, sessionId.toString())
                .jwtID(UuidV7.next().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(accessTtl)))
                .build();
        return new Issued(sign(claims), accessTtl.toSeconds());
    }

    /** A service token: {@code iss, sub=service:<name>, svc, roles:["SERVICE"], jti, iat, exp}. */
    public Issued serviceToken(String serviceName) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("service:" + serviceName)
                .claim(TokenClaims.SERVICE, serviceName)
                .claim(TokenClaims.ROLES, List.of(TokenClaims.ROLE_SERVICE))
                .jwtID(UuidV7.next().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(serviceTtl)))
                .build();
        return new Issued(sign(claims), serviceTtl.toSeconds());
    }

    private String sign(JWTClaimsSet claims) {
        ECKey key = keys.current();
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    /** A signed token and its lifetime in seconds. */
    public record Issued(String token, long expiresIn) {}
}
