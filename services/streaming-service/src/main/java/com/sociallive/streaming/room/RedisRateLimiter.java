package com.sociallive.streaming.room;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/** A fixed window per key in Redis, shared by every instance (a user cannot double the limit by reconnecting). */
class RedisRateLimiter implements RateLimiter {

    private static final RedisScript<Long> INCREMENT = new DefaultRedisScript<>("""
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n
            """, Long.class);

    private final StringRedisTemplate redis;
    private final LongSupplier clock;

    RedisRateLimiter(StringRedisTemplate redis, LongSupplier clockMillis) {
        this.redis = redis;
        this.clock = clockMillis;
    }

    @Override
    public boolean tryAcquire(String key, int limit, Duration window) {
        long windowMillis = window.toMillis();
        long slot = clock.getAsLong() / windowMillis;
        Long n = redis.execute(
                INCREMENT,
                List.of("sociallive:streaming:rate:" + key + ":" + slot),
                Long.toString(windowMillis + 1000));
        return n != null && n <= limit;
    }
}
