package com.sociallive.auth.config;

import com.sociallive.auth.token.KeyStoreJwkSource;
import com.sociallive.auth.token.SigningKeys;
import com.sociallive.auth.token.TokenIssuer;
import com.sociallive.platform.security.PlatformSecurityAutoConfiguration;
import com.sociallive.platform.security.RevokedSessions;
import com.sociallive.platform.security.SecurityProperties;
import com.sociallive.platform.security.ServiceTokenSource;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * The auth service signs the tokens, so it checks them without an HTTP call to itself: these beans replace
 * platform-security's JWKS-over-HTTP decoder, client-credentials token source and polled revocation list (the
 * {@link RevokedSessions} bean is the database-backed one of the session feature).
 */
@Configuration(proxyBeanMethods = false)
class LocalTokenConfig {

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, SecurityProperties security, RevokedSessions revoked) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(new KeyStoreJwkSource(keys))
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        decoder.setJwtValidator(PlatformSecurityAutoConfiguration.tokenValidator(security.issuer(), revoked));
        return decoder;
    }

    @Bean
    BearerTokenResolver bearerTokenResolver(SecurityProperties security) {
        return new PublicPathsBearerTokenResolver(security.publicPaths());
    }

    /** This service's own service token, signed locally and reused until a minute before it expires. */
    @Bean
    ServiceTokenSource serviceTokenSource(TokenIssuer issuer, SecurityProperties security) {
        return new ServiceTokenSource() {
            private volatile String token;
            private volatile Instant renewAt = Instant.EPOCH;

            @Override
            public synchronized String token() {
                if (token == null || Instant.now().isAfter(renewAt)) {
                    TokenIssuer.Issued issued = issuer.serviceToken(security.clientId());
                    token = issued.token();
                    renewAt = Instant.now().plusSeconds(Math.max(10, issued.expiresIn() - 60));
                }
                return token;
            }
        };
    }
}
