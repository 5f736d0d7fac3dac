package com.sociallive.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A local copy of the auth service's revoked sessions, refreshed by polling {@code GET /internal/sessions/revoked}
 * with the gateway's service token, so that a revoked session's access tokens are refused within seconds without a
 * call per request. When the auth service cannot be reached, the last known list stays in force. The reactive twin
 * of platform-security's {@code PolledRevokedSessions}.
 */
public class RevokedSessionsPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RevokedSessionsPoller.class);
    /** Access tokens live 15 minutes; a revocation older than that can no longer matter. */
    private static final Duration KEEP = Duration.ofMinutes(16);

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final WebClient auth;
    private final ServiceTokens tokens;
    private final Duration interval;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private volatile Instant since = Instant.now().minus(KEEP);
    private volatile boolean warned;
    private volatile Disposable polling;

    RevokedSessionsPoller(WebClient auth, ServiceTokens tokens, Duration interval) {
        this.auth = auth;
        this.tokens = tokens;
        this.interval = interval;
    }

    public boolean isRevoked(String sessionId) {
        return sessionId != null && revoked.containsKey(sessionId);
    }

    @Override
    public void start() {
        polling = Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(tick -> poll(), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = polling;
        if (current != null) {
            current.dispose();
        }
        polling = null;
    }

    @Override
    public boolean isRunning() {
        return polling != null;
    }

    Mono<Void> poll() {
        return tokens.token()
                .flatMap(token -> auth.get()
                        .uri(uri -> uri.path("/internal/sessions/revoked")
                                .queryParam("since", since.toString())
                                .build())
                        .headers(h -> h.setBearerAuth(token))
                        .retrieve()
                        .bodyToMono(RevokedPage.class)
                        .timeout(CALL_TIMEOUT))
                .doOnNext(this::remember)
                .doOnError(this::warnOnce)
                .then()
                .onErrorResume(e -> Mono.empty());
    }

    private void remember(RevokedPage page) {
        if (page.items() != null) {
            page.items().forEach(item -> revoked.put(item.sessionId(), item.revokedAt()));
        }
        if (page.asOf() != null) {
            since = page.asOf().minusSeconds(5); // overlap: a revocation committed late is still seen
        }
        Instant horizon = Instant.now().minus(KEEP);
        revoked.values().removeIf(at -> at.isBefore(horizon));
        warned = false;
    }

    private void warnOnce(Throwable e) {
        if (e instanceof WebClientResponseException response && response.getStatusCode() == HttpStatus.UNAUTHORIZED) {
            tokens.invalidate();
        }
        if (!warned) {
            log.warn("Cannot refresh revoked sessions from the auth service ({}); keeping the last list", e.toString());
            warned = true;
        }
    }

    record RevokedPage(List<RevokedItem> items, Instant asOf) {}

    record RevokedItem(String sessionId, Instant revokedAt) {}
}
