package com.sociallive.auth.session;

import com.sociallive.platform.security.RevokedSessions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The auth service's own answer to "is this session revoked?": its database, with a cache of at most one second for
 * sessions that were not revoked (revoked ones stay revoked). Other services poll the same table through
 * {@code GET /internal/sessions/revoked}.
 */
@Component
public class DatabaseRevokedSessions implements RevokedSessions {

    private static final long LIVE_FOR_NANOS = Duration.ofSeconds(1).toNanos();
    private static final int MAX_CACHED = 50_000;

    private final SessionRepository sessions;
    private final Map<String, Long> notRevokedUntil = new ConcurrentHashMap<>();

    DatabaseRevokedSessions(SessionRepository sessions) {
        this.sessions = sessions;
    }

    @Override
    public boolean isRevoked(String sessionId) {
        if (sessionId == null) {
            return false; // service tokens carry no session
        }
        long now = System.nanoTime();
        Long until = notRevokedUntil.get(sessionId);
        if (until != null && now - until < 0) {
            return false;
        }
        UUID id;
        try {
            id = UUID.fromString(sessionId);
        } catch (IllegalArgumentException e) {
            return true; // we never sign such a session id
        }
        boolean revoked = sessions.isRevoked(id);
        if (!revoked) {
            if (notRevokedUntil.size() > MAX_CACHED) {
                notRevokedUntil.clear();
            }
            notRevokedUntil.put(sessionId, now + LIVE_FOR_NANOS);
        }
        return revoked;
    }

    /** Forgets the cached answers, after this instance revoked sessions. */
    void forget() {
        notRevokedUntil.clear();
    }
}
