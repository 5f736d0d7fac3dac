package com.sociallive.streaming.room;

import java.util.UUID;

/** One instance alone: a signal goes straight to the local rooms. */
class LocalRoomBus implements RoomBus {

    private final Rooms rooms;

    LocalRoomBus(Rooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public void publish(UUID streamId, RoomSignal signal) {
        rooms.deliver(streamId, signal);
    }
}
