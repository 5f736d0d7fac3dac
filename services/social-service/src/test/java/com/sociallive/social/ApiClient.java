package com.sociallive.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.platform.test.TestAuthServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the service over HTTP as a given user, the way a client does. */
final class ApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        JsonNode items() {
            return body.path("items");
        }

        String nextCursor() {
            JsonNode next = body.path("nextCursor");
            return next.isNull() || next.isMissingNode() ? null : next.asString();
        }

        Answer expect(int expected) {
            assertThat(status).as(raw.body()).isEqualTo(expected);
            return this;
        }

        Answer expectProblem(int expected, String code) {
            expect(expected);
            assertThat(raw.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(body.path("code").asString()).isEqualTo(code);
            assertThat(raw.body()).doesNotContain("Exception");
            return this;
        }
    }

    /** A user known to the (stand-in) auth service, with a token. */
    record User(UUID id, String username, String token) {
        static User register(String prefix) {
            UUID id = UUID.randomUUID();
            String username = prefix + "_" + id.toString().substring(0, 8);
            TestAuthServer.get().registerUser(id, username, "Display " + username);
            return new User(id, username, TestAuthServer.get().userToken(id, username));
        }

        static User admin(String prefix) {
            UUID id = UUID.randomUUID();
            String username = prefix + "_" + id.toString().substring(0, 8);
            TestAuthServer.get().registerUser(id, username, "Admin " + username);
            return new User(id, username, TestAuthServer.get().userToken(id, username, "USER", "ADMIN"));
        }
    }

    private final int port;

    ApiClient(int port) {
        this.port = port;
    }

    Answer get(User as, String path) {
        return send(as, "GET", path, null);
    }

    Answer post(User as, String path, String json) {
        return send(as, "POST", path, json);
    }

    Answer patch(User as, String path, String json) {
        return send(as, "PATCH", path, json);
    }

    Answer delete(User as, String path) {
        return send(as, "DELETE", path, null);
    }

    Answer send(User as, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (as != null) {
            request.header("Authorization", "Bearer " + as.token());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body, response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a post and returns its id. */
    String publish(User as, String content) {
        return post(as, "/posts", "{\"content\":" + quote(content) + "}")
                .expect(201)
                .body()
                .path("id")
                .asString();
    }

    static String quote(String text) {
        return JSON.writeValueAsString(text);
    }
}
