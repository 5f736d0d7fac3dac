package com.sociallive.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sociallive.gateway.rate-limit.*}: token buckets per user (token subject) and, for anonymous calls, per
 * client IP. The first matching route rule replaces the default limit with its own bucket.
 *
 * @param enabled false turns rate limiting off
 * @param redisUrl {@code REDIS_URL}: when set, buckets live in Redis and are shared by every gateway instance
 * @param keyPrefix prefix of the Redis keys
 * @param redisTimeout how long a bucket call to Redis may take before the request passes unlimited (fail open)
 * @param user default limit per authenticated user
 * @param anonymous default limit per client IP for calls without a token
 * @param routes stricter (or looser) limits for some paths
 */
@ConfigurationProperties("sociallive.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("") String redisUrl,
        @DefaultValue("sociallive:rl:") String keyPrefix,
        @DefaultValue("500ms") Duration redisTimeout,
        @DefaultValue({"200", "100", "1s"}) Limit user,
        @DefaultValue({"60", "30", "1s"}) Limit anonymous,
        @DefaultValue List<RouteLimit> routes) {

    /**
     * A token bucket: holds up to {@code capacity} tokens and gains {@code tokens} every {@code period}; each request
     * takes one.
     */
    public record Limit(int capacity, int tokens, Duration period) {

        public Limit {
            if (capacity < 1 || tokens < 1 || period == null || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("A rate limit needs capacity >= 1, tokens >= 1 and a period > 0");
            }
        }

        double tokensPerMilli() {
            return tokens / (double) period.toMillis();
        }
    }

    /**
     * @param name names the bucket (keys of different rules never share a bucket)
     * @param path a path pattern such as {@code /auth/login} or {@code /social/**}
     * @param methods HTTP methods the rule applies to (empty: all)
     */
    public record RouteLimit(
            String name, String path, @DefaultValue List<String> methods, Limit limit) {}
}
