package com.sociallive.wallet.config;

import com.sociallive.platform.security.PlatformSecurityAutoConfiguration;
import com.sociallive.platform.security.RevokedSessions;
import com.sociallive.platform.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The platform's token rules (JWKS of the auth service, ES256 only, issuer, revoked sessions) with one addition: a
 * verified token's signature is not checked again (see {@link CachingJwtDecoder}). Candidate for the platform.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    JwtDecoder jwtDecoder(SecurityProperties properties, RevokedSessions revoked) {
        OAuth2TokenValidator<Jwt> validator =
                PlatformSecurityAutoConfiguration.tokenValidator(properties.issuer(), revoked);
        NimbusJwtDecoder verifying = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri())
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        verifying.setJwtValidator(validator);
        return new CachingJwtDecoder(verifying, validator);
    }
}
