package com.sociallive.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/** The walking skeleton through the gateway: routing, health aggregation, hidden internals, problem+json. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewaySystemIT {

    static Api api;

    @BeforeAll
    static void system() {
        api = Api.gateway();
    }

    @Test
    @Order(1)
    void shouldReachEveryServiceThroughItsPrefix() {
        for (String prefix : new String[] {"auth", "social", "wallet", "streaming", "commerce"}) {
            Api.Answer docs = api.get("/" + prefix + "/v3/api-docs", null);
            assertThat(docs.status()).as(prefix + ": " + docs.body()).isEqualTo(200);
            assertThat(docs.json().path("info").path("title").asString().toLowerCase())
                    .as("the OpenAPI document of the %s service", prefix)
                    .contains(prefix);
            Api.Answer health = api.get("/" + prefix + "/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asString()).isEqualTo("UP");
        }
    }

    @Test
    @Order(2)
    void shouldAggregateHealthOfAllServices() {
        Api.Answer health = api.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        JsonNode body = health.json();
        assertThat(body.path("status").asString()).isEqualTo("UP");
        for (String name : new String[] {"auth", "social", "wallet", "streaming", "commerce"}) {
            assertThat(body.path("services").path(name).asString()).as(name).isEqualTo("UP");
        }
    }

    @Test
    @Order(3)
    void shouldHideInternalEndpoints() {
        api.get("/wallet/internal/transfers/by-reference/x", null).isProblem(404, "NOT_FOUND");
        api.get("/auth/internal/sessions/revoked", null).isProblem(404, "NOT_FOUND");
    }

    @Test
    @Order(4)
    void shouldAnswerErrorsAsProblemJson() {
        api.post("/auth/login", null, "{\"login\": ").isProblem(400, "MALFORMED_REQUEST");
        api.post("/auth/login", null, "{\"login\": \"x\"}").isProblem(400, "VALIDATION_FAILED");
        api.send("POST", "/auth/login", null, new byte[2 * 1024 * 1024]).isProblem(413, "PAYLOAD_TOO_LARGE");
        Api.User user = api.register("skeleton");
        api.get("/no-such-service/anything", user.token()).isProblem(404, "NOT_FOUND");
        api.get("/social/no/such/path", user.token()).isProblem(404, "NOT_FOUND");
        api.send("DELETE", "/auth/health", user.token(), new byte[0]).isProblem(405, "METHOD_NOT_ALLOWED");
        api.get("/social/posts", null).isProblem(401, "UNAUTHENTICATED");
    }

    @Test
    @Order(5)
    void shouldEchoRequestId() {
        Api.Answer answer = api.post("/auth/login", null, "{}", Map.of("X-Request-Id", "system-test-1"));
        assertThat(answer.header("X-Request-Id")).isEqualTo("system-test-1");
    }

    @Test
    @Order(100)
    void shouldDegradeAndAnswer503WhenAServiceIsDown() {
        RunningSystem system = RunningSystem.get();
        system.stop("commerce-service");
        try {
            Api.Answer health = api.get("/health", null);
            assertThat(health.json().path("status").asString()).isEqualTo("DEGRADED");
            assertThat(health.json().path("services").path("commerce").asString())
                    .isEqualTo("DOWN");
            assertThat(health.json().path("services").path("wallet").asString()).isEqualTo("UP");

            Api.Answer down = api.get("/commerce/health", null).isProblem(503, "SERVICE_UNAVAILABLE");
            assertThat(down.took()).isLessThan(Duration.ofSeconds(2));
        } finally {
            system.restart("commerce-service");
        }
        assertThat(api.get("/health", null).json().path("status").asString()).isEqualTo("UP");
    }
}
