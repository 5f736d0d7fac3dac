package com.sociallive.gateway.websocket;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The chat WebSocket relay ({@code sociallive.gateway.websocket.*}).
 *
 * @param relay false hands {@code /streaming/ws} back to Spring Cloud Gateway's WebSocket routing (kept for
 *     comparison; it re-wraps every frame, holds a full exchange per socket, and refuses nothing before the upgrade)
 * @param connectTimeout how long the TCP connect to a streaming instance may take; 2 s outlasts one lost SYN (resent
 *     after 1 s), which a connection burst on a loaded host can cause
 * @param handshakeTimeout how long the streaming instance may take to answer the upgrade (it checks the token and
 *     looks the stream up in its database first)
 * @param maxFramePayload the largest frame a client may send (the service's frames are relayed as bytes, unchecked)
 * @param revocationCheckInterval how often the sessions of the relayed sockets are checked for revocation
 */
@ConfigurationProperties("sociallive.gateway.websocket")
public record WebSocketRelayProperties(
        @DefaultValue("true") boolean relay,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration handshakeTimeout,
        @DefaultValue("64KB") DataSize maxFramePayload,
        @DefaultValue("1s") Duration revocationCheckInterval) {}
