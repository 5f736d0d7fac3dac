package com.sociallive.streaming.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoomSignalTests {

    @Test
    void shouldSurviveTheWireUnchanged() {
        UUID id = UUID.randomUUID();
        String frame = "{\"type\":\"chat\",\"text\":\"a|b \\\"c\\\" <i>\"}";
        for (RoomSignal signal : new RoomSignal[] {
            RoomSignal.chat(id, frame),
            RoomSignal.event("{\"type\":\"gift\"}"),
            RoomSignal.viewers(42),
            RoomSignal.likes(7),
            RoomSignal.kick(id),
            RoomSignal.ended()
        }) {
            assertThat(RoomSignal.decode(signal.encode())).isEqualTo(signal);
        }
    }
}
