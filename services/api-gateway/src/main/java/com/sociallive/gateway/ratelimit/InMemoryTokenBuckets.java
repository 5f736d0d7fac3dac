package com.sociallive.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/** Token buckets of this gateway instance alone (no {@code REDIS_URL}). */
class InMemoryTokenBuckets implements TokenBuckets {

    private static final int SWEEP_ABOVE = 50_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    public Mono<Verdict> take(String key, RateLimitProperties.Limit limit) {
        if (buckets.size() > SWEEP_ABOVE) {
            long now = System.nanoTime();
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return Mono.just(buckets.computeIfAbsent(key, k -> new Bucket(limit)).take(System.nanoTime()));
    }

    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long updatedAt;

        Bucket(RateLimitProperties.Limit limit) {
            this.capacity = limit.capacity();
            this.perNano = limit.tokensPerMilli() / 1_000_000d;
            this.tokens = capacity;
            this.updatedAt = System.nanoTime();
        }

        synchronized Verdict take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Verdict.ALLOWED;
            }
            return new Verdict(false, Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano)));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * perNano);
            updatedAt = now;
        }
    }
}
