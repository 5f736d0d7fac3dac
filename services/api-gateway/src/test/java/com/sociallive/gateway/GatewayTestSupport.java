package com.sociallive.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One gateway context shared by the tests that extend this: a stand-in auth service, stand-in social and streaming
 * services, and nothing listening behind wallet and commerce.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayTestSupport {

    static final StandInAuth auth;
    static final StandInService social;
    static final WebSocketStandIn streaming;
    static final StandInService commerceA;
    static final StandInService commerceB;
    /** Test-only routes: {@code /lab} to watch a circuit breaker, {@code /slow} to watch a time limit. */
    static final StandInService lab;

    static final StandInService slow;
    static final int deadPort = freePort();

    static {
        try {
            auth = new StandInAuth();
            social = new StandInService("social");
            streaming = new WebSocketStandIn();
            commerceA = new StandInService("commerce-a");
            commerceB = new StandInService("commerce-b");
            lab = new StandInService("lab");
            slow = new StandInService("slow");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String dead = "http://127.0.0.1:" + deadPort;
        registry.add("sociallive.gateway.services.auth", auth::url);
        registry.add("sociallive.gateway.services.social", social::url);
        registry.add("sociallive.gateway.services.wallet", () -> dead);
        registry.add("sociallive.gateway.services.streaming", streaming::url);
        registry.add("sociallive.gateway.services.commerce", () -> commerceA.url() + "," + commerceB.url());
        registry.add("sociallive.gateway.services.lab", lab::url);
        registry.add("sociallive.gateway.services.slow", slow::url);
        registry.add("sociallive.gateway.upstream.timeouts.slow", () -> "1s");
        registry.add("sociallive.gateway.cors.allowed-origins", () -> "https://app.example.com");
        registry.add("sociallive.gateway.upstream.health-interval", () -> "1s");
        registry.add("sociallive.gateway.upstream.breaker.window", () -> "20");
        registry.add("sociallive.gateway.upstream.breaker.minimum-calls", () -> "20");
        registry.add("sociallive.gateway.upstream.breaker.open-for", () -> "2s");
        registry.add("sociallive.gateway.upstream.breaker.half-open-calls", () -> "1");
        registry.add("sociallive.gateway.security.revocation-poll-interval", () -> "500ms");
        registry.add("sociallive.gateway.security.jwks-refetch-cooldown", () -> "1s");
        // each test may claim its own client IP with X-Forwarded-For, so that per-IP buckets do not interfere
        registry.add("server.forward-headers-strategy", () -> "native");
        // a list given here replaces the one of application.yaml as a whole
        rateLimitRule(registry, 0, "login", "/auth/login", "3", "3");
        rateLimitRule(registry, 1, "limited", "/social/limited/**", "3", "1");
        registry.add("sociallive.gateway.rate-limit.anonymous.capacity", () -> "30");
        registry.add("sociallive.gateway.rate-limit.anonymous.tokens", () -> "30");
        registry.add("sociallive.gateway.rate-limit.anonymous.period", () -> "1m");
    }

    private static void rateLimitRule(
            DynamicPropertyRegistry registry, int index, String name, String path, String capacity, String tokens) {
        String prefix = "sociallive.gateway.rate-limit.routes[" + index + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "path", () -> path);
        registry.add(prefix + "limit.capacity", () -> capacity);
        registry.add(prefix + "limit.tokens", () -> tokens);
        registry.add(prefix + "limit.period", () -> "1m");
    }

    String userToken() {
        return auth.userToken(UUID.randomUUID());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        // no test request may hang the build: a missing answer fails the test instead
        HttpRequest bounded = HttpRequest.newBuilder(request, (name, value) -> true)
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            return http.send(bounded, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            // Known, unexplained: in about one full run of this module in four, one request on a reused
            // connection gets no answer (never seen with the real services in system-tests). One retry on a fresh
            // connection; a second silence fails the test.
            System.err.println("RETRY after a request without answer: " + request.method() + " " + request.uri());
            try (HttpClient fresh =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                return fresh.send(bounded, HttpResponse.BodyHandlers.ofString());
            }
        }
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("traceId").asString()).hasSize(32);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
