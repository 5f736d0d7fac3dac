package com.sociallive.streaming.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What every presence store must do; the clock is moved by hand, so 60 s pass in no time. */
abstract class PresenceContract {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    final UUID stream = UUID.randomUUID();

    abstract Presence presence();

    @Test
    void shouldCountEachViewerOnce() {
        Presence presence = presence();
        UUID alice = UUID.randomUUID();
        assertThat(presence.join(stream, alice)).isTrue();
        assertThat(presence.join(stream, alice))
                .as("a refresh changes no count")
                .isFalse();
        assertThat(presence.join(stream, UUID.randomUUID())).isTrue();
        assertThat(presence.count(stream)).isEqualTo(2);
        assertThat(presence.count(UUID.randomUUID())).isZero();
    }

    @Test
    void shouldForgetViewerOnLeaveAndKeepPeak() {
        Presence presence = presence();
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        presence.join(stream, alice);
        presence.join(stream, bob);
        assertThat(presence.leave(stream, alice)).isTrue();
        assertThat(presence.leave(stream, alice)).isFalse();
        assertThat(presence.count(stream)).isEqualTo(1);
        assertThat(presence.peak(stream)).isEqualTo(2);
        presence.join(stream, alice);
        assertThat(presence.peak(stream)).isEqualTo(2);
        presence.join(stream, UUID.randomUUID());
        assertThat(presence.peak(stream)).isEqualTo(3);
    }

    @Test
    void shouldDropViewerSixtySecondsAfterLastHeartbeat() {
        Presence presence = presence();
        UUID quiet = UUID.randomUUID();
        UUID lively = UUID.randomUUID();
        presence.join(stream, quiet);
        presence.join(stream, lively);
        now.addAndGet(40_000);
        presence.join(stream, lively); // heartbeat
        now.addAndGet(19_999);
        assertThat(presence.count(stream)).isEqualTo(2);
        now.addAndGet(1);
        assertThat(presence.count(stream)).as("60 s without heartbeat").isEqualTo(1);
        assertThat(presence.sweep()).contains(stream);
        assertThat(presence.sweep()).doesNotContain(stream);
        now.addAndGet(40_000);
        assertThat(presence.count(stream)).isZero();
        assertThat(presence.join(stream, quiet))
                .as("a heartbeat after expiry counts again")
                .isTrue();
        assertThat(presence.count(stream)).isEqualTo(1);
        assertThat(presence.peak(stream)).isEqualTo(2);
    }

    @Test
    void shouldForgetEndedStream() {
        Presence presence = presence();
        presence.join(stream, UUID.randomUUID());
        presence.clear(stream);
        assertThat(presence.count(stream)).isZero();
    }
}
