package com.sociallive.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code /streaming/ws} is proxied as a WebSocket, with the token in the query (browsers) or a Bearer header. */
class WebSocketProxyIT extends GatewayTestSupport {

    @Test
    void webSocketWithQueryTokenIsProxiedBothWays() throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(wsUri("/streaming/ws?streamId=s1&access_token=" + userToken()), collector(frames))
                .get(5, TimeUnit.SECONDS);

        assertThat(frames.poll(5, TimeUnit.SECONDS)).isEqualTo("welcome");
        socket.sendText("hello", true).get(5, TimeUnit.SECONDS);
        assertThat(frames.poll(5, TimeUnit.SECONDS)).isEqualTo("echo:hello");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        assertThat(streaming.count("/ws?streamId=s1")).isEqualTo(1);
    }

    @Test
    void webSocketWithBearerHeaderIsProxied() throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + userToken())
                .buildAsync(wsUri("/streaming/ws?streamId=s2"), collector(frames))
                .get(5, TimeUnit.SECONDS);

        assertThat(frames.poll(5, TimeUnit.SECONDS)).isEqualTo("welcome");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    void webSocketWithoutValidTokenIsRefused() {
        for (String query : new String[] {"?streamId=s3", "?streamId=s3&access_token=broken.token.here"}) {
            assertThatThrownBy(() -> http.newWebSocketBuilder()
                            .buildAsync(wsUri("/streaming/ws" + query), collector(new LinkedBlockingQueue<>()))
                            .get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOfSatisfying(
                            WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
        }
        assertThat(streaming.count("/ws?streamId=s3")).isZero();
    }

    @Test
    void queryTokenIsNotAcceptedOnOrdinaryRoutes() throws Exception {
        assertProblem(get("/social/posts?access_token=" + userToken(), null), 401, "UNAUTHENTICATED");
    }

    private URI wsUri(String path) {
        return URI.create("ws://localhost:" + port + path);
    }

    private static WebSocket.Listener collector(BlockingQueue<String> frames) {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                frames.add(data.toString());
                webSocket.request(1);
                return null;
            }
        };
    }
}
