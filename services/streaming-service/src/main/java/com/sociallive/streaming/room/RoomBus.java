package com.sociallive.streaming.room;

import java.util.UUID;

/** Delivers a signal to the sockets of a stream on every instance (Redis pub/sub) or on this one (in memory). */
interface RoomBus {

    void publish(UUID streamId, RoomSignal signal);
}
