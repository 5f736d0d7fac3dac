package com.sociallive.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every service owes its clients regardless of its business: health, OpenAPI, request ids and problem+json.
 * A service's {@code XServiceConventionsIT} extends this and so runs it against its own full context on a real
 * PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceConventionsContract {

    protected final HttpClient http = HttpClient.newHttpClient();
    protected final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    protected int port;

    @Test
    void shouldReportHealthUp() throws Exception {
        HttpResponse<String> response = get("/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void shouldPublishOpenApi() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("openapi").asString()).startsWith("3.");
    }

    @Test
    void shouldAnswerUnknownPathWithProblemJson() throws Exception {
        HttpResponse<String> response = get("/no/such/path", null);
        assertProblem(response, 404, "NOT_FOUND");
    }

    @Test
    void shouldAnswerWrongMethodWith405Problem() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/health"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody())
                .build());
        assertProblem(response, 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void shouldRefuseBodiesOverOneMebibyteWith413() throws Exception {
        byte[] body = new byte[1024 * 1024 + 1];
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/no/such/path"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
        assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void shouldEchoRequestIdOrGenerateOne() throws Exception {
        assertThat(get("/health", "client-id-42").headers().firstValue("X-Request-Id"))
                .hasValue("client-id-42");
        assertThat(get("/health", null).headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).hasSizeGreaterThan(8));
        assertThat(get("/health", "bad id <script>").headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).doesNotContain("bad"));
    }

    /** Asserts the problem+json shape of API.md and returns the parsed body for further checks. */
    protected JsonNode assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("type").asString()).startsWith("https://");
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("traceId").asString()).hasSize(32);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return problem;
    }

    protected HttpResponse<String> get(String path, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return send(request.build());
    }

    protected HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
