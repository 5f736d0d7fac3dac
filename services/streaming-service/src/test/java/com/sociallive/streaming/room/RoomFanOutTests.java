package com.sociallive.streaming.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import com.sociallive.platform.id.UuidV7;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/** The fan-out of a stream's events to the sockets of this instance, with stand-in sockets. */
class RoomFanOutTests {

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Rooms rooms = new Rooms(threads, JsonMapper.builder().build());
    private final UUID streamId = UUID.randomUUID();
    private final CountDownLatch never = new CountDownLatch(1);
    private final AtomicLong clock = new AtomicLong();
    private final Map<WebSocketSession, Connection> connections = new HashMap<>();

    @AfterEach
    void release() {
        never.countDown();
        threads.shutdownNow();
    }

    @Test
    void shouldSerialiseAnEventOnceForEverySocket() throws Exception {
        List<Recording> sockets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sockets.add(recording(1000));
        }
        rooms.deliver(streamId, chat("hello"));
        List<Frame> received = new ArrayList<>();
        for (Recording socket : sockets) {
            received.add(socket.frames.poll(5, TimeUnit.SECONDS));
        }
        assertThat(received).doesNotContainNull();
        assertThat(received).allSatisfy(frame -> assertThat(frame).isSameAs(received.getFirst()));
        assertThat(received.get(1).payload().array())
                .isSameAs(received.get(2).payload().array());
        assertThat(new String(received.getFirst().payload().array(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(received.getFirst().json())
                .contains("hello");
    }

    @Test
    void shouldDeliverToOthersWhileOneSocketIsStuckAndThenDisconnectIt() throws Exception {
        WebSocketSession stuckSession = mock(WebSocketSession.class);
        // closing a stuck socket may block as well (Tomcat sends a close frame): the fan-out must not wait for it
        doAnswer(call -> {
                    never.await();
                    return null;
                })
                .when(stuckSession)
                .close(any());
        Connection stuck = connection(stuckSession, stuckWriter(), 10);
        // room for the whole burst: a healthy socket whose writer has not run yet must not count as slow
        Recording fast = recording(100);

        for (int i = 0; i < 50; i++) {
            rooms.deliver(streamId, chat("message " + i));
        }
        for (int i = 0; i < 50; i++) {
            Frame frame = fast.frames.poll(5, TimeUnit.SECONDS);
            assertThat(frame).as("frame %d to the fast socket", i).isNotNull();
            assertThat(frame.json()).contains("message " + i + "\"");
        }
        verify(stuckSession, timeout(5_000)).close(Connection.TOO_SLOW);
        verify(fast.session, never()).close(any());
        assertThat(stuck).isNotNull();
    }

    @Test
    void shouldDisconnectASocketThatWritesNothingForTooLong() throws Exception {
        WebSocketSession stuckSession = mock(WebSocketSession.class);
        connection(stuckSession, stuckWriter(), 1000);

        rooms.deliver(streamId, chat("first"));
        rooms.deliver(streamId, chat("second"));
        Thread.sleep(200);
        verify(stuckSession, never()).close(any());
        clock.addAndGet(Duration.ofSeconds(11).toNanos());
        rooms.deliver(streamId, chat("third"));
        verify(stuckSession, timeout(5_000)).close(Connection.TOO_SLOW);
    }

    @Test
    void shouldCloseOnlyTheSocketsWhoseAccessTokenHasExpired() throws Exception {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        Recording expired = recording(100);
        connectionOf(expired).tokenExpiresAt(now.minusSeconds(1));
        Recording valid = recording(100);
        connectionOf(valid).tokenExpiresAt(now.plusSeconds(60));
        Recording unknown = recording(100);

        assertThat(rooms.closeExpired(now)).isEqualTo(1);

        verify(expired.session, timeout(5_000)).close(Rooms.TOKEN_EXPIRED);
        assertThat(Rooms.TOKEN_EXPIRED.getCode()).isEqualTo(4001);
        verify(valid.session, never()).close(any());
        verify(unknown.session, never()).close(any());
    }

    @Test
    void shouldCloseOnlyTheSocketsWhoseSessionWasRevokedAndEachOnce() throws Exception {
        Recording loggedOut = recording(100);
        connectionOf(loggedOut).sessionId("session-a");
        Recording otherSession = recording(100);
        connectionOf(otherSession).sessionId("session-b");
        Recording noSession = recording(100);
        Set<String> revoked = Set.of("session-a");

        assertThat(rooms.closeRevoked(revoked::contains)).isEqualTo(1);
        assertThat(rooms.closeRevoked(revoked::contains)).as("already closing").isZero();

        verify(loggedOut.session, timeout(5_000)).close(Rooms.SESSION_REVOKED);
        assertThat(Rooms.SESSION_REVOKED.getCode()).isEqualTo(4001);
        verify(otherSession.session, never()).close(any());
        verify(noSession.session, never()).close(any());
    }

    private Connection connectionOf(Recording recording) {
        return connections.get(recording.session);
    }

    /** A socket whose client reads nothing: the write never returns. */
    private FrameWriter stuckWriter() {
        return frame -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private record Recording(WebSocketSession session, BlockingQueue<Frame> frames) {}

    private Recording recording(int limit) {
        BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        WebSocketSession session = mock(WebSocketSession.class);
        connection(session, frames::add, limit);
        return new Recording(session, frames);
    }

    private Connection connection(WebSocketSession session, FrameWriter writer, int limit) {
        Connection connection = new Connection(
                session,
                writer,
                streamId,
                UUID.randomUUID(),
                "viewer",
                false,
                threads,
                new Connection.Outbox(limit, Duration.ofSeconds(10).toNanos(), clock::get));
        rooms.register(connection);
        connection.release(List.of(), Set.of());
        connections.put(session, connection);
        return connection;
    }

    private static RoomSignal chat(String text) {
        return RoomSignal.chat(UuidV7.next(), "{\"type\":\"chat\",\"text\":\"" + text + "\"}");
    }
}
