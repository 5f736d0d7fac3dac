package com.sociallive.streaming.presence;

class InMemoryPresenceTests extends PresenceContract {

    private final Presence presence = new InMemoryPresence(TIMEOUT, now::get);

    @Override
    Presence presence() {
        return presence;
    }
}
