package com.sociallive.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A burst of payments for different orders against a slow wallet, on a small pool: a payment holds a database
 * connection only for its short transactions before and after the wallet call, never across it. Had it held one
 * across the 1 s wallet call, 4 connections would serve 4 payments a second and most of the burst would wait past
 * the 5 s connection timeout.
 */
@TestPropertySource(
        properties = {
            "spring.datasource.hikari.maximum-pool-size=4",
            "spring.datasource.hikari.connection-timeout=5000",
            "sociallive.client.read-timeout=5s"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ConcurrentPaymentsIT extends CommerceTestSupport {

    private static final int PAYMENTS = 60;
    private static final long PRICE = 70;

    @Autowired
    DataSource dataSource;

    @AfterEach
    void walletBackToNormal() {
        wallet.reset();
    }

    @Test
    void shouldHoldNoDatabaseConnectionWhileTheWalletIsCalled() {
        User seller = newUser();
        User buyer = newUser();
        wallet.deposit(buyer.id(), PRICE);
        UUID order = placeOrder(buyer, product(seller, "Lamp", PRICE, 1), 1);
        HikariDataSource pool = (HikariDataSource) dataSource;
        List<Integer> activeDuringCall = new CopyOnWriteArrayList<>();
        wallet.onTransfer(() -> activeDuringCall.add(pool.getHikariPoolMXBean().getActiveConnections()));

        Res paid = pay(buyer, order, key());

        assertThat(paid.status()).as(paid.body().toString()).isEqualTo(201);
        assertThat(activeDuringCall).containsExactly(0);
    }

    @Test
    void shouldPayABurstOfOrdersOnceEachWithRetryableAnswersOnly() throws Exception {
        User seller = newUser();
        UUID product = product(seller, "Flash kettle", PRICE, PAYMENTS);
        List<User> buyers = new ArrayList<>();
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < PAYMENTS; i++) {
            User buyer = newUser();
            wallet.deposit(buyer.id(), 2 * PRICE);
            buyers.add(buyer);
            orders.add(placeOrder(buyer, product, 1));
        }
        wallet.delay(1000);

        List<String> keys = new ArrayList<>();
        for (int i = 0; i < PAYMENTS; i++) {
            keys.add(key());
        }
        List<Res> first = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Res>> futures = new ArrayList<>();
            for (int i = 0; i < PAYMENTS; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return pay(buyers.get(n), orders.get(n), keys.get(n));
                }));
            }
            go.countDown();
            for (Future<Res> f : futures) {
                first.add(f.get());
            }
        }
        long burstMillis = (System.nanoTime() - t0) / 1_000_000;

        int retryable = 0;
        for (int i = 0; i < PAYMENTS; i++) {
            Res res = first.get(i);
            if (res.status() == 201) {
                continue;
            }
            // a clean refusal: 503 with Retry-After (no connection in time, wallet without verdict) or a duplicate
            // still in flight; the client retries with the same key
            assertThat(res.status()).as(res.body().toString()).isIn(503, 409);
            if (res.status() == 409) {
                assertThat(res.code()).isEqualTo("REQUEST_IN_PROGRESS");
            } else {
                assertThat(res.header("Retry-After")).isNotNull();
            }
            // nothing half-done: either nothing was written and no money moved, or the attempt is on record for the
            // retry (or the recovery) to settle
            List<String> attempts = attemptStatuses(orders.get(i));
            int moved = wallet.transfersWithReference("order:" + orders.get(i));
            assertThat(orderStatus(orders.get(i))).isEqualTo("PENDING_PAYMENT");
            assertThat(attempts.isEmpty() && moved == 0 || attempts.contains("PENDING") || moved == 0)
                    .as("order %d: attempts %s, transfers %d", i, attempts, moved)
                    .isTrue();
            retryable++;
        }
        wallet.delay(0);
        for (int i = 0; i < PAYMENTS; i++) {
            Res res = first.get(i);
            for (int attempt = 0; res.status() != 201 && attempt < 20; attempt++) {
                Thread.sleep(500);
                res = pay(buyers.get(i), orders.get(i), keys.get(i));
            }
            assertThat(res.status())
                    .as("payment %d after retries: %s", i, res.body())
                    .isEqualTo(201);
            assertThat(res.body().path("orderId").asString())
                    .isEqualTo(orders.get(i).toString());
        }

        for (int i = 0; i < PAYMENTS; i++) {
            UUID order = orders.get(i);
            assertThat(orderStatus(order)).isEqualTo("PAID");
            assertThat(wallet.transfersWithReference("order:" + order)).isEqualTo(1);
            assertThat(wallet.balance(buyers.get(i).id())).isEqualTo(PRICE);
            assertThat(attemptStatuses(order)).contains("SUCCEEDED").doesNotContain("PENDING");
        }
        assertThat(wallet.balance(seller.id())).isEqualTo(PAYMENTS * PRICE);
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE user_id IN (:users) AND state <> 'DONE'")
                        .param("users", buyers.stream().map(User::id).toList())
                        .query(Long.class)
                        .single())
                .isZero();
        // held across the 1 s wallet call, 4 connections would pay ~4 orders a second and most of the burst would
        // time out waiting (5 s); held only for the short transactions, the burst takes a few seconds
        assertThat(retryable)
                .as("first answers that were not 201 (burst took %d ms)", burstMillis)
                .isLessThan(PAYMENTS / 2);
    }

    private List<String> attemptStatuses(UUID order) {
        return jdbc.sql("SELECT status FROM payments WHERE order_id = :order AND kind = 'PAYMENT'")
                .param("order", order)
                .query(String.class)
                .list();
    }
}
