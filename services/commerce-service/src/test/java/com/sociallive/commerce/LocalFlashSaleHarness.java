package com.sociallive.commerce;

import com.sociallive.platform.test.TestAuthServer;
import com.sociallive.platform.test.TestDatabase;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a test: runs the commerce service alone for a local {@code bench/commerce/FlashSale.java} run without the rest
 * of the system. Embedded PostgreSQL, the test auth server (JWKS) and {@link FakeWallet} stand in for the others; a
 * small front on {@code frontPort} answers {@code POST /auth/register}, {@code POST /wallet/deposit},
 * {@code GET /wallet/balance} and {@code GET /wallet/transactions} (one page) itself and relays {@code /commerce/**}
 * to the service (no edge checks, no rate limits: it is not the gateway). Loopback only.
 *
 * <pre>
 * java -cp "target/classes:target/test-classes:$(cat target/cp.txt)" com.sociallive.commerce.LocalFlashSaleHarness 3915 3916
 * java bench/commerce/FlashSale.java --gateway http://127.0.0.1:3915
 * </pre>
 */
public final class LocalFlashSaleHarness {

    private static final Pattern USERNAME = Pattern.compile("\"username\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern AMOUNT = Pattern.compile("\"amount\"\\s*:\\s*(\\d+)");
    private static final List<String> RELAYED =
            List.of("Content-Type", "Location", "Idempotent-Replayed", "Retry-After");

    private LocalFlashSaleHarness() {}

    public static void main(String[] args) throws Exception {
        int frontPort = Integer.parseInt(args[0]);
        int commercePort = Integer.parseInt(args[1]);
        TestAuthServer auth = TestAuthServer.get();
        FakeWallet wallet = FakeWallet.get();
        TestDatabase database = TestDatabase.get();
        new SpringApplicationBuilder(CommerceServiceApplication.class)
                .run(
                        "--server.port=" + commercePort,
                        "--server.address=127.0.0.1",
                        "--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + database.username(),
                        "--sociallive.services.auth=" + auth.url(),
                        "--sociallive.services.wallet=" + wallet.url(),
                        "--sociallive.security.issuer=" + TestAuthServer.ISSUER,
                        "--logging.level.root=WARN");

        Map<String, UUID> users = new ConcurrentHashMap<>();
        JsonMapper json = JsonMapper.builder().build();
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        HttpServer front = HttpServer.create(new InetSocketAddress("127.0.0.1", frontPort), 1024);
        front.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        front.createContext("/auth/register", ex -> {
            String body = read(ex);
            Matcher name = USERNAME.matcher(body);
            String username = name.find() ? name.group(1) : "user_" + UUID.randomUUID();
            UUID id = UUID.randomUUID();
            auth.registerUser(id, username, username);
            String token = auth.userToken(id, username, UUID.randomUUID().toString(), Duration.ofHours(2));
            users.put(token, id);
            respond(
                    ex,
                    201,
                    "{\"user\":{\"id\":\"" + id + "\",\"username\":\"" + username + "\"},\"accessToken\":\"" + token
                            + "\",\"tokenType\":\"Bearer\"}");
        });
        front.createContext("/wallet/", ex -> {
            UUID user = users.get(bearer(ex));
            if (user == null) {
                respond(ex, 401, "{\"code\":\"UNAUTHENTICATED\"}");
            } else if (ex.getRequestURI().getPath().equals("/wallet/deposit")) {
                Matcher amount = AMOUNT.matcher(read(ex));
                wallet.deposit(user, amount.find() ? Long.parseLong(amount.group(1)) : 0);
                respond(ex, 201, "{\"type\":\"DEPOSIT\",\"balanceAfter\":" + wallet.balance(user) + "}");
            } else if (ex.getRequestURI().getPath().equals("/wallet/transactions")) {
                String type = query(ex, "type");
                List<Map<String, Object>> lines = wallet.transactionsOf(user).stream()
                        .filter(t -> type == null || type.equals(t.get("type")))
                        .toList();
                respond(ex, 200, json.writeValueAsString(Map.of("items", lines)));
            } else {
                respond(
                        ex,
                        200,
                        "{\"userId\":\"" + user + "\",\"currency\":\"COIN\",\"available\":" + wallet.balance(user)
                                + ",\"held\":0}");
            }
        });
        front.createContext("/commerce/", ex -> {
            try {
                String target = "http://127.0.0.1:" + commercePort
                        + ex.getRequestURI().getRawPath().substring("/commerce".length())
                        + (ex.getRequestURI().getRawQuery() == null
                                ? ""
                                : "?" + ex.getRequestURI().getRawQuery());
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                        .method(
                                ex.getRequestMethod(),
                                HttpRequest.BodyPublishers.ofByteArray(
                                        ex.getRequestBody().readAllBytes()));
                for (String header : List.of("Authorization", "Idempotency-Key", "Content-Type", "X-Request-Id")) {
                    String value = ex.getRequestHeaders().getFirst(header);
                    if (value != null) {
                        request.header(header, value);
                    }
                }
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                for (String header : RELAYED) {
                    response.headers()
                            .firstValue(header)
                            .ifPresent(v -> ex.getResponseHeaders().set(header, v));
                }
                byte[] body = response.body();
                ex.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
                try (var out = ex.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                respond(ex, 503, "{\"code\":\"SERVICE_UNAVAILABLE\"}");
            }
        });
        front.start();
        System.out.println("front on http://127.0.0.1:" + frontPort + ", commerce on http://127.0.0.1:" + commercePort);
    }

    private static String query(HttpExchange ex, String name) {
        String query = ex.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    private static String bearer(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        return header == null || !header.startsWith("Bearer ") ? "" : header.substring(7);
    }

    private static String read(HttpExchange ex) throws IOException {
        return new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
