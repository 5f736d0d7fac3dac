package com.sociallive.streaming.room;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Instances share rooms through Redis pub/sub, one channel per stream ({@code sociallive:streaming:room:<id>}); each
 * instance subscribes to the pattern once and hands what arrives to its local sockets. A signal published on A
 * reaches the viewers on A and B alike (A hears its own publication too), in the order it was published.
 */
class RedisRoomBus implements RoomBus, MessageListener {

    static final String CHANNEL_PREFIX = "sociallive:streaming:room:";
    static final String PATTERN = CHANNEL_PREFIX + "*";
    private static final Logger log = LoggerFactory.getLogger(RedisRoomBus.class);

    private final StringRedisTemplate redis;
    private final Rooms rooms;

    RedisRoomBus(StringRedisTemplate redis, Rooms rooms) {
        this.redis = redis;
        this.rooms = rooms;
    }

    @Override
    public void publish(UUID streamId, RoomSignal signal) {
        redis.convertAndSend(CHANNEL_PREFIX + streamId, signal.encode());
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        try {
            String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
            UUID streamId = UUID.fromString(channel.substring(CHANNEL_PREFIX.length()));
            rooms.deliver(streamId, RoomSignal.decode(new String(message.getBody(), StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            log.warn("Dropped a malformed room signal: {}", e.toString());
        }
    }
}
