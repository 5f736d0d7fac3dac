package com.sociallive.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a running auth service over real HTTP. Each call comes from its own random client address (X-Forwarded-For)
 * unless a test fixes one, so that the per-IP limit only bites where a test means it to.
 */
final class AuthClient {

    static final String PASSWORD = "correct horse battery";

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();
    private final int port;

    AuthClient(int port) {
        this.port = port;
    }

    /** A registered account and its first token pair. */
    record Account(String id, String username, String email, String accessToken, String refreshToken) {}

    static String uniqueName(String prefix) {
        return (prefix + "_" + UUID.randomUUID().toString().replace("-", "")).substring(0, 30);
    }

    Account register(String prefix) throws Exception {
        String username = uniqueName(prefix);
        HttpResponse<String> response = post(
                "/register",
                Map.of("username", username, "email", username + "@example.com", "password", PASSWORD),
                null);
        if (response.statusCode() != 201) {
            throw new AssertionError("register: " + response.statusCode() + " " + response.body());
        }
        return account(response);
    }

    Account login(String login, String password) throws Exception {
        HttpResponse<String> response = post("/login", Map.of("login", login, "password", password), null);
        if (response.statusCode() != 200) {
            throw new AssertionError("login: " + response.statusCode() + " " + response.body());
        }
        return account(response);
    }

    Account account(HttpResponse<String> response) {
        JsonNode body = json.readTree(response.body());
        return new Account(
                body.path("user").path("id").asString(),
                body.path("user").path("username").asString(),
                body.path("user").path("email").asString(),
                body.path("accessToken").asString(),
                body.path("refreshToken").asString());
    }

    HttpResponse<String> post(String path, Object body, String bearer) throws Exception {
        return send(request(path, bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build());
    }

    HttpResponse<String> postRaw(String path, String body, String clientIp) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("X-Forwarded-For", clientIp)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> get(String path, String bearer) throws Exception {
        return send(request(path, bearer).GET().build());
    }

    HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).header("X-Forwarded-For", randomIp());
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    static String randomIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
}
