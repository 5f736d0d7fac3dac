package com.sociallive.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class WebSocketRelayWebFilterTests {

    @Test
    void onlyARefusedConnectionTakesTheInstanceOutOfRotation() {
        assertThat(WebSocketRelayWebFilter.isRefused(new ConnectException("Connection refused")))
                .isTrue();
        assertThat(WebSocketRelayWebFilter.isRefused(new IOException(new ConnectException("refused"))))
                .isTrue();
        assertThat(WebSocketRelayWebFilter.isRefused(new ConnectTimeoutException("connection timed out")))
                .isFalse();
        assertThat(WebSocketRelayWebFilter.isRefused(new TimeoutException("no answer to the upgrade")))
                .isFalse();
    }
}
