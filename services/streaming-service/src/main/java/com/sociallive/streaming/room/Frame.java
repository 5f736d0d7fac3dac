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
    /** header and payload of the unmasked text frame, made on first use; racy but idempotent */
    private ByteBuffer framed;

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

    /**
     * The whole WebSocket frame (FIN, text, unmasked, RFC 6455 5.2) in a direct buffer, a fresh view of it for one
     * write: a server's frames are the same bytes for every socket, so header and payload are laid out once, and a
     * direct buffer goes to the socket without the per-write copy into a temporary direct buffer a heap one needs.
     */
    ByteBuffer framed() {
        ByteBuffer bytes = framed;
        if (bytes == null) {
            bytes = frame(utf8);
            framed = bytes;
        }
        return bytes.duplicate();
    }

    private static ByteBuffer frame(byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer bytes = ByteBuffer.allocateDirect(header + length);
        bytes.put((byte) 0x81);
        if (length < 126) {
            bytes.put((byte) length);
        } else if (length <= 0xFFFF) {
            bytes.put((byte) 126).putShort((short) length);
        } else {
            bytes.put((byte) 127).putLong(length);
        }
        bytes.put(payload).flip();
        return bytes;
    }

    /** The same frame for writers that encode themselves. */
    TextMessage message() {
        return message;
    }
}
