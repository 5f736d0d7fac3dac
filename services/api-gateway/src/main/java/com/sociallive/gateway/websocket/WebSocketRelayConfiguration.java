package com.sociallive.gateway.websocket;

import com.sociallive.gateway.security.RevokedSessionsPoller;
import com.sociallive.gateway.upstream.ServiceInstances;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The relay for {@code /streaming/ws} upgrades; {@code sociallive.gateway.websocket.relay=false} turns it off. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
        prefix = "sociallive.gateway.websocket",
        name = "relay",
        havingValue = "true",
        matchIfMissing = true)
class WebSocketRelayConfiguration {

    @Bean
    WebSocketRelayWebFilter webSocketRelayWebFilter(
            ServiceInstances instances, WebSocketRelayProperties properties, RevokedSessionWatch revokedSessionWatch) {
        return new WebSocketRelayWebFilter(instances, properties, revokedSessionWatch);
    }

    /** Without the edge check's copy of the revoked sessions (a test slice) nothing is ever revoked here. */
    @Bean
    RevokedSessionWatch revokedSessionWatch(
            ObjectProvider<RevokedSessionsPoller> revokedSessions, WebSocketRelayProperties properties) {
        RevokedSessionsPoller poller = revokedSessions.getIfAvailable();
        return new RevokedSessionWatch(
                poller == null ? sessionId -> false : poller::isRevoked, properties.revocationCheckInterval());
    }
}
