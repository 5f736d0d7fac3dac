package com.sociallive.streaming.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis connection (Lettuce), only when {@code REDIS_URL} is set ({@code redis://[user:password@]host:port[/db]}
 * or {@code rediss://…} for TLS). Boot's own Redis auto-configuration is excluded in application.yaml, so without
 * {@code REDIS_URL} nothing tries to reach a Redis and one instance runs alone in memory.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnRedis.Enabled.class)
class RedisWiring {

    @Bean
    LettuceConnectionFactory redisConnectionFactory(StreamingProperties properties) {
        String url = properties.redisUrl().trim();
        org.springframework.data.redis.connection.RedisConfiguration target =
                LettuceConnectionFactory.createRedisConfiguration(url);
        LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder();
        if (url.startsWith("rediss:")) {
            client.useSsl();
        }
        return new LettuceConnectionFactory(target, client.build());
    }

    @Bean
    StringRedisTemplate stringRedisTemplate(LettuceConnectionFactory factory) {
        return new StringRedisTemplate(factory);
    }
}
