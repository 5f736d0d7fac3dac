package com.sociallive.streaming.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTests {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final RateLimiter limiter = new InMemoryRateLimiter(now::get);
    private final Duration window = Duration.ofSeconds(5);

    @Test
    void shouldAllowFiveMessagesPerFiveSecondsPerUser() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("chat:alice", 5, window)).isTrue();
            now.addAndGet(100);
        }
        assertThat(limiter.tryAcquire("chat:alice", 5, window)).isFalse();
        assertThat(limiter.tryAcquire("chat:bob", 5, window)).as("per user").isTrue();
        now.addAndGet(4_500); // the first message is now 5 s old
        assertThat(limiter.tryAcquire("chat:alice", 5, window)).isTrue();
        assertThat(limiter.tryAcquire("chat:alice", 5, window)).isFalse();
    }
}
