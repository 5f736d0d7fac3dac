package com.sociallive.gateway;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/** A service behind the gateway: answers JSON on every path, {@code UP} on /health, and remembers what it got. */
final class StandInService implements AutoCloseable {

    final MockWebServer server = new MockWebServer();
    final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
    final AtomicBoolean healthy = new AtomicBoolean(true);
    private final String name;

    StandInService(String name) throws IOException {
        this.name = name;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.start();
    }

    MockResponse answer(RecordedRequest request) {
        if (request.getTarget().equals("/health")) {
            return json(healthy.get() ? 200 : 503, healthy.get() ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
        }
        received.add(request);
        if (request.getTarget().startsWith("/ws")) {
            return new MockResponse.Builder()
                    .webSocketUpgrade(new EchoListener())
                    .build();
        }
        return json(200, "{\"service\":\"" + name + "\",\"items\":[]}");
    }

    /** Greets a new WebSocket and echoes every text frame. */
    static final class EchoListener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            webSocket.send("welcome");
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            webSocket.send("echo:" + text);
        }
    }

    static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** The last request whose target starts with the given prefix, or null. */
    RecordedRequest last(String targetPrefix) {
        for (int i = received.size() - 1; i >= 0; i--) {
            if (received.get(i).getTarget().startsWith(targetPrefix)) {
                return received.get(i);
            }
        }
        return null;
    }

    long count(String targetPrefix) {
        return received.stream()
                .filter(r -> r.getTarget().startsWith(targetPrefix))
                .count();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
