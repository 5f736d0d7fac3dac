package com.sociallive.commerce;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the wallet service that implements its internal transfer contract (docs/internal-apis.md)
 * faithfully: balances per user (never below zero), references unique (same parameters → the existing transfer
 * with Idempotent-Replayed, else 409 REFERENCE_CONFLICT), 422 INSUFFICIENT_FUNDS, idempotency keys per caller,
 * GET by reference. It can be switched to answer 503, to "crash after commit" (the transfer commits, the caller
 * gets no answer), or be stopped and started again on the same port (unreachable).
 */
public final class FakeWallet {

    public enum Mode {
        NORMAL,
        FAIL_503,
        IN_PROGRESS,
        CRASH_AFTER_COMMIT
    }

    private static volatile FakeWallet instance;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<UUID, Long> balances = new HashMap<>();
    private final Map<String, Map<String, Object>> byReference = new LinkedHashMap<>();
    private final Map<String, Stored> byKey = new HashMap<>();
    private final List<Map<String, String>> calls = new ArrayList<>();
    private volatile Mode mode = Mode.NORMAL;
    private volatile long delayMillis;
    private volatile Runnable onTransfer;
    private final int port;
    private HttpServer server;

    private record Stored(String bodyHash, int status, String body) {}

    private FakeWallet() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        port = server.getAddress().getPort();
        configure(server);
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
        return "http://127.0.0.1:" + port;
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Every POST /internal/transfers takes this long before it is handled (a slow wallet); 0 for none. */
    public void delay(long millis) {
        this.delayMillis = millis;
    }

    /** Runs on every POST /internal/transfers while the caller waits for the answer; null for none. */
    public void onTransfer(Runnable hook) {
        this.onTransfer = hook;
    }

    /** Back to a prompt, normal wallet (balances and transfers stay). */
    public void reset() {
        mode = Mode.NORMAL;
        delayMillis = 0;
        onTransfer = null;
    }

    public synchronized void stop() {
        server.stop(0);
    }

