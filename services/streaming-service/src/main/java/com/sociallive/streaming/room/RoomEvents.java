package com.sociallive.streaming.room;

import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Sends a server → client event to every viewer of a stream, whichever instance they are connected to. */
@Component
public class RoomEvents {

    private final RoomBus bus;
    private final JsonMapper json;

    RoomEvents(RoomBus bus, JsonMapper json) {
        this.bus = bus;
        this.json = json;
    }

    /** {@code frame} must hold a {@code type}; it is serialised once and delivered as is. */
    public void publish(UUID streamId, Map<String, Object> frame) {
        if (!frame.containsKey("type")) {
            throw new IllegalArgumentException("a room event needs a type");
        }
        bus.publish(streamId, RoomSignal.event(json.writeValueAsString(frame)));
    }
}
