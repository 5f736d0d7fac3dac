package com.sociallive.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import reactor.core.publisher.Mono;

class CachingReactiveJwtDecoderTests {

    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicBoolean revoked = new AtomicBoolean();

    private final CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(
            token -> {
                verifications.incrementAndGet();
                if (!token.startsWith("good")) {
                    return Mono.error(new BadJwtException("bad signature"));
                }
                return Mono.just(Jwt.withTokenValue(token)
                        .header("alg", "ES256")
                        .subject("user")
                        .expiresAt(Instant.now().plusSeconds(600))
                        .build());
            },
            jwt -> revoked.get()
                    ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "revoked", null))
                    : OAuth2TokenValidatorResult.success());

    @Test
    void shouldVerifyEachTokenOnceButValidateItEveryTime() {
        assertThat(decoder.decode("good-1").block().getSubject()).isEqualTo("user");
        assertThat(decoder.decode("good-1").block().getSubject()).isEqualTo("user");
        assertThat(verifications).hasValue(1);
        revoked.set(true);
        assertThatThrownBy(() -> decoder.decode("good-1").block()).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void shouldNeverRememberRefusedTokens() {
        assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }
}
