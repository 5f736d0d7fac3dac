package com.sociallive.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Routing, problem answers and health of the gateway against stand-in services and a port where nothing listens. */
class GatewayRoutingIT extends GatewayTestSupport {

    @Test
    void shouldStripPrefixAndForwardRequestIdAndTrace() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/social/posts?limit=5"))
                .header("X-Request-Id", "abc-123")
                .header("Authorization", "Bearer " + userToken())
                .build());

        StandInService.Seen forwarded = social.last("/posts?limit=5");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"service\":\"social\"");
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("abc-123");
        assertThat(forwarded).isNotNull();
        assertThat(forwarded.header("X-Request-Id")).isEqualTo("abc-123");
        // a new trace; not sampled (flags 00) while no OTLP endpoint is set (GatewayTracingIT: a caller's trace)
        assertThat(forwarded.header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void shouldHideInternalPathsAndTheTokenEndpoint() throws Exception {
        long before = social.received.size();
        for (String path : new String[] {"/social/internal/x", "/social//internal", "/social/%69nternal/x"}) {
            assertProblem(get(path, userToken()), 404, "NOT_FOUND");
        }
        assertThat(social.received.size()).isEqualTo(before);
        HttpResponse<String> token = send(HttpRequest.newBuilder(uri("/auth/oauth/token"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=api-gateway&client_secret=dev-secret-api-gateway"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .build());
        assertProblem(token, 404, "NOT_FOUND");
        assertProblem(get("/auth//oauth/token", null), 404, "NOT_FOUND");
    }

    @Test
    void shouldAnswerUnknownPrefixWithProblem() throws Exception {
        assertProblem(get("/nope/things", userToken()), 404, "NOT_FOUND");
    }

    @Test
    void shouldAnswer503QuicklyWhenServiceIsDown() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = get("/wallet/balance", userToken());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertProblem(response, 503, "SERVICE_UNAVAILABLE");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void shouldReportDegradedHealthWhenSomeServicesAreDown() throws Exception {
        HttpResponse<String> response = get("/health", null);
        JsonNode body = json.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.path("status").asString()).isEqualTo("DEGRADED");
        assertThat(body.path("services").path("social").asString()).isEqualTo("UP");
        assertThat(body.path("services").path("auth").asString()).isEqualTo("UP");
        assertThat(body.path("services").path("wallet").asString()).isEqualTo("DOWN");
        assertThat(body.path("services").path("commerce").asString()).isEqualTo("UP");
        assertThat(body.path("services").has("streaming")).isTrue();
    }
}
