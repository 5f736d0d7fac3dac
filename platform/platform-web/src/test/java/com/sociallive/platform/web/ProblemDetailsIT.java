package com.sociallive.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.DomainException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The error model of API.md as a client meets it, on a real server with only platform-web. */
@SpringBootTest(classes = ProblemDetailsIT.TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProblemDetailsIT {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shouldAnswerBrokenJsonWithMalformedRequest() throws Exception {
        JsonNode problem = problem(post("{\"amount\": "), 400, "MALFORMED_REQUEST");
        assertThat(problem.path("instance").asString()).isEqualTo("/echo");
    }

    @Test
    void shouldListEveryInvalidFieldWithValidationFailed() throws Exception {
        JsonNode problem = problem(post("{\"amount\": -5, \"name\": \"\"}"), 400, "VALIDATION_FAILED");
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("amount", "name");
    }

    @Test
    void shouldRefuseNumbersThatAreNotJsonIntegers() throws Exception {
        for (String amount : new String[] {"1.5", "\"100\"", "true"}) {
            JsonNode problem = problem(post("{\"amount\": " + amount + ", \"name\": \"x\"}"), 400, "VALIDATION_FAILED");
            assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("amount");
        }
    }

    @Test
    void shouldIgnoreUnknownFields() throws Exception {
        HttpResponse<String> response = post("{\"amount\": 7, \"name\": \"x\", \"surprise\": true}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("amount").asLong()).isEqualTo(7);
    }

    @Test
    void shouldAnswerDomainErrorsWithTheirCodeAndHeaders() throws Exception {
        HttpResponse<String> response = get("/limited");
        problem(response, 429, "RATE_LIMITED");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
    }

    @Test
    void shouldHideInternalErrorsBehindAPlain500() throws Exception {
        HttpResponse<String> response = get("/boom");
        JsonNode problem = problem(response, 500, "INTERNAL_ERROR");
        assertThat(response.body()).doesNotContain("secret detail").doesNotContain("IllegalStateException");
        assertThat(problem.path("detail").asString()).isEqualTo("An unexpected error occurred");
    }

    @Test
    void shouldRefuseChunkedBodiesThatGrowPastTheLimit() throws Exception {
        byte[] big = ("{\"name\": \"" + "x".repeat(1024 * 1024 + 10) + "\", \"amount\": 1}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/echo"))
                .header("Content-Type", "application/json")
                // a body publisher of unknown length is sent chunked, without Content-Length
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> (InputStream) new ByteArrayInputStream(big)))
                .build();
        problem(http.send(request, HttpResponse.BodyHandlers.ofString()), 413, "PAYLOAD_TOO_LARGE");
    }

    private JsonNode problem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("traceId").asString()).hasSize(32);
        assertThat(response.body()).doesNotContain("\tat ");
        return problem;
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/echo"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootApplication
    static class TestApp {

        @RestController
        static class TestController {

            record Payload(
                    @NotNull @Positive Long amount,
                    @NotBlank String name) {}

            @PostMapping("/echo")
            Payload echo(@Valid @RequestBody Payload payload) {
                return payload;
            }

            @GetMapping("/limited")
            void limited() {
                throw new DomainException(CommonErrorCode.RATE_LIMITED, "slow down").withHeader("Retry-After", "7");
            }

            @GetMapping("/boom")
            void boom() {
                throw new IllegalStateException("secret detail");
            }
        }
    }
}
