package com.sociallive.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * The streaming service: upgrades {@code /ws} to a WebSocket that greets and echoes, answers JSON elsewhere. An upgrade
 * for {@code streamId=ended} is refused with 409 problem+json, as the service refuses an ended stream. The text
 * {@code close:<code>} makes it close the socket with that code; every close code it receives is recorded.
 */
final class WebSocketStandIn implements AutoCloseable {

    static final String REFUSAL = "{\"status\":409,\"code\":\"STREAM_ENDED\",\"detail\":\"The stream has ended\"}";

    final MockWebServer server = new MockWebServer();
    final List<String> targets = new CopyOnWriteArrayList<>();
    /** The headers of each upgrade request, in arrival order. */
    final List<Headers> upgrades = new CopyOnWriteArrayList<>();
    /** The close codes clients (here: the gateway) sent, in arrival order. */
    final List<Integer> closeCodes = new CopyOnWriteArrayList<>();

    WebSocketStandIn() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getTarget().equals("/health")) {
                    return json("{\"status\":\"UP\"}");
                }
                targets.add(request.getTarget());
                if (request.getTarget().startsWith("/ws")) {
                    upgrades.add(request.getHeaders());
                    if (request.getTarget().contains("streamId=ended")) {
                        return new MockResponse.Builder()
                                .code(409)
                                .setHeader("Content-Type", "application/problem+json")
                                .body(REFUSAL)
                                .build();
                    }
                    return new MockResponse.Builder()
                            .webSocketUpgrade(new EchoListener(closeCodes))
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

    /** Greets a new WebSocket and echoes every text frame, or closes it when told to. */
    private static final class EchoListener extends WebSocketListener {
        private final List<Integer> closeCodes;

        EchoListener(List<Integer> closeCodes) {
            this.closeCodes = closeCodes;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            webSocket.send("welcome");
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            if (text.startsWith("close:")) {
                webSocket.close(Integer.parseInt(text.substring(6)), "told to");
            } else {
                webSocket.send("echo:" + text);
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            closeCodes.add(code);
            webSocket.close(code, null);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
