package com.sociallive.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Circuit breakers, time limits and instance balancing (issue 8, items 2 and 3). */
class UpstreamResilienceIT extends GatewayTestSupport {

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void slowServiceGets504AfterItsTimeLimit() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = get("/slow/slow", userToken());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertProblem(response, 504, "UPSTREAM_TIMEOUT");
        assertThat(took)
                .as("the 1 s limit of the route, not the 5 s of the service")
                .isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void deadServiceOpensTheBreakerAnswers503FastAndRecoversByItself() throws Exception {
        String token = userToken();
        assertThat(get("/lab/things", token).statusCode()).isEqualTo(200);

        lab.kill();
        try {
            // a breaker window of 20 calls in the test context: a short outage elsewhere does not open a breaker
            for (int i = 0; i < 22; i++) {
                assertProblem(get("/lab/things", token), 503, "SERVICE_UNAVAILABLE");
            }
            assertThat(breakers.circuitBreaker("lab").getState()).isEqualTo(CircuitBreaker.State.OPEN);
            long start = System.nanoTime();
            HttpResponse<String> open = get("/lab/things", token);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertProblem(open, 503, "SERVICE_UNAVAILABLE");
            assertThat(open.headers().firstValue("Retry-After"))
                    .as("a client knows to retry")
                    .hasValue("1");
            assertThat(took).isLessThan(Duration.ofSeconds(1));
        } finally {
            lab.restart();
        }

        Instant deadline = Instant.now().plusSeconds(10);
        int status = 0;
        while (status != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            status = get("/lab/things", token).statusCode();
        }
        assertThat(status).as("back without a restart of the gateway").isEqualTo(200);
        assertThat(get("/lab/things", token).statusCode()).isEqualTo(200);
    }

    @Test
    void serviceErrorsPassThroughUnchanged() throws Exception {
        assertThat(get("/social/health", null).statusCode()).isEqualTo(200);
        social.healthy.set(false);
        try {
            HttpResponse<String> response = get("/social/health", null);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("DOWN");
        } finally {
            social.healthy.set(true);
        }
    }

    @Test
    void requestsAreBalancedRoundRobinAndADeadInstanceIsSkipped() throws Exception {
        String token = userToken();
        long beforeA = commerceA.count("/products");
        long beforeB = commerceB.count("/products");
        for (int i = 0; i < 10; i++) {
            assertThat(get("/commerce/products", token).statusCode()).isEqualTo(200);
        }
        assertThat(commerceA.count("/products") - beforeA).isEqualTo(5);
        assertThat(commerceB.count("/products") - beforeB).isEqualTo(5);

        List<Integer> getStatuses = Collections.synchronizedList(new ArrayList<>());
        List<HttpResponse<String>> postAnswers = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int w = 0; w < 4; w++) {
                workers.add(load.submit(() -> {
                    while (sent.incrementAndGet() <= 200) {
                        if (sent.get() % 2 == 0) {
                            getStatuses.add(get("/commerce/products", token).statusCode());
                        } else {
                            postAnswers.add(send(HttpRequest.newBuilder(uri("/commerce/orders"))
                                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .build()));
                        }
                    }
                    return null;
                }));
            }
            while (sent.get() < 60) {
                Thread.sleep(5);
            }
            commerceB.kill();
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            load.shutdownNow();
        }

        assertThat(getStatuses).as("reads are retried on the other instance").containsOnly(200);
        for (HttpResponse<String> answer : postAnswers) {
            if (answer.statusCode() != 200) {
                assertProblem(answer, 503, "SERVICE_UNAVAILABLE");
            }
        }
        long onA = commerceA.count("/");
        for (int i = 0; i < 10; i++) {
            assertThat(send(HttpRequest.newBuilder(uri("/commerce/orders"))
                                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                    .header("Authorization", "Bearer " + token)
                                    .build())
                            .statusCode())
                    .as("the dead instance is out of rotation")
                    .isEqualTo(200);
        }
        assertThat(commerceA.count("/") - onA).isEqualTo(10);

        commerceB.restart();
        long onB = commerceB.count("/products");
        Instant deadline = Instant.now().plusSeconds(5);
        while (commerceB.count("/products") == onB && Instant.now().isBefore(deadline)) {
            get("/commerce/products", token);
            Thread.sleep(100);
        }
        assertThat(commerceB.count("/products"))
                .as("taken back within 5 s of being healthy")
                .isGreaterThan(onB);
    }
}
