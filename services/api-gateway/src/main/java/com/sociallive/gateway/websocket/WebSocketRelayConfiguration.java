package com.sociallive.gateway.websocket;

import com.sociallive.gateway.upstream.ServiceInstances;
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
    WebSocketRelayWebFilter webSocketRelayWebFilter(ServiceInstances instances, WebSocketRelayProperties properties) {
        return new WebSocketRelayWebFilter(instances, properties);
    }
}
