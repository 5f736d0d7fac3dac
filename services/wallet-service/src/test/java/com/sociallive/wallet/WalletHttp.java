package com.sociallive.wallet;

import com.sociallive.platform.test.TestAuthServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the wallet's own port, as the gateway or another service would call it. */
public final class WalletHttp {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final int port;

    public WalletHttp(int port) {
        this.port = port;
    }

    public record User(UUID id, String username, String token) {}

    /** A user known to the stand-in auth service, with a token. */
    public static User newUser(String prefix) {
        UUID id = UUID.randomUUID();
        String name = prefix + "_" + id.toString().substring(0, 8);
        TestAuthServer.get().registerUser(id, name, name);
        return new User(id, name, TestAuthServer.get().userToken(id, name));
    }

    public static String adminToken() {
        UUID id = UUID.randomUUID();
        return TestAuthServer.get()
                .userToken(id, "admin_" + id.toString().substring(0, 8), "s-" + id, Duration.ofMinutes(15), "ADMIN");
    }

    public static String serviceToken(String service) {
        return TestAuthServer.get().serviceToken(service);
    }

    public HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
    }

    public HttpResponse<String> post(String path, String token, String idempotencyKey, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        body instanceof String s ? s : JSON.writeValueAsString(body)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    public HttpResponse<String> deposit(User user, long amount) {
        return post("/deposit", user.token(), UUID.randomUUID().toString(), java.util.Map.of("amount", amount));
    }

    public long balance(User user) {
        return json(get("/balance", user.token())).path("available").asLong();
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("request to " + request.uri() + " failed", e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
