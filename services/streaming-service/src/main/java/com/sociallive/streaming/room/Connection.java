package com.sociallive.streaming.room;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One viewer's (or the host's) socket with its own outbox: frames are queued and written by one virtual thread at a
 * time, so a slow client delays only itself, never the fan-out to the others (the fan-out thread only queues, and
 * never writes to or closes a socket itself).
 *
 * <p>A slow consumer is disconnected with 1013 (try again later) as soon as more than {@code limit} frames wait for
 * it, or frames have waited while nothing could be written to it for {@code maxStallNanos}. Nothing is dropped from
 * the middle of its stream: a client that reconnects gets the viewer count and the last 50 chat messages again.
 */
final class Connection {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    static final CloseStatus TOO_SLOW = new CloseStatus(1013, "Too slow to keep up");
    /** the most frames written in one socket write */
    private static final int MAX_BATCH = 64;

    final WebSocketSession session;
    final UUID streamId;
    final UUID userId;
    final String username;
    final boolean host;

    private final FrameWriter writer;
    private final Executor senders;
    private final int limit;
    private final long maxStallNanos;
    private final LongSupplier clock;
    private final ArrayDeque<Frame> queue = new ArrayDeque<>();
    private boolean held = true;
    /** frames taken from the queue by the write in progress; they still count as waiting */
    private int writing;

    private boolean draining;
    private boolean closed;
    private CloseStatus closeWhenDrained;
    /** when the access token the socket was opened with expires; null: never */
    private volatile Instant tokenExpiresAt;
    /** the login session of that token ({@code sid}); null: none (the socket then outlives no revocation check) */
    private volatile String sessionId;
    /** when the last write finished, or when a frame started waiting in an empty outbox */
    private long progressNanos;

    Connection(
            WebSocketSession session,
            FrameWriter writer,
            UUID streamId,
            UUID userId,
            String username,
            boolean host,
            Executor senders,
            Outbox outbox) {
        this.session = session;
        this.writer = writer;
        this.streamId = streamId;
        this.userId = userId;
        this.username = username;
        this.host = host;
        this.senders = senders;
        this.limit = outbox.limit();
        this.maxStallNanos = outbox.maxStallNanos();
        this.clock = outbox.clock();
        this.progressNanos = clock.getAsLong();
    }

    /** How much a slow client may fall behind before it is disconnected; {@code clock} in nanoseconds. */
    record Outbox(int limit, long maxStallNanos, LongSupplier clock) {}

    void send(Frame frame) {
        synchronized (this) {
            if (closed || closeWhenDrained != null) {
                return;
            }
            long now = clock.getAsLong();
            if (queue.isEmpty() && writing == 0) {
                if (!draining) {
                    progressNanos = now;
                }
            } else if (queue.size() + writing >= limit || (!held && now - progressNanos > maxStallNanos)) {
                queue.clear();
                closed = true;
            }
            if (!closed) {
                queue.addLast(frame);
                scheduleLocked();
                return;
            }
        }
        // its writer may be stuck in a blocking write: close from another thread, never from the fan-out
        senders.execute(() -> closeQuietly(TOO_SLOW));
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
            progressNanos = clock.getAsLong();
            scheduleLocked();
        }
    }

    void tokenExpiresAt(Instant expiresAt) {
        this.tokenExpiresAt = expiresAt;
    }

    void sessionId(String sessionId) {
        this.sessionId = sessionId;
    }

    boolean sessionRevoked(Predicate<String> revoked) {
        String id = sessionId;
        return id != null && revoked.test(id);
    }

    boolean tokenExpired(Instant now) {
        Instant expiresAt = tokenExpiresAt;
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** Sends what is queued, then closes with {@code status}; false when the socket was closed or closing already. */
    boolean closeAfterDrain(CloseStatus status) {
        synchronized (this) {
            if (closed || closeWhenDrained != null) {
                return false;
            }
            closeWhenDrained = status;
            held = false;
            scheduleLocked();
            return true;
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
        boolean wrote = false;
        Frame[] batch = null;
        while (true) {
            int count = 0;
            CloseStatus closeNow = null;
            synchronized (this) {
                if (wrote) {
                    progressNanos = clock.getAsLong();
                    writing = 0;
                }
                if (!closed && !queue.isEmpty()) {
                    if (batch == null || batch.length < Math.min(queue.size(), MAX_BATCH)) {
                        batch = new Frame[Math.min(queue.size(), MAX_BATCH)];
                    }
                    while (count < batch.length && !queue.isEmpty()) {
                        batch[count++] = queue.pollFirst();
                    }
                    writing = count;
                }
                if (count == 0) {
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
                // what queued up while the socket was written to goes in one write: a socket that fell behind
                // catches up with fewer, larger writes instead of one per frame
                if (count == 1) {
                    writer.write(batch[0]);
                } else {
                    writer.write(batch, count);
                }
                Arrays.fill(batch, 0, count, null);
            } catch (IOException | RuntimeException e) {
                log.debug("Send to a WebSocket failed, closing it: {}", e.toString());
                markClosed();
                closeQuietly(CloseStatus.SESSION_NOT_RELIABLE);
                return;
            }
            wrote = true;
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
