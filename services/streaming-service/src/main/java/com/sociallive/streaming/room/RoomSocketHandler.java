package com.sociallive.streaming.room;

import com.sociallive.platform.id.UuidV7;
import com.sociallive.streaming.config.StreamingProperties;
import com.sociallive.streaming.user.PublicUserSummary;
import com.sociallive.streaming.user.UserDirectory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /ws?streamId=…}: a viewer's live room. On connect the viewer is counted and receives the current
 * {@code viewer_count} and the last 50 chat messages; then every event of the stream. Client messages:
 * {@code chat} (1..500 characters, rate limited per user), {@code like}, {@code heartbeat}. Anything else gets an
 * {@code error} event; the socket stays open.
 */
class RoomSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(RoomSocketHandler.class);
    static final int MAX_CHAT_CHARACTERS = 500;
    private static final String CONNECTION = "connection";

    private final Rooms rooms;
    private final Viewers viewers;
    private final RoomRepository repository;
    private final RoomBus bus;
    private final RoomTicker ticker;
    private final RateLimiter rateLimiter;
    private final UserDirectory users;
    private final JsonMapper json;
    private final StreamingProperties properties;
    private final Executor senders;
    private final Connection.Outbox outbox;

    RoomSocketHandler(
            Rooms rooms,
            Viewers viewers,
            RoomRepository repository,
            RoomBus bus,
            RoomTicker ticker,
            RateLimiter rateLimiter,
            UserDirectory users,
            JsonMapper json,
            StreamingProperties properties,
            Executor senders) {
        this.rooms = rooms;
        this.viewers = viewers;
        this.repository = repository;
        this.bus = bus;
        this.ticker = ticker;
        this.rateLimiter = rateLimiter;
        this.users = users;
        this.json = json;
        this.properties = properties;
        this.senders = senders;
        this.outbox = new Connection.Outbox(
                properties.outboxLimit(), properties.outboxMaxStall().toNanos(), System::nanoTime);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Map<String, Object> attributes = session.getAttributes();
        Connection connection = new Connection(
                session,
                FrameWriter.of(session),
                (UUID) attributes.get(RoomHandshake.STREAM_ID),
                (UUID) attributes.get(RoomHandshake.USER_ID),
                (String) attributes.get(RoomHandshake.USERNAME),
                (Boolean) attributes.get(RoomHandshake.HOST),
                senders,
                outbox);
        connection.tokenExpiresAt((Instant) attributes.get(RoomHandshake.TOKEN_EXPIRES_AT));
        connection.sessionId((String) attributes.get(RoomHandshake.SESSION_ID));
        attributes.put(CONNECTION, connection);
        // registered first (held), so nothing published from now on is missed; released after the first frames
        rooms.register(connection);
        int count = connection.host
                ? viewers.count(connection.streamId)
                : viewers.join(connection.streamId, connection.userId);
        List<Frame> first = new ArrayList<>();
        first.add(Frame.of(RoomFrames.viewerCount(json, count)));
        Set<String> history = new HashSet<>();
        for (RoomRepository.StoredChat chat :
                repository.recentChat(connection.streamId, properties.chatHistorySize())) {
            first.add(Frame.chat(chat.id().toString(), chat.frame()));
            history.add(chat.id().toString());
        }
        connection.release(first, history);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Connection connection = (Connection) session.getAttributes().get(CONNECTION);
        if (connection == null) {
            return;
        }
        JsonNode node;
        try {
            node = json.readTree(message.getPayload());
        } catch (JacksonException e) {
            connection.send(error("MALFORMED_REQUEST", "A message must be a JSON object"));
            return;
        }
        JsonNode type = node == null ? null : node.get("type");
        if (type == null || !type.isString()) {
            connection.send(error("VALIDATION_FAILED", "type: must be chat, like or heartbeat"));
            return;
        }
        switch (type.stringValue()) {
            case "chat" -> chat(connection, node.get("text"));
            case "like" -> like(connection);
            case "heartbeat" -> {
                if (!connection.host) {
                    viewers.heartbeat(connection.streamId, connection.userId);
                }
            }
            default -> connection.send(error("VALIDATION_FAILED", "type: must be chat, like or heartbeat"));
        }
    }

    private void chat(Connection connection, JsonNode textNode) {
        if (textNode == null || !textNode.isString()) {
            connection.send(error("VALIDATION_FAILED", "text: must be a string of 1 to 500 characters"));
            return;
        }
        String text = textNode.stringValue();
        int characters = text.codePointCount(0, text.length());
        if (text.isBlank() || characters > MAX_CHAT_CHARACTERS) {
            connection.send(error("VALIDATION_FAILED", "text: must be a string of 1 to 500 characters"));
            return;
        }
        if (!rateLimiter.tryAcquire(
                "chat:" + connection.userId, properties.chatRateLimit(), properties.chatRateWindow())) {
            connection.send(error(
                    "RATE_LIMITED",
                    "At most " + properties.chatRateLimit() + " chat messages per "
                            + properties.chatRateWindow().toSeconds() + " s; wait a moment"));
            return;
        }
        UUID id = UuidV7.next();
        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PublicUserSummary user = users.summary(connection.userId, connection.username);
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "chat");
        frame.put("id", id);
        frame.put("user", user);
        frame.put("text", text);
        frame.put("sentAt", sentAt);
        String encoded = json.writeValueAsString(frame);
        repository.saveChat(id, connection.streamId, connection.userId, text, encoded, sentAt);
        bus.publish(connection.streamId, RoomSignal.chat(id, encoded));
    }

    private void like(Connection connection) {
        if (!rateLimiter.tryAcquire(
                "like:" + connection.userId, properties.likeRateLimit(), properties.chatRateWindow())) {
            connection.send(error("RATE_LIMITED", "Too many likes; wait a moment"));
            return;
        }
        ticker.liked(connection.streamId);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = (Connection) session.getAttributes().get(CONNECTION);
        if (connection == null) {
            return;
        }
        connection.markClosed();
        boolean lastSocketOfUser = rooms.unregister(connection);
        if (!connection.host && lastSocketOfUser) {
            try {
                viewers.leave(connection.streamId, connection.userId);
            } catch (RuntimeException e) {
                log.warn("Could not count a closed socket out: {}", e.toString());
            }
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("WebSocket transport error: {}", exception.toString());
    }

    private Frame error(String code, String detail) {
        return Frame.of(RoomFrames.error(json, code, detail));
    }
}
