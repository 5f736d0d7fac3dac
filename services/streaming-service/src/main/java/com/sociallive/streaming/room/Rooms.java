package com.sociallive.streaming.room;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sockets of this instance, by stream. Signals for a stream are handled one after the other (per stream, on a
 * virtual thread), so every viewer sees a stream's events in the order they were published; the frames are then
 * queued on each socket's own outbox.
 */
class Rooms {

    private static final Logger log = LoggerFactory.getLogger(Rooms.class);
    static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4001, "access token expired");
    /**
     * The same code as an expired token: the client's answer to both is to get a new token (a refresh of a revoked
     * session fails, so it logs in again), and clients already handle 4001; the reason tells the two apart.
     */
    static final CloseStatus SESSION_REVOKED = new CloseStatus(4001, "session revoked");

    private final Map<UUID, LocalRoom> rooms = new ConcurrentHashMap<>();
    private final Executor workers;
    private final JsonMapper json;

    Rooms(Executor workers, JsonMapper json) {
        this.workers = workers;
        this.json = json;
    }

    void register(Connection connection) {
        rooms.compute(connection.streamId, (id, room) -> {
            LocalRoom target = room == null ? new LocalRoom(id) : room;
            target.connections.add(connection);
            target.changed = true;
            return target;
        });
    }

    /** Removes the socket; true when the same user has no other socket on this stream on this instance. */
    boolean unregister(Connection connection) {
        boolean[] lastOfUser = {true};
        rooms.computeIfPresent(connection.streamId, (id, room) -> {
            room.connections.remove(connection);
            room.changed = true;
            lastOfUser[0] = room.connections.stream().noneMatch(other -> other.userId.equals(connection.userId));
            return room.connections.isEmpty() && room.inbox.isEmpty() ? null : room;
        });
        return lastOfUser[0];
    }

    int localConnections(UUID streamId) {
        LocalRoom room = rooms.get(streamId);
        return room == null ? 0 : room.connections.size();
    }

    /**
     * Closes, with 4001 after what is already queued, every socket whose access token has expired (as the gateway
     * does for the sockets it relays): a socket must not outlive the token it was opened with. Returns how many.
     */
    int closeExpired(Instant now) {
        return closeWhere(connection -> connection.tokenExpired(now), TOKEN_EXPIRED);
    }

    /**
     * Closes, with 4001 "session revoked" after what is already queued, every socket whose login session was revoked
     * (logout, refresh-token reuse) since it was opened; {@code revoked} answers from the local copy of the revoked
     * sessions. Returns how many.
     */
    int closeRevoked(Predicate<String> revoked) {
        return closeWhere(connection -> connection.sessionRevoked(revoked), SESSION_REVOKED);
    }

    /** Closes with {@code status}, after what is already queued, each socket that matches; returns how many. */
    private int closeWhere(Predicate<Connection> matches, CloseStatus status) {
        int closed = 0;
        for (LocalRoom room : rooms.values()) {
            for (Connection connection : room.connections) {
                if (matches.test(connection) && connection.closeAfterDrain(status)) {
                    closed++;
                }
            }
        }
        return closed;
    }

    void deliver(UUID streamId, RoomSignal signal) {
        LocalRoom room = rooms.get(streamId);
        if (room == null) {
            return; // nobody watches this stream on this instance
        }
        room.inbox.add(signal);
        room.schedule();
    }

    private final class LocalRoom {
        final UUID streamId;
        final Set<Connection> connections = ConcurrentHashMap.newKeySet();
        final ConcurrentLinkedQueue<RoomSignal> inbox = new ConcurrentLinkedQueue<>();
        final AtomicBoolean running = new AtomicBoolean();
        /** set after every change of {@code connections}; the fan-out then takes a new snapshot */
        volatile boolean changed;

        private Connection[] snapshot = new Connection[0];
        volatile int lastViewerCount = -1;
        volatile long lastLikeCount = -1;

        LocalRoom(UUID streamId) {
            this.streamId = streamId;
        }

        void schedule() {
            if (running.compareAndSet(false, true)) {
                workers.execute(this::run);
            }
        }

        void run() {
            try {
                RoomSignal signal;
                while ((signal = inbox.poll()) != null) {
                    try {
                        handle(signal);
                    } catch (RuntimeException e) {
                        log.warn("Room signal {} failed on stream {}", signal.kind(), streamId, e);
                    }
                }
            } finally {
                running.set(false);
                if (!inbox.isEmpty()) {
                    schedule();
                }
            }
        }

        void handle(RoomSignal signal) {
            switch (signal.kind()) {
                case EVENT -> broadcast(Frame.of(signal.payload()));
                case CHAT -> broadcast(Frame.chat(signal.id(), signal.payload()));
                case VIEWERS -> {
                    int count = Integer.parseInt(signal.payload());
                    if (count != lastViewerCount) {
                        lastViewerCount = count;
                        broadcast(Frame.of(RoomFrames.viewerCount(json, count)));
                    }
                }
                case LIKES -> {
                    long count = Long.parseLong(signal.payload());
                    if (count > lastLikeCount) {
                        lastLikeCount = count;
                        broadcast(Frame.of(RoomFrames.like(json, count)));
                    }
                }
                case KICK -> {
                    UUID userId = UUID.fromString(signal.payload());
                    Frame removed = Frame.of(RoomFrames.error(
                            json, "REMOVED_FROM_STREAM", "You were removed from this stream by its host"));
                    for (Connection connection : List.copyOf(connections)) {
                        if (connection.userId.equals(userId)) {
                            connection.send(removed);
                            connection.closeAfterDrain(CloseStatus.POLICY_VIOLATION.withReason("Removed"));
                        }
                    }
                }
                case ENDED -> {
                    broadcast(Frame.of(RoomFrames.streamEnded(json)));
                    for (Connection connection : List.copyOf(connections)) {
                        connection.closeAfterDrain(CloseStatus.NORMAL.withReason("Stream ended"));
                    }
                }
            }
        }

        /** Only the room's own worker calls this (signals of a stream are handled one at a time). */
        void broadcast(Frame frame) {
            if (changed) {
                changed = false;
                snapshot = connections.toArray(new Connection[0]);
            }
            for (Connection connection : snapshot) {
                connection.send(frame);
            }
        }
    }
}
