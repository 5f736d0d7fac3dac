package com.sociallive.streaming.room;

import com.sociallive.platform.security.RevokedSessions;
import com.sociallive.streaming.config.OnRedis;
import com.sociallive.streaming.config.StreamingProperties;
import com.sociallive.streaming.presence.InMemoryPresence;
import com.sociallive.streaming.presence.Presence;
import com.sociallive.streaming.presence.RedisPresence;
import com.sociallive.streaming.user.UserDirectory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import tools.jackson.databind.json.JsonMapper;

/** The live rooms: the WebSocket endpoint, and presence, fan-out and rate limits in memory or in Redis. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class RoomWiring implements WebSocketConfigurer {

    /** the largest client message accepted; a longer one closes the socket with 1009 (too big) */
    static final int MAX_CLIENT_MESSAGE_CHARACTERS = 4096;

    private final RoomSocketHandler handler;
    private final RoomHandshake handshake;

    RoomWiring(RoomSocketHandler handler, RoomHandshake handshake) {
        this.handler = handler;
        this.handshake = handshake;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // any origin: the socket is authorised by a bearer token, never by cookies, so cross-site pages gain nothing
        registry.addHandler(handler, "/ws").addInterceptors(handshake).setAllowedOriginPatterns("*");
    }

    /**
     * Tomcat keeps these buffers for every open socket, so they decide how many viewers fit in the heap: a client
     * only ever sends small JSON messages (chat is at most 500 characters, 3,000 JSON characters if every one is
     * escaped), so 4,096 characters of text (8 KB, not the 32 KB of 16 K characters) are enough, and the binary
     * buffer only stages a text frame's bytes while they are decoded. See also
     * {@link com.sociallive.streaming.StreamingServiceApplication} for Tomcat's send buffers.
     */
    @Bean
    static ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_CLIENT_MESSAGE_CHARACTERS);
        container.setMaxBinaryMessageBufferSize(1024);
        container.setMaxSessionIdleTimeout(5 * 60 * 1000L);
        return container;
    }

    @Bean(destroyMethod = "close")
    static ExecutorService roomSenders() {
        return Executors.newVirtualThreadPerTaskExecutor();
    }

    @Bean
    static Rooms rooms(ExecutorService roomSenders, JsonMapper json) {
        return new Rooms(roomSenders, json);
    }

    @Bean
    static RoomTicker roomTicker(
            Presence presence,
            Rooms rooms,
            RoomRepository repository,
            RoomBus bus,
            RevokedSessions revokedSessions,
            StreamingProperties properties) {
        return new RoomTicker(presence, rooms, repository, bus, revokedSessions, properties);
    }

    @Bean
    static RoomHandshake roomHandshake(JwtDecoder jwtDecoder, RoomRepository repository, JsonMapper json) {
        return new RoomHandshake(jwtDecoder, repository, json);
    }

    @Bean
    static RoomSocketHandler roomSocketHandler(
            Rooms rooms,
            Viewers viewers,
            RoomRepository repository,
            RoomBus bus,
            RoomTicker ticker,
            RateLimiter rateLimiter,
            UserDirectory users,
            JsonMapper json,
            StreamingProperties properties,
            ExecutorService roomSenders) {
        return new RoomSocketHandler(
                rooms, viewers, repository, bus, ticker, rateLimiter, users, json, properties, roomSenders);
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(OnRedis.Disabled.class)
    static class InMemory {

        @Bean
        Presence presence(StreamingProperties properties) {
            return new InMemoryPresence(properties.presenceTimeout(), System::currentTimeMillis);
        }

        @Bean
        RoomBus roomBus(Rooms rooms) {
            return new LocalRoomBus(rooms);
        }

        @Bean
        RateLimiter rateLimiter() {
            return new InMemoryRateLimiter(System::currentTimeMillis);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(OnRedis.Enabled.class)
    static class Shared {

        @Bean
        Presence presence(StringRedisTemplate redis, StreamingProperties properties) {
            return new RedisPresence(redis, properties.presenceTimeout(), System::currentTimeMillis);
        }

        @Bean
        RedisRoomBus roomBus(StringRedisTemplate redis, Rooms rooms) {
            return new RedisRoomBus(redis, rooms);
        }

        @Bean
        RedisMessageListenerContainer roomListenerContainer(RedisConnectionFactory factory, RedisRoomBus bus) {
            RedisMessageListenerContainer container = new RedisMessageListenerContainer();
            container.setConnectionFactory(factory);
            // one subscription per instance for every stream's channel; dispatched in arrival order, and
            // Rooms.deliver only queues, so the Redis connection is never held up by slow sockets
            container.setTaskExecutor(new SyncTaskExecutor());
            container.addMessageListener(bus, new PatternTopic(RedisRoomBus.PATTERN));
            return container;
        }

        @Bean
        RateLimiter rateLimiter(StringRedisTemplate redis) {
            return new RedisRateLimiter(redis, System::currentTimeMillis);
        }
    }
}
