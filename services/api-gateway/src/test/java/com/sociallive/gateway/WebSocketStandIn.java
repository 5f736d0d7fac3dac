package com.sociallive.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/** The streaming service: upgrades {@code /ws} to a WebSocket that greets and echoes, answers JSON elsewhere. */
final class WebSocketStandIn implements AutoCloseable {

    final MockWebServer server = new MockWebServer();
    final List<String> targets = new CopyOnWriteArrayList<>();

    WebSocketStandIn() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getTarget().equals("/health")) {
                    return json("{\"status\":\"UP\"}");
                }
                targets.add(request.getTarget());
                if (request.getTarget().startsWith("/ws")) {
                    return new MockResponse.Builder()
                            .webSocketUpgrade(new EchoListener())
                            .build();
                }
                return json("{\"service\":\"streaming\"}");
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    long count(String targetPrefix) {
        return targets.stream().filter(t -> t.startsWith(targetPrefix)).count();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder()
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    /** Greets a new WebSocket and echoes every text frame. */
    private static final class EchoListener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            webSocket.send("welcome");
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            webSocket.send("echo:" + text);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
