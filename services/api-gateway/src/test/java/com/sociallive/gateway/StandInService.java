package com.sociallive.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A service instance behind the gateway: answers JSON on every path, {@code UP} on /health (or {@code DOWN} with 503
 * when told), sleeps on /slow, and remembers what it got. It can die and come back on the same port.
 */
final class StandInService implements AutoCloseable {

    final List<Seen> received = new CopyOnWriteArrayList<>();
    final AtomicBoolean healthy = new AtomicBoolean(true);
    private final String name;
    private final int port;
    private volatile HttpServer server;

    StandInService(String name) throws IOException {
        this.name = name;
        this.server = start(0);
        this.port = server.getAddress().getPort();
    }

    /** What the instance received: the target (path and query) and the headers, names in lower case. */
    record Seen(String target, Map<String, String> headers) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private HttpServer start(int onPort) throws IOException {
        HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 100);
        created.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        created.createContext("/", this::answer);
        created.start();
        return created;
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery());
        if (target.equals("/health")) {
            respond(
                    exchange,
                    healthy.get() ? 200 : 503,
                    healthy.get() ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
            return;
        }
        Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                .collect(Collectors.toMap(
                        e -> e.getKey().toLowerCase(Locale.ROOT), e -> String.join(",", e.getValue()), (a, b) -> a));
        received.add(new Seen(target, headers));
        if (target.startsWith("/slow")) {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        respond(exchange, 200, "{\"service\":\"" + name + "\",\"items\":[]}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
        if (requestId != null) {
            exchange.getResponseHeaders().set("X-Request-Id", requestId); // as every real service does
        }
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the gateway gave up waiting (time limit) and closed the connection
        }
    }

    /** The instance dies: its port refuses connections. */
    void kill() {
        server.stop(0);
    }

    /** The instance comes back on the same port. */
    void restart() throws IOException {
        server = start(port);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The last request whose target starts with the given prefix, or null. */
    Seen last(String targetPrefix) {
        for (int i = received.size() - 1; i >= 0; i--) {
            if (received.get(i).target().startsWith(targetPrefix)) {
                return received.get(i);
            }
        }
        return null;
    }

    long count(String targetPrefix) {
        return received.stream()
                .filter(r -> r.target().startsWith(targetPrefix))
                .count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
