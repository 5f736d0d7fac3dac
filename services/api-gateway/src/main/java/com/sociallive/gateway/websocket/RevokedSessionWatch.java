package com.sociallive.gateway.websocket;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Closes relayed sockets whose login session was revoked (logout, refresh-token reuse) after they were opened: the
 * edge check refuses such a session's tokens on new requests, but an open socket makes none. Every
 * {@code interval} the sessions of the open sockets are looked up in the gateway's copy of the revoked sessions
 * (refreshed every 2 s), so a logout closes its sockets within about 3 s; the lookups are map reads, a few thousand
 * per round at most.
 */
final class RevokedSessionWatch implements SmartLifecycle {

    private final Predicate<String> revoked;
    private final Duration interval;
    private final Map<FrameRelay, String> sessions = new ConcurrentHashMap<>();
    private volatile Disposable checking;

    RevokedSessionWatch(Predicate<String> revoked, Duration interval) {
        this.revoked = revoked;
        this.interval = interval;
    }

    void watch(FrameRelay relay, String sessionId) {
        if (sessionId != null) {
            sessions.put(relay, sessionId);
        }
    }

    void forget(FrameRelay relay) {
        sessions.remove(relay);
    }

    /** One round; returns how many sockets are being closed. */
    int check() {
        int closing = 0;
        for (Map.Entry<FrameRelay, String> entry : sessions.entrySet()) {
            if (revoked.test(entry.getValue()) && sessions.remove(entry.getKey(), entry.getValue())) {
                entry.getKey().sessionRevoked();
                closing++;
            }
        }
        return closing;
    }

    @Override
    public void start() {
        checking = Flux.interval(interval, interval).onBackpressureDrop().subscribe(tick -> {
            try {
                check();
            } catch (RuntimeException e) {
                // an event loop shutting down: the next round tries again, the watch must not stop
            }
        });
    }

    @Override
    public void stop() {
        Disposable current = checking;
        if (current != null) {
            current.dispose();
        }
        checking = null;
    }

    @Override
    public boolean isRunning() {
        return checking != null;
    }
}
