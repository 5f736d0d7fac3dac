package com.sociallive.streaming.room;

import org.springframework.web.socket.TextMessage;

/** One outgoing WebSocket text frame, shared by every socket it goes to; {@code id} is set for chat messages. */
record Frame(String id, TextMessage message) {

    static Frame of(String json) {
        return new Frame(null, new TextMessage(json));
    }
}
