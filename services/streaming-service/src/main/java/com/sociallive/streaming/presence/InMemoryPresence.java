package com.sociallive.streaming.presence;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Presence of one instance alone (no {@code REDIS_URL}). */
public class InMemoryPresence implements Presence {

    private final Map<UUID, Room> rooms = new ConcurrentHashMap<>();
    private final long timeoutMillis;
    private final LongSupplier clock;

    public InMemoryPresence(Duration timeout, LongSupplier clockMillis) {
        this.timeoutMillis = timeout.toMillis();
        this.clock = clockMillis;
    }

    @Override
    public boolean join(UUID streamId, UUID userId) {
        Room room = rooms.computeIfAbsent(streamId, id -> new Room());
        synchronized (room) {
            long now = clock.getAsLong();
            boolean changed = room.expire(now - timeoutMillis);
            changed |= room.members.put(userId, now) == null;
            room.peak = Math.max(room.peak, room.members.size());
            return changed;
        }
    }

    @Override
    public boolean leave(UUID streamId, UUID userId) {
        Room room = rooms.get(streamId);
        if (room == null) {
            return false;
        }
        synchronized (room) {
            return room.members.remove(userId) != null;
        }
    }

    @Override
    public int count(UUID streamId) {
        Room room = rooms.get(streamId);
        if (room == null) {
            return 0;
        }
        long cutoff = clock.getAsLong() - timeoutMillis;
        synchronized (room) {
            // counts without removing: the sweeper removes, and so tells that the count changed
            return (int) room.members.values().stream()
                    .filter(lastSeen -> lastSeen > cutoff)
                    .count();
        }
    }

    @Override
    public int peak(UUID streamId) {
        Room room = rooms.get(streamId);
        if (room == null) {
            return 0;
        }
        synchronized (room) {
            return room.peak;
        }
    }

    @Override
    public Set<UUID> sweep() {
        Set<UUID> changed = new HashSet<>();
        long cutoff = clock.getAsLong() - timeoutMillis;
        rooms.forEach((streamId, room) -> {
            synchronized (room) {
                if (room.expire(cutoff)) {
                    changed.add(streamId);
                }
            }
        });
        return changed;
    }

    @Override
    public void clear(UUID streamId) {
        rooms.remove(streamId);
    }

    private static final class Room {
        final Map<UUID, Long> members = new ConcurrentHashMap<>();
        int peak;

        boolean expire(long cutoff) {
            return members.values().removeIf(lastSeen -> lastSeen <= cutoff);
        }
    }
}
