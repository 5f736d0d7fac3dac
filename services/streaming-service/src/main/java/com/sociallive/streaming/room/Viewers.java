package com.sociallive.streaming.room;

import com.sociallive.streaming.presence.Presence;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Presence as the rest of the service sees it: join and leave from HTTP or WebSocket, the counts, and the end of a
 * stream. Every change marks the stream for the next coalesced {@code viewer_count}.
 */
@Component
public class Viewers {

    private final Presence presence;
    private final RoomRepository repository;
    private final RoomTicker ticker;
    private final RoomBus bus;

    Viewers(Presence presence, RoomRepository repository, RoomTicker ticker, RoomBus bus) {
        this.presence = presence;
        this.repository = repository;
        this.ticker = ticker;
        this.bus = bus;
    }

    /** Counts the user as a viewer (again: a refresh like a heartbeat) and returns the viewer count. */
    public int join(UUID streamId, UUID userId) {
        if (presence.join(streamId, userId)) {
            repository.recordViewer(streamId, userId);
            ticker.viewersChanged(streamId);
        }
        return presence.count(streamId);
    }

    void heartbeat(UUID streamId, UUID userId) {
        if (presence.join(streamId, userId)) {
            repository.recordViewer(streamId, userId);
            ticker.viewersChanged(streamId);
        }
    }

    public int leave(UUID streamId, UUID userId) {
        if (presence.leave(streamId, userId)) {
            ticker.viewersChanged(streamId);
        }
        return presence.count(streamId);
    }

    public int count(UUID streamId) {
        return presence.count(streamId);
    }

    public int peak(UUID streamId) {
        return presence.peak(streamId);
    }

    public boolean isRemoved(UUID streamId, UUID userId) {
        return repository.isRemoved(streamId, userId);
    }

    /** Removes a viewer for good: not counted, sockets closed on every instance, may not join again. */
    public int remove(UUID streamId, UUID userId, UUID removedBy) {
        repository.markRemoved(streamId, userId, removedBy);
        int count = leave(streamId, userId);
        bus.publish(streamId, RoomSignal.kick(userId));
        return count;
    }

    /** The stream ended: stream_ended to every viewer on every instance, sockets closed, presence forgotten. */
    public void streamEnded(UUID streamId) {
        bus.publish(streamId, RoomSignal.ended());
        presence.clear(streamId);
    }
}
