package com.sociallive.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.web.client.RestClient;

/**
 * A local copy of the auth service's revoked sessions, refreshed by polling {@code GET /internal/sessions/revoked}
 * with a service token, so that a revoked session's access tokens are refused here within seconds without a call to
 * the auth service per request. When the auth service cannot be reached, the last known list stays in force.
 */
class PolledRevokedSessions implements RevokedSessions, InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PolledRevokedSessions.class);
    /** Access tokens live 15 minutes; a revocation older than that can no longer matter. */
    private static final Duration KEEP = Duration.ofMinutes(16);

    private final RestClient auth;
    private final Duration interval;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "revoked-sessions-poller");
        t.setDaemon(true);
        return t;
    });
    private volatile Instant since = Instant.now().minus(KEEP);
    private volatile boolean warned;

    private final ServiceTokenSource tokens;

    PolledRevokedSessions(RestClient auth, ServiceTokenSource tokens, Duration interval) {
        this.auth = auth;
        this.tokens = tokens;
        this.interval = interval;
    }

    @Override
    public boolean isRevoked(String sessionId) {
        return sessionId != null && revoked.containsKey(sessionId);
    }

    @Override
    public void afterPropertiesSet() {
        scheduler.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }

    void poll() {
        try {
            RevokedPage page = auth.get()
                    .uri(uri -> uri.path("/internal/sessions/revoked")
                            .queryParam("since", since.toString())
                            .build())
                    .headers(h -> h.setBearerAuth(tokens.token()))
                    .retrieve()
                    .body(RevokedPage.class);
            if (page != null) {
                page.items().forEach(item -> revoked.put(item.sessionId(), item.revokedAt()));
                since = page.asOf().minusSeconds(5); // overlap: a revocation committed late is still seen
            }
            Instant horizon = Instant.now().minus(KEEP);
            revoked.values().removeIf(at -> at.isBefore(horizon));
            warned = false;
        } catch (RuntimeException e) {
            if (!warned) {
                log.warn(
                        "Cannot refresh revoked sessions from the auth service ({}); keeping the last list",
                        e.getMessage());
                warned = true;
            }
        }
    }

    record RevokedPage(List<RevokedItem> items, Instant asOf) {}

    record RevokedItem(String sessionId, Instant revokedAt) {}
}
