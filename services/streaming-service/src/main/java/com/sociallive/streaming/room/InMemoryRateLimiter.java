package com.sociallive.streaming.room;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** A sliding-window log per key (one instance alone). */
class InMemoryRateLimiter implements RateLimiter {

    private final Map<String, ArrayDeque<Long>> logs = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    InMemoryRateLimiter(LongSupplier clockMillis) {
        this.clock = clockMillis;
    }

    @Override
    public boolean tryAcquire(String key, int limit, Duration window) {
        long now = clock.getAsLong();
        long cutoff = now - window.toMillis();
        if (logs.size() > 50_000) {
            logs.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    Long last = entry.getValue().peekLast();
                    return last == null || last <= cutoff;
                }
            });
        }
        ArrayDeque<Long> log = logs.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (log) {
            while (!log.isEmpty() && log.peekFirst() <= cutoff) {
                log.pollFirst();
            }
            if (log.size() >= limit) {
                return false;
            }
            log.addLast(now);
            return true;
        }
    }
}
