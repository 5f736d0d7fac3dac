package com.sociallive.streaming.presence;

import java.util.Set;
import java.util.UUID;

/**
 * Who watches which stream right now. A viewer counts once per stream from join (HTTP or WebSocket) until leave,
 * socket close or {@code presenceTimeout} without heartbeat. In memory for one instance ({@link InMemoryPresence}),
 * in Redis when instances share it ({@link RedisPresence}); both read the time from the same clock function so
 * tests can move it.
 */
public interface Presence {

    /** Adds the viewer or refreshes their heartbeat; true when the number of viewers changed. */
    boolean join(UUID streamId, UUID userId);

    /** Removes the viewer; true when they were counted. */
    boolean leave(UUID streamId, UUID userId);

    /** Viewers counted now (fresh heartbeats only). */
    int count(UUID streamId);

    /** The largest number of viewers counted at once since the stream started. */
    int peak(UUID streamId);

    /** Drops viewers whose heartbeat is older than the timeout, in every stream; returns the streams that changed. */
    Set<UUID> sweep();

    /** Forgets the stream (it ended). */
    void clear(UUID streamId);
}
