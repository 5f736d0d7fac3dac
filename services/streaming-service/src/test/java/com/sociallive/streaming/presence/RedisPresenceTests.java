package com.sociallive.streaming.presence;

import com.sociallive.streaming.RedisForTests;
import org.junit.jupiter.api.AfterEach;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The same contract on the real Redis (127.0.0.1:6379); fails with the start command when Redis is missing. */
class RedisPresenceTests extends PresenceContract {

    private final LettuceConnectionFactory factory = RedisForTests.connectionFactory();
    private final Presence presence = new RedisPresence(new StringRedisTemplate(factory), TIMEOUT, now::get);

    @Override
    Presence presence() {
        return presence;
    }

    @AfterEach
    void close() {
        presence.clear(stream);
        factory.destroy();
    }
}
