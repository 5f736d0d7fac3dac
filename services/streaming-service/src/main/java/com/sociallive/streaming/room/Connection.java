package com.sociallive.streaming.room;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One viewer's (or the host's) socket with its own outbox: frames are queued and written by one virtual thread at a
 * time, so a slow client delays only itself, never the fan-out to the others. A client that lets more than
 * {@code limit} frames pile up is disconnected (1013, try again later) instead of growing the heap.
 */
final class Connection {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    static final CloseStatus TOO_SLOW = new CloseStatus(1013, "Too slow to keep up");

    final WebSocketSession session;
    final UUID streamId;
    final UUID userId;
    final String username;
    final boolean host;

    private final Executor senders;
    private final int limit;
    private final ArrayDeque<Frame> queue = new ArrayDeque<>();
    private boolean held = true;
    private boolean draining;
    private boolean closed;
    private CloseStatus closeWhenDrained;

    Connection(
            WebSocketSession session,
            UUID streamId,
            UUID userId,
            String username,
            boolean host,
            Executor senders,
            int limit) {
        this.session = session;
        this.streamId = streamId;
        this.userId = userId;
        this.username = username;
        this.host = host;
        this.senders = senders;
        this.limit = limit;
    }

    void send(Frame frame) {
        boolean overflow = false;
        synchronized (this) {
            if (closed || closeWhenDrained != null) {
                return;
            }
            if (queue.size() >= limit) {
                overflow = true;
                queue.clear();
                closed = true;
            } else {
                queue.addLast(frame);
                scheduleLocked();
            }
        }
        if (overflow) {
            closeQuietly(TOO_SLOW);
        }
    }

    /**
     * Starts delivery: the newcomer's first frames (viewer count, chat history) go before anything queued meanwhile,
     * and queued chat messages already in the history are dropped.
     */
    void release(List<Frame> first, Set<String> alreadySent) {
        synchronized (this) {
            if (!alreadySent.isEmpty()) {
                queue.removeIf(frame -> frame.id() != null && alreadySent.contains(frame.id()));
            }
            for (int i = first.size() - 1; i >= 0; i--) {
                queue.addFirst(first.get(i));
            }
            held = false;
            scheduleLocked();
        }
    }

    /** Sends what is queued, then closes with {@code status}. */
    void closeAfterDrain(CloseStatus status) {
        synchronized (this) {
            if (closed || closeWhenDrained != null) {
                return;
            }
            closeWhenDrained = status;
            held = false;
            scheduleLocked();
        }
    }

    void markClosed() {
        synchronized (this) {
            closed = true;
            queue.clear();
        }
    }

    private void scheduleLocked() {
        if (!held && !draining && !closed) {
            draining = true;
            senders.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Frame frame;
            CloseStatus closeNow = null;
            synchronized (this) {
                frame = queue.pollFirst();
                if (frame == null) {
                    draining = false;
                    if (closeWhenDrained != null && !closed) {
                        closed = true;
                        closeNow = closeWhenDrained;
                    } else {
                        return;
                    }
                }
            }
            if (closeNow != null) {
                closeQuietly(closeNow);
                return;
            }
            try {
                session.sendMessage(frame.message());
            } catch (IOException | RuntimeException e) {
                log.debug("Send to a WebSocket failed, closing it: {}", e.toString());
                markClosed();
                closeQuietly(CloseStatus.SESSION_NOT_RELIABLE);
                return;
            }
        }
    }

    private void closeQuietly(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing a WebSocket failed: {}", e.toString());
        }
    }
}
