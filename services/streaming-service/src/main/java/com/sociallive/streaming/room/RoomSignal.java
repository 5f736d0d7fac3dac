package com.sociallive.streaming.room;

import java.util.UUID;

/**
 * What travels between instances on a stream's channel (Redis pub/sub {@code sociallive:streaming:room:<streamId>}),
 * or straight to the local rooms without Redis. Encoded as one kind character and a payload, so that a frame is
 * serialised to JSON once and handed to every local socket as is.
 */
record RoomSignal(Kind kind, String id, String payload) {

    enum Kind {
        /** a client frame for everyone (gift, ...) */
        EVENT('E'),
        /** a chat frame, with the message id so a newcomer never gets it twice (history and live) */
        CHAT('C'),
        /** the global viewer count; each instance delivers it only when it changed */
        VIEWERS('V'),
        /** the stream's like count; delivered only when it grew */
        LIKES('L'),
        /** a removed viewer: their sockets get an error event and are closed */
        KICK('K'),
        /** the stream ended: stream_ended to everyone, then the sockets are closed */
        ENDED('X');

        final char code;

        Kind(char code) {
            this.code = code;
        }

        static Kind of(char code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown room signal " + code);
        }
    }

    static RoomSignal event(String frame) {
        return new RoomSignal(Kind.EVENT, null, frame);
    }

    static RoomSignal chat(UUID messageId, String frame) {
        return new RoomSignal(Kind.CHAT, messageId.toString(), frame);
    }

    static RoomSignal viewers(int count) {
        return new RoomSignal(Kind.VIEWERS, null, Integer.toString(count));
    }

    static RoomSignal likes(long count) {
        return new RoomSignal(Kind.LIKES, null, Long.toString(count));
    }

    static RoomSignal kick(UUID userId) {
        return new RoomSignal(Kind.KICK, null, userId.toString());
    }

    static RoomSignal ended() {
        return new RoomSignal(Kind.ENDED, null, "");
    }

    String encode() {
        return kind.code + (id == null ? "" : id) + "|" + payload;
    }

    static RoomSignal decode(String wire) {
        Kind kind = Kind.of(wire.charAt(0));
        int bar = wire.indexOf('|');
        String id = bar > 1 ? wire.substring(1, bar) : null;
        return new RoomSignal(kind, id, wire.substring(bar + 1));
    }
}
