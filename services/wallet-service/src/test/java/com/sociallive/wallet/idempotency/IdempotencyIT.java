package com.sociallive.wallet.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.wallet.WalletHttp;
import com.sociallive.wallet.WalletHttp.User;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdempotencyIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdempotentExecutor executor;

    @Autowired
    IdempotencyCleanup cleanup;

    @Test
    void shouldHaveExactlyOneEffectForIdenticalRequestsArrivingTogether() throws Exception {
        WalletHttp wallet = new WalletHttp(port);
        User user = WalletHttp.newUser("racer");
        int copies = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(copies)) {
            for (int i = 0; i < copies; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return wallet.post("/deposit", user.token(), "race-key", Map.of("amount", 250));
                }));
            }
            start.countDown();
            String firstBody = null;
            int created = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isIn(201, 409);
                if (response.statusCode() == 201) {
                    created++;
                    if (firstBody == null) {
                        firstBody = response.body();
                    }
                    assertThat(response.body()).isEqualTo(firstBody);
                } else {
                    assertThat(WalletHttp.json(response).path("code").asString())
                            .isEqualTo("REQUEST_IN_PROGRESS");
                }
            }
            assertThat(created).isPositive();
        }
        assertThat(wallet.balance(user)).as("exactly one effect").isEqualTo(250);
        assertThat(jdbc.sql("SELECT count(*) FROM journal_entries WHERE idempotency_key = :k")
                        .param("k", "user:" + user.id() + "/race-key")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void shouldAnswerInProgressWhileTheFirstRequestRunsAndReplayAfterwards() throws Exception {
        IdempotencyKey key = IdempotencyKey.of("test:" + UUID.randomUUID(), "slow");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger effects = new AtomicInteger();
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<IdempotentResponse> first = pool.submit(() -> executor.execute(key, "op", Map.of("a", 1), () -> {
                running.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                effects.incrementAndGet();
                return IdempotentResult.created(Map.of("done", true), "/x/1");
            }));
            running.await();
            try {
                executor.execute(key, "op", Map.of("a", 1), () -> {
                    effects.incrementAndGet();
                    return IdempotentResult.ok(Map.of());
                });
                throw new AssertionError("expected REQUEST_IN_PROGRESS");
            } catch (com.sociallive.platform.error.DomainException e) {
                assertThat(e.code().name()).isEqualTo("REQUEST_IN_PROGRESS");
            }
            release.countDown();
            IdempotentResponse done = first.get();
            assertThat(done.replayed()).isFalse();
            IdempotentResponse replay = executor.execute(key, "op", Map.of("a", 1), () -> {
                effects.incrementAndGet();
                return IdempotentResult.ok(Map.of());
            });
            assertThat(replay.replayed()).isTrue();
            assertThat(replay.status()).isEqualTo(201);
            assertThat(replay.body()).isEqualTo(done.body());
            assertThat(replay.location()).isEqualTo("/x/1");
        }
        assertThat(effects).hasValue(1);
    }

    @Test
    void shouldForgetKeysAfterTheirTimeToLive() {
        IdempotencyKey key = IdempotencyKey.of("test:" + UUID.randomUUID(), "old");
        AtomicInteger effects = new AtomicInteger();
        executor.execute(key, "op", Map.of(), () -> {
            effects.incrementAndGet();
            return IdempotentResult.ok(Map.of());
        });
        jdbc.sql("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE scope = :s")
                .param("s", key.scope())
                .update();
        assertThat(cleanup.deleteExpired()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE scope = :s")
                        .param("s", key.scope())
                        .query(Long.class)
                        .single())
                .isZero();
        IdempotentResponse again = executor.execute(key, "op", Map.of(), () -> {
            effects.incrementAndGet();
            return IdempotentResult.ok(Map.of());
        });
        assertThat(again.replayed()).isFalse();
        assertThat(effects).hasValue(2);
    }

    @Test
    void shouldGiveTheKeyUpWhenTheWorkFailsUnexpectedly() {
        IdempotencyKey key = IdempotencyKey.of("test:" + UUID.randomUUID(), "boom");
        try {
            executor.execute(key, "op", Map.of(), () -> {
                throw new IllegalStateException("database went away");
            });
        } catch (IllegalStateException expected) {
            // the client sees a 500 and retries
        }
        IdempotentResponse retry = executor.execute(key, "op", Map.of(), () -> IdempotentResult.ok(Map.of("ok", 1)));
        assertThat(retry.replayed()).isFalse();
        assertThat(retry.body()).isEqualTo("{\"ok\":1}");
    }
}
