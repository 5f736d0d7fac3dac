package com.sociallive.streaming;

import com.sociallive.platform.test.TestAuthServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Full context on a real PostgreSQL, with the test auth server and a fake wallet; HTTP and user helpers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class StreamingTestSupport {

    private static final AtomicInteger USERS = new AtomicInteger();
    protected static final HttpClient HTTP = HttpClient.newHttpClient();
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void wallet(DynamicPropertyRegistry registry) {
        registry.add("sociallive.services.wallet", () -> FakeWallet.get().url());
    }

    public record TestUser(UUID id, String username, String token) {}

    protected static TestUser user(String prefix, String... roles) {
        UUID id = UUID.randomUUID();
        String username = prefix + "_" + USERS.incrementAndGet();
        TestAuthServer.get().registerUser(id, username, "The " + prefix);
        return new TestUser(id, username, TestAuthServer.get().userToken(id, username, roles));
    }

    protected HttpResponse<String> post(String path, TestUser user, String body) throws Exception {
        return post(path, user, body, null);
    }

    protected HttpResponse<String> post(String path, TestUser user, String body, String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Bearer " + user.token());
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> postRaw(String path, String contentType, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> get(String path, TestUser user) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", "Bearer " + user.token())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Starts a LIVE stream of {@code host} and returns its JSON (with streamKey). */
    protected JsonNode startStream(TestUser host, String title, String category) throws Exception {
        String body = category == null
                ? "{\"title\":\"" + title + "\"}"
                : "{\"title\":\"" + title + "\",\"category\":\"" + category + "\"}";
        HttpResponse<String> response = post("/start", host, body);
        if (response.statusCode() != 201) {
            throw new AssertionError("start failed: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
