package com.sociallive.streaming.room;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.springframework.web.socket.TextMessage;

/**
 * One outgoing WebSocket text frame, shared by every socket it goes to: the event is serialised to JSON and encoded
 * to UTF-8 once, here, however many viewers receive it. {@code id} is set for chat messages.
 */
final class Frame {

    private final String id;
    private final String json;
    private final byte[] utf8;
    private final TextMessage message;

    private Frame(String id, String json) {
        this.id = id;
        this.json = json;
        this.utf8 = json.getBytes(StandardCharsets.UTF_8);
        this.message = new TextMessage(json);
    }

    static Frame of(String json) {
        return new Frame(null, json);
    }

    static Frame chat(String id, String json) {
        return new Frame(id, json);
    }

    String id() {
        return id;
    }

    String json() {
        return json;
    }

    /** The encoded payload, a fresh view of the shared bytes for one write (never copied). */
    ByteBuffer payload() {
        return ByteBuffer.wrap(utf8);
    }

    /** The same frame for writers that encode themselves. */
    TextMessage message() {
        return message;
    }
}
