package com.sociallive.streaming.presence;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Presence shared by every instance: per stream a sorted set {@code member = userId, score = last heartbeat (ms)},
 * the peak in a string, and the set of streams that have viewers (for the sweeper). Each change is one Lua script,
 * so joins on two instances at once never lose a viewer or the peak.
 */
public class RedisPresence implements Presence {

    static final String PREFIX = "sociallive:streaming:";
    private static final String STREAMS = PREFIX + "presence-streams";
    private static final long KEY_TTL_SECONDS = Duration.ofDays(2).toSeconds();

    private static final RedisScript<Long> JOIN = new DefaultRedisScript<>("""
            local removed = redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
            local added = redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            local n = redis.call('ZCARD', KEYS[1])
            local peak = tonumber(redis.call('GET', KEYS[2]) or '0')
            if n > peak then redis.call('SET', KEYS[2], n) end
            redis.call('EXPIRE', KEYS[1], ARGV[5])
            redis.call('EXPIRE', KEYS[2], ARGV[5])
            redis.call('SADD', KEYS[3], ARGV[4])
            if removed + added > 0 then return 1 else return 0 end
            """, Long.class);

    private static final RedisScript<Long> SWEEP = new DefaultRedisScript<>("""
            local removed = redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            if redis.call('ZCARD', KEYS[1]) == 0 then redis.call('SREM', KEYS[2], ARGV[2]) end
            return removed
            """, Long.class);

    private final StringRedisTemplate redis;
    private final long timeoutMillis;
    private final LongSupplier clock;

    public RedisPresence(StringRedisTemplate redis, Duration timeout, LongSupplier clockMillis) {
        this.redis = redis;
        this.timeoutMillis = timeout.toMillis();
        this.clock = clockMillis;
    }

    @Override
    public boolean join(UUID streamId, UUID userId) {
        long now = clock.getAsLong();
        Long changed = redis.execute(
                JOIN,
                List.of(members(streamId), peakKey(streamId), STREAMS),
                userId.toString(),
                Long.toString(now),
                Long.toString(now - timeoutMillis),
                streamId.toString(),
                Long.toString(KEY_TTL_SECONDS));
        return changed != null && changed > 0;
    }

    @Override
    public boolean leave(UUID streamId, UUID userId) {
        Long removed = redis.opsForZSet().remove(members(streamId), userId.toString());
        return removed != null && removed > 0;
    }

    @Override
    public int count(UUID streamId) {
        Long n = redis.opsForZSet()
                .count(members(streamId), clock.getAsLong() - timeoutMillis + 1, Double.POSITIVE_INFINITY);
        return n == null ? 0 : n.intValue();
    }

    @Override
    public int peak(UUID streamId) {
        String peak = redis.opsForValue().get(peakKey(streamId));
        return peak == null ? 0 : Integer.parseInt(peak);
    }

    @Override
    public Set<UUID> sweep() {
        Set<UUID> changed = new HashSet<>();
        Set<String> streams = redis.opsForSet().members(STREAMS);
        if (streams == null) {
            return changed;
        }
        String cutoff = Long.toString(clock.getAsLong() - timeoutMillis);
        for (String stream : streams) {
            UUID streamId = UUID.fromString(stream);
            Long removed = redis.execute(SWEEP, List.of(members(streamId), STREAMS), cutoff, stream);
            if (removed != null && removed > 0) {
                changed.add(streamId);
            }
        }
        return changed;
    }

    @Override
    public void clear(UUID streamId) {
        redis.delete(members(streamId));
        redis.opsForSet().remove(STREAMS, streamId.toString());
    }

    private static String members(UUID streamId) {
        return PREFIX + "presence:" + streamId;
    }

    private static String peakKey(UUID streamId) {
        return PREFIX + "peak:" + streamId;
    }
}
