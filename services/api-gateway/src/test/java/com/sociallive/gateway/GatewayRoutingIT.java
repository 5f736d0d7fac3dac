package com.sociallive.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway against a stand-in service (MockWebServer) and a port where nothing listens. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingIT {

    static final MockWebServer social = new MockWebServer();
    static final int deadPort = freePort();

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws IOException {
        social.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = "/health".equals(request.getTarget()) ? "{\"status\":\"UP\"}" : "{\"items\":[]}";
                return new MockResponse.Builder()
                        .setHeader("Content-Type", "application/json")
                        .body(body)
                        .build();
            }
        });
        social.start();
        String dead = "http://127.0.0.1:" + deadPort;
        registry.add("sociallive.gateway.services.auth", () -> dead);
        registry.add("sociallive.gateway.services.social", () -> social.url("/").toString());
        registry.add("sociallive.gateway.services.wallet", () -> dead);
        registry.add("sociallive.gateway.services.streaming", () -> dead);
        registry.add("sociallive.gateway.services.commerce", () -> dead);
    }

    @AfterAll
    static void stop() throws IOException {
        social.close();
    }

    @Test
    void shouldStripPrefixAndForwardRequestIdAndTrace() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/social/posts?limit=5"))
                .header("X-Request-Id", "abc-123")
                .build());

        RecordedRequest forwarded = social.takeRequest();
        while (!forwarded.getTarget().startsWith("/posts")) {
            forwarded = social.takeRequest(); // skip health checks made by other tests
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"items\":[]}");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("abc-123");
        assertThat(forwarded.getTarget()).isEqualTo("/posts?limit=5");
        assertThat(forwarded.getHeaders().get("X-Request-Id")).isEqualTo("abc-123");
        assertThat(forwarded.getHeaders().get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void shouldHideInternalPaths() throws Exception {
        int before = social.getRequestCount();
        for (String path : new String[] {"/social/internal/x", "/social//internal", "/social/%69nternal/x"}) {
            assertProblem(send(HttpRequest.newBuilder(uri(path)).build()), 404, "NOT_FOUND");
        }
        assertThat(social.getRequestCount()).isEqualTo(before);
    }

    @Test
    void shouldAnswerUnknownPrefixWithProblem() throws Exception {
        assertProblem(send(HttpRequest.newBuilder(uri("/nope/things")).build()), 404, "NOT_FOUND");
    }

    @Test
    void shouldAnswer503QuicklyWhenServiceIsDown() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri("/wallet/balance")).build());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertProblem(response, 503, "SERVICE_UNAVAILABLE");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void shouldReportDegradedHealthWhenSomeServicesAreDown() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri("/health")).build());
        JsonNode body = json.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.path("status").asString()).isEqualTo("DEGRADED");
        assertThat(body.path("services").path("social").asString()).isEqualTo("UP");
        assertThat(body.path("services").path("wallet").asString()).isEqualTo("DOWN");
        assertThat(body.path("services").size()).isEqualTo(5);
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("traceId").asString()).hasSize(32);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
