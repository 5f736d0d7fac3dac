package com.sociallive.streaming;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the wallet's internal transfer API exactly as docs/internal-apis.md describes it: a service token
 * is required, balances never go below zero (422 INSUFFICIENT_FUNDS), and a used reference returns the existing
 * transfer (201 + Idempotent-Replayed) so money moves at most once per reference; GET by-reference tells what moved.
 */
public final class FakeWallet {

    private static volatile FakeWallet instance;

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<UUID, Long> balances = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> byReference = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();

    private FakeWallet() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/internal/transfers", this::transfer);
        server.start();
    }

    public static FakeWallet get() {
        if (instance == null) {
            synchronized (FakeWallet.class) {
                if (instance == null) {
                    try {
                        instance = new FakeWallet();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void deposit(UUID user, long amount) {
        balances.merge(user, amount, Long::sum);
    }

    public long balance(UUID user) {
        return balances.getOrDefault(user, 0L);
    }

    public int calls() {
        return calls.get();
    }

    /** The next {@code n} transfers fail with 503 after moving the money (the answer is lost on the way). */
    public void loseNextAnswers(int n) {
        failures.set(n);
    }

    private synchronized void transfer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if ("GET".equals(exchange.getRequestMethod()) && path.startsWith("/internal/transfers/by-reference/")) {
            Map<String, Object> found = byReference.get(path.substring("/internal/transfers/by-reference/".length()));
            if (found == null) {
                respond(exchange, 404, "{\"status\":404,\"code\":\"NOT_FOUND\"}", false);
            } else {
                respond(exchange, 200, json.writeValueAsString(found), false);
            }
            return;
        }
        calls.incrementAndGet();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            respond(exchange, 401, "{\"status\":401,\"code\":\"UNAUTHENTICATED\"}", false);
            return;
        }
        if (exchange.getRequestHeaders().getFirst("Idempotency-Key") == null) {
            respond(exchange, 400, "{\"status\":400,\"code\":\"IDEMPOTENCY_KEY_REQUIRED\"}", false);
            return;
        }
        JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
        String reference = body.get("reference").stringValue();
        Map<String, Object> existing = byReference.get(reference);
        if (existing != null) {
            respond(exchange, 201, json.writeValueAsString(existing), true);
            return;
        }
        UUID from = UUID.fromString(body.get("fromUserId").stringValue());
        UUID to = UUID.fromString(body.get("toUserId").stringValue());
        long amount = body.get("amount").asLong();
        if (!"GIFT".equals(body.get("type").stringValue()) || amount <= 0 || from.equals(to)) {
            respond(exchange, 400, "{\"status\":400,\"code\":\"VALIDATION_FAILED\"}", false);
            return;
        }
        if (balance(from) < amount) {
            respond(
                    exchange,
                    422,
                    "{\"status\":422,\"code\":\"INSUFFICIENT_FUNDS\",\"detail\":\"Insufficient funds\"}",
                    false);
            return;
        }
        balances.merge(from, -amount, Long::sum);
        balances.merge(to, amount, Long::sum);
        Map<String, Object> transfer = new LinkedHashMap<>();
        transfer.put("id", UUID.randomUUID().toString());
        transfer.put("reference", reference);
        transfer.put("fromUserId", from.toString());
        transfer.put("toUserId", to.toString());
        transfer.put("amount", amount);
        transfer.put("fee", 0);
        transfer.put("currency", body.get("currency").stringValue());
        transfer.put("type", "GIFT");
        transfer.put("status", "COMPLETED");
        transfer.put("createdAt", Instant.now().toString());
        byReference.put(reference, transfer);
        if (failures.get() > 0) {
            failures.decrementAndGet();
            respond(exchange, 503, "{\"status\":503,\"code\":\"SERVICE_UNAVAILABLE\"}", false);
            return;
        }
        respond(exchange, 201, json.writeValueAsString(transfer), false);
    }

    private static void respond(HttpExchange exchange, int status, String body, boolean replayed) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .set("Content-Type", status < 300 ? "application/json" : "application/problem+json");
        if (replayed) {
            exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