    public synchronized void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        configure(server);
        server.start();
    }

    public synchronized void deposit(UUID user, long amount) {
        balances.merge(user, amount, Long::sum);
    }

    public synchronized long balance(UUID user) {
        return balances.getOrDefault(user, 0L);
    }

    /** How many transfers with this reference really moved money (0 or 1 by the contract). */
    public synchronized int transfersWithReference(String reference) {
        return byReference.containsKey(reference) ? 1 : 0;
    }

    public synchronized Map<String, Object> transfer(String reference) {
        return byReference.get(reference);
    }

    /** Moves money as a POST would have, without any caller hearing of it (the state a crash leaves behind). */
    public synchronized void commitTransfer(String reference, UUID from, UUID to, long amount, String type) {
        balances.merge(from, -amount, Long::sum);
        balances.merge(to, amount, Long::sum);
        Map<String, Object> transfer = new LinkedHashMap<>();
        transfer.put("id", UUID.randomUUID().toString());
        transfer.put("reference", reference);
        transfer.put("fromUserId", from.toString());
        transfer.put("toUserId", to.toString());
        transfer.put("amount", amount);
        transfer.put("fee", 0L);
        transfer.put("currency", "COIN");
        transfer.put("type", type);
        transfer.put("status", "COMPLETED");
        transfer.put("createdAt", Instant.now().toString());
        byReference.put(reference, transfer);
    }

    /** The user's side of every transfer (API.md Transaction: type, direction, amount, reference), oldest first. */
    public synchronized List<Map<String, Object>> transactionsOf(UUID user) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Map<String, Object> t : byReference.values()) {
            boolean debit = user.toString().equals(t.get("fromUserId"));
            if (debit || user.toString().equals(t.get("toUserId"))) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("id", t.get("id"));
                line.put("type", t.get("type"));
                line.put("direction", debit ? "DEBIT" : "CREDIT");
                line.put("amount", t.get("amount"));
                line.put("currency", t.get("currency"));
                line.put("reference", t.get("reference"));
                lines.add(line);
            }
        }
        return lines;
    }

    /** Headers and body of every POST /internal/transfers received (also the refused ones). */
    public synchronized List<Map<String, String>> calls() {
        return List.copyOf(calls);
    }

    private void configure(HttpServer s) {
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/internal/transfers", this::handle);
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ")) {
                respond(ex, 401, problem(401, "UNAUTHENTICATED"), false);
                return;
            }
            if (mode == Mode.FAIL_503) {
                respond(ex, 503, problem(503, "SERVICE_UNAVAILABLE"), false);
                return;
            }
            if (mode == Mode.IN_PROGRESS && ex.getRequestMethod().equals("POST")) {
                respond(ex, 409, problem(409, "REQUEST_IN_PROGRESS"), false);
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            if (ex.getRequestMethod().equals("GET") && path.startsWith("/internal/transfers/by-reference/")) {
                String reference = URLDecoder.decode(
                        path.substring("/internal/transfers/by-reference/".length()), StandardCharsets.UTF_8);
                Map<String, Object> found;
                synchronized (this) {
                    found = byReference.get(reference);
                }
                if (found == null) {
                    respond(ex, 404, problem(404, "NOT_FOUND"), false);
                } else {
                    respond(ex, 200, json.writeValueAsString(found), false);
                }
                return;
            }
            if (!ex.getRequestMethod().equals("POST") || !path.equals("/internal/transfers")) {
                respond(ex, 404, problem(404, "NOT_FOUND"), false);
                return;
            }
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
            Runnable hook = onTransfer;
            if (hook != null) {
                hook.run();
            }
            if (delayMillis > 0) {
                sleep(delayMillis); // outside the lock: concurrent calls wait side by side, as on a real slow wallet
            }
            int status;
            String answer;
            boolean replayed = false;
            synchronized (this) {
                Map<String, String> call = new LinkedHashMap<>();
                call.put("Idempotency-Key", key);
                call.put("X-Service-Name", ex.getRequestHeaders().getFirst("X-Service-Name"));
                call.put("body", body);
                calls.add(call);
                if (key == null || key.isBlank()) {
                    respond(ex, 400, problem(400, "IDEMPOTENCY_KEY_REQUIRED"), false);
                    return;
                }
                Stored stored = byKey.get(key);
                if (stored != null) {
                    if (!stored.bodyHash().equals(body)) {
                        respond(ex, 422, problem(422, "IDEMPOTENCY_KEY_REUSED"), false);
                    } else {
                        respond(ex, stored.status(), stored.body(), true);
                    }
                    return;
                }
                JsonNode req = json.readTree(body);
                UUID from = uuid(req.path("fromUserId").asString(null));
                UUID to = uuid(req.path("toUserId").asString(null));
                long amount = req.path("amount").asLong(0);
                String currency = req.path("currency").asString("COIN");
                String type = req.path("type").asString(null);
                String reference = req.path("reference").asString(null);
                if (from == null
                        || to == null
                        || from.equals(to)
                        || amount <= 0
                        || amount > 1_000_000_000_000L
                        || reference == null
                        || reference.isEmpty()
                        || reference.length() > 200
                        || !Set.of("PAYMENT", "REFUND", "GIFT", "TRANSFER").contains(type)) {
                    respond(ex, 400, problem(400, "VALIDATION_FAILED"), false);
                    return;
                }
                Map<String, Object> existing = byReference.get(reference);
                if (existing != null) {
                    boolean same = existing.get("fromUserId").equals(from.toString())
                            && existing.get("toUserId").equals(to.toString())
                            && existing.get("amount").equals(amount)
                            && existing.get("currency").equals(currency)
                            && existing.get("type").equals(type);
                    status = same ? 201 : 409;
                    answer = same ? json.writeValueAsString(existing) : problem(409, "REFERENCE_CONFLICT");
                    replayed = same;
                } else if (balances.getOrDefault(from, 0L) < amount) {
                    status = 422;
                    answer = problem(422, "INSUFFICIENT_FUNDS");
                } else {
                    balances.merge(from, -amount, Long::sum);
                    balances.merge(to, amount, Long::sum);
                    Map<String, Object> transfer = new LinkedHashMap<>();
                    transfer.put("id", UUID.randomUUID().toString());
                    transfer.put("reference", reference);
                    transfer.put("fromUserId", from.toString());
                    transfer.put("toUserId", to.toString());
                    transfer.put("amount", amount);
                    transfer.put("fee", 0L);
                    transfer.put("currency", currency);
                    transfer.put("type", type);
                    transfer.put("status", "COMPLETED");
                    transfer.put("createdAt", Instant.now().toString());
                    byReference.put(reference, transfer);
                    status = 201;
                    answer = json.writeValueAsString(transfer);
                }
                byKey.put(key, new Stored(body, status, answer));
            }
            if (mode == Mode.CRASH_AFTER_COMMIT) {
                // committed, but the caller never hears back: it times out, then the connection drops
                sleep(2500);
                ex.close();
                return;
            }
            respond(ex, status, answer, replayed);
        } catch (RuntimeException e) {
            respond(ex, 500, problem(500, "INTERNAL_ERROR"), false);
        }
    }

    private String problem(int status, String code) {
        return json.writeValueAsString(Map.of("status", status, "code", code, "detail", code));
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange ex, int status, String body, boolean replayed) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        if (replayed) {
            ex.getResponseHeaders().set("Idempotent-Replayed", "true");
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
