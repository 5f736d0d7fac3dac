package com.sociallive.streaming.room;

import com.sociallive.platform.security.RevokedSessions;
import com.sociallive.streaming.config.StreamingProperties;
import com.sociallive.streaming.presence.Presence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Coalesces what changes often. Presence changes and likes only mark a stream; every {@code viewerCountInterval}
 * (500 ms) the ticker reads the global count once, writes the snapshot that {@code GET /live} sorts by, and
 * publishes one {@code viewer_count} (and one {@code like}) per changed stream: at most two of each per second per
 * instance, whatever the churn, and each instance delivers a count to its sockets only when it differs from the
 * last one it delivered. Every 5 s it also drops viewers whose heartbeat is older than the presence timeout and
 * closes this instance's sockets whose access token has expired ({@link Rooms#closeExpired}). Every round it closes
 * the sockets whose login session was revoked ({@link Rooms#closeRevoked}): the local copy of the revoked sessions is
 * refreshed every 2 s, so a logout reaches an open socket within about 2.5 s.
 */
class RoomTicker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoomTicker.class);
    private static final long SWEEP_EVERY_MILLIS = 5_000;

    private final Presence presence;
    private final Rooms rooms;
    private final RoomRepository repository;
    private final RoomBus bus;
    private final RevokedSessions revoked;
    private final Duration interval;
    private final Set<UUID> viewersChanged = ConcurrentHashMap.newKeySet();
    private final Map<UUID, LongAdder> likes = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong();
    private volatile ScheduledExecutorService scheduler;

    RoomTicker(
            Presence presence,
            Rooms rooms,
            RoomRepository repository,
            RoomBus bus,
            RevokedSessions revoked,
            StreamingProperties properties) {
        this.presence = presence;
        this.revoked = revoked;
        this.rooms = rooms;
        this.repository = repository;
        this.bus = bus;
        this.interval = properties.viewerCountInterval();
    }

    void viewersChanged(UUID streamId) {
        viewersChanged.add(streamId);
    }

    void liked(UUID streamId) {
        likes.computeIfAbsent(streamId, id -> new LongAdder()).increment();
    }

    /** One round; the scheduler calls it, tests may too. */
    void tick() {
        long now = System.currentTimeMillis();
        int revokedClosed = rooms.closeRevoked(revoked::isRevoked);
        if (revokedClosed > 0) {
            log.debug("Closed {} sockets whose session was revoked", revokedClosed);
        }
        if (now - lastSweep.get() >= SWEEP_EVERY_MILLIS) {
            lastSweep.set(now);
            viewersChanged.addAll(presence.sweep());
            int expired = rooms.closeExpired(Instant.ofEpochMilli(now));
            if (expired > 0) {
                log.debug("Closed {} sockets whose access token expired", expired);
            }
        }
        for (UUID streamId : List.copyOf(viewersChanged)) {
            viewersChanged.remove(streamId);
            int count = presence.count(streamId);
            repository.recordCounts(streamId, count, presence.peak(streamId));
            bus.publish(streamId, RoomSignal.viewers(count));
        }
        for (Map.Entry<UUID, LongAdder> entry : List.copyOf(likes.entrySet())) {
            long delta = entry.getValue().sumThenReset();
            if (delta == 0) {
                likes.remove(entry.getKey(), entry.getValue());
                continue;
            }
            long total = repository.addLikes(entry.getKey(), delta);
            bus.publish(entry.getKey(), RoomSignal.likes(total));
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("room-ticker").daemon().factory());
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        tick();
                    } catch (RuntimeException e) {
                        log.warn("Viewer count round failed: {}", e.toString());
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = scheduler;
        scheduler = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
