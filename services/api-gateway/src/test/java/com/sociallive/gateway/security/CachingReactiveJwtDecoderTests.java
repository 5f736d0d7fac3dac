package com.sociallive.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import reactor.core.publisher.Mono;

class CachingReactiveJwtDecoderTests {

    private static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicBoolean revoked = new AtomicBoolean();
    private final AtomicReference<Instant> now = new AtomicReference<>(START);

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private final CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(
            token -> {
                verifications.incrementAndGet();
                if (!token.startsWith("good")) {
                    return Mono.error(new BadJwtException("bad signature"));
                }
                return Mono.just(Jwt.withTokenValue(token)
                        .header("alg", "ES256")
                        .subject("user")
                        .claim("sid", "session-1")
                        .issuedAt(START)
                        .expiresAt(START.plusSeconds(600))
                        .build());
            },
            sessionId -> "session-1".equals(sessionId) && revoked.get(),
            clock);

    @Test
    void shouldVerifyEachTokenOnceButCheckItsSessionEveryTime() {
        assertThat(decoder.decode("good-1").block().getSubject()).isEqualTo("user");
        assertThat(decoder.decode("good-1").block().getSubject()).isEqualTo("user");
        assertThat(verifications).hasValue(1);
        revoked.set(true);
        assertThatThrownBy(() -> decoder.decode("good-1").block()).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void shouldRefuseARememberedTokenOnceItExpiredWithTheUsualClockSkew() {
        decoder.decode("good-2").block();
        now.set(START.plusSeconds(600).plus(Duration.ofSeconds(59)));
        assertThat(decoder.decode("good-2").block()).as("within the 60 s skew").isNotNull();
        now.set(START.plusSeconds(600).plus(Duration.ofSeconds(61)));
        assertThatThrownBy(() -> decoder.decode("good-2").block())
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("no longer valid");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void shouldNeverRememberRefusedTokens() {
        assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }
}
