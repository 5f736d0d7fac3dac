package com.sociallive.streaming;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client (JDK) that collects every frame it receives, for the tests. */
public final class WsClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    private WsClient() {}

    public static WsClient connect(int port, Object streamId, String token) throws Exception {
        return connect(
                URI.create("ws://localhost:" + port + "/ws?streamId=" + streamId + "&access_token=" + token), null);
    }

    public static WsClient connect(URI uri, String bearer) throws Exception {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        client.socket = builder.buildAsync(uri, client.listener()).get(10, TimeUnit.SECONDS);
        return client;
    }

    /** The HTTP status with which the server refused the upgrade. */
    public static int refusedStatus(URI uri, String bearer) throws Exception {
        try {
            connect(uri, bearer).close();
            return 101;
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
            throw e;
        }
    }

    public void send(String json) {
        socket.sendText(json, true).join();
    }

    /** The next frame of this type (earlier frames of other types are skipped); fails after the timeout. */
    public JsonNode next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode frame = left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
            if (frame == null) {
                throw new AssertionError("no " + type + " frame within " + timeout);
            }
            if (type.equals(frame.path("type").asString())) {
                return frame;
            }
        }
    }

    public JsonNode next(String type) throws InterruptedException {
        return next(type, Duration.ofSeconds(5));
    }

    /** Waits for a viewer_count frame with this value. */
    public JsonNode viewerCount(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            JsonNode frame = next("viewer_count", Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (frame.path("viewerCount").asInt() == expected) {
                return frame;
            }
        }
    }

    /** Frames that arrive within {@code wait}, without blocking longer. */
    public List<JsonNode> drain(Duration wait) throws InterruptedException {
        Thread.sleep(wait.toMillis());
        List<JsonNode> out = new ArrayList<>();
        frames.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                socket.abort();
            }
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(JSON.readTree(partial.toString()));
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        };
    }
}
