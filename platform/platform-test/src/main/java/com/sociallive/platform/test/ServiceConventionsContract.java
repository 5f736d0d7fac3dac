package com.sociallive.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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

    @Autowired
    DataSource dataSource;

    @Test
    void shouldReportHealthUp() throws Exception {
        HttpResponse<String> response = get("/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("status").asString()).isEqualTo("UP");
    }

    /** A burst that takes every pool connection must not make the gateway's 1 s health check take the service out. */
    @Test
    void shouldStayHealthyAndPromptWhileEveryPoolConnectionIsTaken() throws Exception {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        List<Connection> taken = new ArrayList<>();
        try {
            while (taken.size() < pool.getMaximumPoolSize()) {
                taken.add(pool.getConnection());
            }
            long started = System.nanoTime();
            HttpResponse<String> response = get("/health", null);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(millis).isLessThan(1000);
        } finally {
            for (Connection connection : taken) {
                connection.close();
            }
        }
    }

    @Test
    void shouldPublishOpenApi() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("openapi").asString()).startsWith("3.");
    }

    @Test
    void shouldExposePrometheusMetrics() throws Exception {
        HttpResponse<String> response = get("/prometheus", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }

    @Test
    void shouldAnswerUnknownPathWithProblemJson() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/no/such/path"))
                .header("Authorization", "Bearer " + validUserToken())
                .build());
        assertProblem(response, 404, "NOT_FOUND");
    }

    @Test
    void shouldRefuseRequestsWithoutTokenWith401Problem() throws Exception {
        assertProblem(get("/no/such/path", null), 401, "UNAUTHENTICATED");
    }

    @Test
    void shouldRefuseUserTokenOnInternalPathsWith403Problem() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/internal/anything"))
                .header("Authorization", "Bearer " + validUserToken())
                .build());
        assertProblem(response, 403, "FORBIDDEN");
    }

    @Test
    void shouldRefuseForgedExpiredAndUnsignedTokens() throws Exception {
        TestAuthServer auth = TestAuthServer.get();
        java.util.UUID user = java.util.UUID.randomUUID();
        String valid = auth.userToken(user, "victim");
        String[] parts = valid.split("\\.");
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String tamperedPayload = b64.encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("\"USER\"", "\"ADMIN\"")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String algNone =
                b64.encodeToString("{\"alg\":\"none\",\"kid\":\"test-key-1\"}".getBytes()) + "." + parts[1] + ".";
        String hmac = b64.encodeToString("{\"alg\":\"HS256\",\"kid\":\"test-key-1\"}".getBytes()) + "." + parts[1] + "."
                + parts[2];
        for (String token : new String[] {
            auth.userTokenSignedByStranger(user, "victim"),
            auth.userToken(user, "victim", "s-" + user, java.time.Duration.ofMinutes(-5)),
            auth.userTokenFromIssuer(user, "https://evil.example"),
            parts[0] + "." + tamperedPayload + "." + parts[2],
            algNone,
            hmac,
            "not-a-jwt"
        }) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/no/such/path"))
                    .header("Authorization", "Bearer " + token)
                    .build());
            assertProblem(response, 401, "UNAUTHENTICATED");
        }
    }

    @Test
    void shouldRefuseTokensOfRevokedSessionWithinFiveSeconds() throws Exception {
        String session = java.util.UUID.randomUUID().toString();
        String token = tokenOfNewSession(session);
        HttpRequest request = HttpRequest.newBuilder(uri("/no/such/path"))
                .header("Authorization", "Bearer " + token)
                .build();
        assertThat(send(request).statusCode()).isEqualTo(404);
        revokeSession(session, token);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        int status = 404;
        while (status != 401 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = send(request).statusCode();
        }
        assertThat(status).as("revoked session refused within 5 s").isEqualTo(401);
    }

    /** An access token of a new session; the auth service, which makes its own sessions, overrides this. */
    protected String tokenOfNewSession(String sessionId) throws Exception {
        return TestAuthServer.get()
                .userToken(java.util.UUID.randomUUID(), "leaver", sessionId, java.time.Duration.ofMinutes(15));
    }

    /** Revokes the session of {@link #tokenOfNewSession}; the auth service does it through its own API. */
    protected void revokeSession(String sessionId, String token) throws Exception {
        TestAuthServer.get().revoke(sessionId);
    }

    /** A token this service accepts; the auth service, which signs its own, overrides this. */
    protected String validUserToken() throws Exception {
        return TestAuthServer.get().userToken(java.util.UUID.randomUUID(), "contract_user");
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
        // an unsafe id is replaced, not echoed (a generated UUID may contain "bad" by chance, so compare whole)
        assertThat(get("/health", "bad id <script>").headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(
                        id -> assertThat(id).isNotEqualTo("bad id <script>").doesNotContain("<", " "));
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
