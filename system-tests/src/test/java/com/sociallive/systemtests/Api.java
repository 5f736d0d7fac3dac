package com.sociallive.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the system tests: everything goes through the gateway unless a base URL is given. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final String base;

    Api(String base) {
        this.base = base;
    }

    static Api gateway() {
        return new Api(RunningSystem.get().gatewayUrl());
    }

    Answer get(String path, String token) {
        return send(request(path, token).GET());
    }

    Answer post(String path, String token, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        body instanceof String s ? s : JSON.writeValueAsString(body)));
        headers.forEach(request::header);
        return send(request);
    }

    Answer post(String path, String token, Object body) {
        return post(path, token, body, Map.of());
    }

    Answer send(String method, String path, String token, byte[] body) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Registers a fresh user and returns its access token and id. */
    User register(String prefix) {
        String username = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
        Answer answer = post(
                "/auth/register",
                null,
                Map.of("username", username, "email", username + "@example.com", "password", "correct-horse-42"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return new User(
                UUID.fromString(answer.json().path("user").path("id").asString()),
                username,
                answer.json().path("accessToken").asString());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            long start = System.nanoTime();
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record User(UUID id, String username, String token) {}

    record Answer(HttpResponse<String> response, Duration took) {

        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        JsonNode json() {
            return JSON.readTree(response.body());
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        /** Asserts the problem+json of API.md with the given status and code. */
        Answer isProblem(int status, String code) {
            assertThat(status()).as(body()).isEqualTo(status);
            assertThat(header("Content-Type")).startsWith("application/problem+json");
            JsonNode problem = json();
            assertThat(problem.path("code").asString()).isEqualTo(code);
            assertThat(problem.path("status").asInt()).isEqualTo(status);
            assertThat(problem.path("title").asString()).isNotBlank();
            assertThat(problem.path("type").asString()).startsWith("https://");
            assertThat(body()).doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(header("X-Request-Id")).isNotBlank();
            return this;
        }
    }
}
