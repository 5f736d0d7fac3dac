package com.sociallive.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    void refusedUpgradeReachesTheClientAsTheServiceAnsweredIt() throws Exception {
        String answer = rawUpgrade("/streaming/ws?streamId=ended&access_token=" + userToken());

        assertThat(answer).startsWith("HTTP/1.1 409");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).containsIgnoringCase("X-Request-Id: ");
        assertThat(answer).endsWith(WebSocketStandIn.REFUSAL);
    }

    @Test
    void upgradeCarriesTheEdgeHeadersButNotTheClientsIdentityClaims() throws Exception {
        int before = streaming.upgrades.size();
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder()
                .header("X-User-Id", "00000000-0000-0000-0000-000000000001")
                .header("X-Request-Id", "ws-edge-headers-1")
                .buildAsync(wsUri("/streaming/ws?streamId=s4&access_token=" + userToken()), collector(frames))
                .get(5, TimeUnit.SECONDS);
        assertThat(frames.poll(5, TimeUnit.SECONDS)).isEqualTo("welcome");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);

        okhttp3.Headers upgrade = streaming.upgrades.get(before);
        assertThat(upgrade.get("X-User-Id")).isNull();
        assertThat(upgrade.get("X-Request-Id")).isEqualTo("ws-edge-headers-1");
        assertThat(upgrade.get("X-Forwarded-Prefix")).isEqualTo("/streaming");
        assertThat(upgrade.get("traceparent")).isNotBlank();
    }

    @Test
    void closeCodesPassThroughBothWays() throws Exception {
        Closes closes = new Closes();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(wsUri("/streaming/ws?streamId=s5&access_token=" + userToken()), closes)
                .get(5, TimeUnit.SECONDS);
        socket.sendText("close:1013", true).get(5, TimeUnit.SECONDS);
        assertThat(closes.code.poll(5, TimeUnit.SECONDS)).isEqualTo(1013);

        int before = streaming.closeCodes.size();
        WebSocket other = http.newWebSocketBuilder()
                .buildAsync(wsUri("/streaming/ws?streamId=s6&access_token=" + userToken()), new Closes())
                .get(5, TimeUnit.SECONDS);
        other.sendClose(4100, "leaving").get(5, TimeUnit.SECONDS);
        awaitCloseCode(before, 4100);
    }

    /** The relay closes a socket whose access token expired with 4001 and tells the streaming service. */
    @Test
    void socketIsClosedWith4001WhenItsTokenExpires() throws Exception {
        int before = streaming.closeCodes.size();
        Closes closes = new Closes();
        long opened = System.nanoTime();
        http.newWebSocketBuilder()
                .buildAsync(
                        wsUri("/streaming/ws?streamId=s7&access_token="
                                + auth.userTokenExpiringIn(java.time.Duration.ofSeconds(2))),
                        closes)
                .get(5, TimeUnit.SECONDS);

        assertThat(closes.code.poll(10, TimeUnit.SECONDS)).isEqualTo(4001);
        assertThat(closes.reason).isEqualTo("access token expired");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened)).isGreaterThan(500);
        awaitCloseCode(before, 4001);
    }

    /** A logout while the socket is open: the relay closes it with 4001 within seconds and tells the service. */
    @Test
    void socketIsClosedWith4001WhenItsSessionIsRevoked() throws Exception {
        int before = streaming.closeCodes.size();
        String sessionId = java.util.UUID.randomUUID().toString();
        Closes closes = new Closes();
        Closes otherCloses = new Closes();
        http.newWebSocketBuilder()
                .buildAsync(
                        wsUri("/streaming/ws?streamId=s8&access_token="
                                + auth.userToken(java.util.UUID.randomUUID(), sessionId)),
                        closes)
                .get(5, TimeUnit.SECONDS);
        WebSocket other = http.newWebSocketBuilder()
                .buildAsync(wsUri("/streaming/ws?streamId=s8&access_token=" + userToken()), otherCloses)
                .get(5, TimeUnit.SECONDS);

        auth.revoke(sessionId);

        assertThat(closes.code.poll(10, TimeUnit.SECONDS)).isEqualTo(4001);
        assertThat(closes.reason).isEqualTo("session revoked");
        awaitCloseCode(before, 4001);
        assertThat(otherCloses.code).isEmpty();
        other.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    void queryTokenIsNotAcceptedOnOrdinaryRoutes() throws Exception {
        assertProblem(get("/social/posts?access_token=" + userToken(), null), 401, "UNAUTHENTICATED");
    }

    private void awaitCloseCode(int from, int code) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && !closeCodesSince(from).contains(code)) {
            Thread.sleep(20);
        }
        assertThat(closeCodesSince(from)).contains(code);
    }

    /** A copy: a view of the stand-in's list fails when a close arrives while it is read. */
    private List<Integer> closeCodesSince(int from) {
        List<Integer> all = List.copyOf(streaming.closeCodes);
        return all.subList(Math.min(from, all.size()), all.size());
    }

    /** Sends an upgrade by hand and returns the whole answer: a client library hides a refusal's body. */
    private String rawUpgrade(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            String request = "GET " + path + " HTTP/1.1\r\n"
                    + "Host: localhost:" + port + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                    if (answer.toString(StandardCharsets.UTF_8).endsWith("}")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                // keep-alive: what arrived is the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** Records how the socket was closed. */
    private static final class Closes implements WebSocket.Listener {
        final BlockingQueue<Integer> code = new LinkedBlockingQueue<>();
        volatile String reason;

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            this.reason = reason;
            code.add(statusCode);
            return null;
        }
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
