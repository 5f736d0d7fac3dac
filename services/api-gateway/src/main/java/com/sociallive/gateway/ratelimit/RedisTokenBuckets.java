package com.sociallive.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Token buckets in Redis, shared by every gateway instance: one Lua script refills and takes atomically, on the
 * Redis server's clock so that instances with skewed clocks agree. When Redis cannot be reached the request passes
 * (fail open): losing rate limiting for a moment is better than losing the API.
 */
class RedisTokenBuckets implements TokenBuckets {

    private static final Logger log = LoggerFactory.getLogger(RedisTokenBuckets.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SCRIPT = RedisScript.of("""
            local capacity = tonumber(ARGV[1])
            local per_ms = tonumber(ARGV[2])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(state[1]) or capacity
            local ts = tonumber(state[2]) or now
            tokens = math.min(capacity, tokens + math.max(0, now - ts) * per_ms)
            local allowed = 0
            local retry_ms = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            else
              retry_ms = math.ceil((1 - tokens) / per_ms)
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / per_ms) + 1000)
            return {allowed, retry_ms}
            """, List.class);

    private final ReactiveStringRedisTemplate redis;
    private final String prefix;
    private final Duration callTimeout;
    private volatile boolean warned;

    RedisTokenBuckets(ReactiveStringRedisTemplate redis, String prefix, Duration callTimeout) {
        this.redis = redis;
        this.prefix = prefix;
        this.callTimeout = callTimeout;
    }

    @Override
    public Mono<Verdict> take(String key, RateLimitProperties.Limit limit) {
        return redis.execute(
                        SCRIPT,
                        List.of(prefix + key),
                        List.of(String.valueOf(limit.capacity()), String.valueOf(limit.tokensPerMilli())))
                .next()
                .timeout(callTimeout)
                .map(result -> {
                    warned = false;
                    boolean allowed = ((Number) result.get(0)).longValue() == 1;
                    return allowed
                            ? Verdict.ALLOWED
                            : new Verdict(false, Duration.ofMillis(((Number) result.get(1)).longValue()));
                })
                .onErrorResume(e -> {
                    if (!warned) {
                        log.warn("Rate limiting passes requests: Redis is not reachable ({})", e.toString());
                        warned = true;
                    }
                    return Mono.just(Verdict.ALLOWED);
                });
    }
}
