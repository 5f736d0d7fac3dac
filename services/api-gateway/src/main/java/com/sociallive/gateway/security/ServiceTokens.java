package com.sociallive.gateway.security;

import java.time.Duration;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The gateway's own service token from the auth service (client credentials, {@code POST /oauth/token}), reused until
 * a minute before it expires. Only the revoked-sessions poller needs it.
 */
class ServiceTokens {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final WebClient auth;
    private final String clientId;
    private final String clientSecret;
    private volatile String token;
    private volatile Instant refreshAt = Instant.EPOCH;

    ServiceTokens(WebClient auth, String clientId, String clientSecret) {
        this.auth = auth;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    Mono<String> token() {
        String current = token;
        if (current != null && Instant.now().isBefore(refreshAt)) {
            return Mono.just(current);
        }
        return auth.post()
                .uri("/oauth/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials")
                        .with("client_id", clientId)
                        .with("client_secret", clientSecret))
                .retrieve()
                .bodyToMono(TokenAnswer.class)
                .timeout(CALL_TIMEOUT)
                .handle((answer, sink) -> {
                    if (answer.access_token() == null) {
                        sink.error(new IllegalStateException("The auth service returned no service token"));
                        return;
                    }
                    token = answer.access_token();
                    refreshAt = Instant.now().plusSeconds(Math.max(10, answer.expires_in() - 60));
                    sink.next(answer.access_token());
                });
    }

    /** Forgets the token, e.g. after the auth service refused it. */
    void invalidate() {
        refreshAt = Instant.EPOCH;
    }

    @SuppressWarnings("checkstyle:RecordComponentName")
    record TokenAnswer(String access_token, long expires_in) {}
}
