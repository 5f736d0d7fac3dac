package com.sociallive.gateway.ratelimit;

import com.sociallive.gateway.GatewayProblems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Rate limiting at the edge: buckets in Redis when {@code REDIS_URL} is set (Boot's Redis client, configured from the
 * same variable, connects lazily and is used only then), in memory otherwise.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
@ConditionalOnProperty(name = "sociallive.gateway.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
class RateLimitConfiguration {

    @Bean
    TokenBuckets tokenBuckets(RateLimitProperties properties, ObjectProvider<ReactiveStringRedisTemplate> redis) {
        if (properties.redisUrl().isBlank()) {
            return new InMemoryTokenBuckets();
        }
        return new RedisTokenBuckets(redis.getObject(), properties.keyPrefix(), properties.redisTimeout());
    }

    @Bean
    RateLimitWebFilter rateLimitWebFilter(
            TokenBuckets buckets, RateLimitProperties properties, GatewayProblems problems) {
        return new RateLimitWebFilter(buckets, properties, problems);
    }
}
