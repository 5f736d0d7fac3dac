package com.sociallive.streaming.room;

import java.time.Duration;

/** Per-user limits of chat messages and likes: in memory for one instance, in Redis when instances share users. */
interface RateLimiter {

    /** True when one more action under {@code key} fits into {@code limit} per {@code window}. */
    boolean tryAcquire(String key, int limit, Duration window);
}
