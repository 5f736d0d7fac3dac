package com.sociallive.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Body limit, CORS, Prometheus and the one Swagger UI (issue 8, items 4 and 5). */
class EdgeHygieneIT extends GatewayTestSupport {

    static final int MIB = 1024 * 1024;

    @Test
    void bodiesOverOneMebibyteAre413WhetherDeclaredOrChunked() throws Exception {
        String marker = "/posts/" + UUID.randomUUID();
        HttpResponse<String> declared = send(post(marker, HttpRequest.BodyPublishers.ofByteArray(new byte[2 * MIB])));
        assertProblem(declared, 413, "PAYLOAD_TOO_LARGE");

        HttpResponse<String> chunked = send(post(
                marker, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[2 * MIB]))));
        assertProblem(chunked, 413, "PAYLOAD_TOO_LARGE");
        assertThat(social.count(marker))
                .as("the service never saw a whole oversized body")
                .isZero();

        String small = "/posts/" + UUID.randomUUID();
        HttpResponse<String> fits = send(post(
                small, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[MIB - 1024]))));
        assertThat(fits.statusCode()).isEqualTo(200);
        assertThat(social.count(small)).isEqualTo(1);
    }

    @Test
    void corsAllowsTheConfiguredOriginsOnly() throws Exception {
        HttpResponse<String> allowed = send(preflight("https://app.example.com"));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(allowed.headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElse("")
                        .toLowerCase())
                .contains("authorization");

        HttpResponse<String> other = send(preflight("https://evil.example.org"));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void prometheusShowsRequestsAndBreakerStates() throws Exception {
        get("/social/posts", userToken());
        HttpResponse<String> metrics = get("/actuator/prometheus", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("http_server_requests_seconds")
                .contains("uri=\"/social/**\"")
                .contains(
                        "resilience4j_circuitbreaker_state{application=\"api-gateway\",group=\"social\",name=\"social\",state=\"closed\"} 1.0")
                .doesNotContain("spring_cloud_gateway_requests_seconds");
    }

    @Test
    void swaggerUiListsEveryServiceAndTheirDocsArePublic() throws Exception {
        HttpResponse<String> config = get("/v3/api-docs/swagger-config", null);
        assertThat(config.statusCode()).isEqualTo(200);
        for (String service : new String[] {"auth", "social", "wallet", "streaming", "commerce"}) {
            assertThat(config.body()).contains("/" + service + "/v3/api-docs");
        }
        assertThat(get("/swagger-ui.html", null).statusCode()).isIn(200, 302);
        assertThat(get("/social/v3/api-docs", null).statusCode()).isEqualTo(200);
        assertThat(social.count("/v3/api-docs")).isPositive();
    }

    private HttpRequest post(String path, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(uri("/social" + path))
                .POST(body)
                .header("Authorization", "Bearer " + userToken())
                .header("Content-Type", "application/octet-stream")
                .build();
    }

    private HttpRequest preflight(String origin) {
        return HttpRequest.newBuilder(uri("/social/posts"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .build();
    }
}
