package com.sociallive.streaming.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sociallive.streaming.*}.
 *
 * @param redisUrl {@code REDIS_URL}; blank means one instance alone, everything in memory
 * @param ingestHost host[:port] of the RTMP ingest: {@code ingestUrl = rtmp://<ingestHost>/live/<streamKey>}
 * @param playbackBaseUrl HLS base: {@code playbackUrl = <playbackBaseUrl>/<streamId>/index.m3u8}
 * @param chatUrl the WebSocket URL clients use (through the gateway): {@code chatUrl = <chatUrl>?streamId=<id>}
 * @param presenceTimeout a viewer without heartbeat for this long is no longer counted
 * @param viewerCountInterval how often changed viewer and like counts are broadcast (coalescing)
 * @param chatRateLimit chat messages one user may send within {@code chatRateWindow}
 * @param chatRateWindow the chat rate-limit window
 * @param likeRateLimit likes one user may send within {@code chatRateWindow}
 * @param chatHistorySize chat messages a newcomer receives
 * @param userCacheTtl how long user summaries from the auth service are cached
 * @param outboxLimit frames queued for one slow WebSocket client before it is disconnected (1013)
 * @param outboxMaxStall how long frames may wait for a client while nothing can be written to it before it is
 *     disconnected (1013)
 */
@Validated
@ConfigurationProperties("sociallive.streaming")
public record StreamingProperties(
        @DefaultValue("") String redisUrl,
        @DefaultValue("localhost:1935") @NotBlank String ingestHost,
        @DefaultValue("http://localhost:8088/hls") @NotBlank String playbackBaseUrl,

        @DefaultValue("ws://localhost:8080/streaming/ws") @NotBlank
        String chatUrl,

        @DefaultValue("60s") Duration presenceTimeout,
        @DefaultValue("500ms") Duration viewerCountInterval,
        @DefaultValue("5") @Min(1) int chatRateLimit,
        @DefaultValue("5s") Duration chatRateWindow,
        @DefaultValue("20") @Min(1) int likeRateLimit,
        @DefaultValue("50") @Min(0) int chatHistorySize,
        @DefaultValue("30s") Duration userCacheTtl,
        @DefaultValue("1000") @Min(10) int outboxLimit,
        @DefaultValue("10s") Duration outboxMaxStall) {

    public boolean redisEnabled() {
        return redisUrl != null && !redisUrl.isBlank();
    }
}
