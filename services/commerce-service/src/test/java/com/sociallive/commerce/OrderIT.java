package com.sociallive.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.commerce.order.OrderService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OrderIT extends CommerceTestSupport {

    @Autowired
    OrderService orders;

    @Test
    void shouldCreateOrderInPendingPaymentAndReserveStock() {
        User seller = newUser();
        User buyer = newUser();
        UUID mug = product(seller, "Mug", 1200, 5);
        UUID cup = product(seller, "Cup", 300, 5);
        Res res = post(
                buyer,
                "/orders",
                Map.of(
                        "items",
                        List.of(
                                Map.of("productId", mug.toString(), "quantity", 2),
                                Map.of("productId", cup.toString(), "quantity", 1))),
                key());
        assertThat(res.status()).isEqualTo(201);
        var o = res.body();
        assertThat(res.header("Location")).isEqualTo("/orders/" + o.path("id").asString());
        assertThat(o.path("status").asString()).isEqualTo("PENDING_PAYMENT");
        assertThat(o.path("buyerId").asString()).isEqualTo(buyer.id().toString());
        assertThat(o.path("sellerId").asString()).isEqualTo(seller.id().toString());
        assertThat(o.path("total").asLong()).isEqualTo(2700);
        assertThat(o.path("currency").asString()).isEqualTo("COIN");
        assertThat(o.path("items").get(0).path("name").asString()).isEqualTo("Mug");
        assertThat(o.path("items").get(0).path("unitPrice").asLong()).isEqualTo(1200);
        assertThat(o.path("items").get(0).path("lineTotal").asLong()).isEqualTo(2400);
        java.time.Duration ttl = java.time.Duration.between(
                java.time.Instant.parse(o.path("createdAt").asString()),
                java.time.Instant.parse(o.path("expiresAt").asString()));
        assertThat(ttl).isEqualTo(java.time.Duration.ofMinutes(15));
        assertThat(stock(mug)).isEqualTo(3);
        assertThat(stock(cup)).isEqualTo(4);

        String id = o.path("id").asString();
        assertThat(get(buyer, "/orders/" + id).body()).isEqualTo(o);
        assertThat(get(seller, "/orders/" + id).status()).isEqualTo(200);
        assertThat(get(newUser(), "/orders/" + id).status()).isEqualTo(404);
        assertThat(get(buyer, "/orders?role=buyer")
                        .body()
                        .path("items")
                        .get(0)
                        .path("id")
                        .asString())
                .isEqualTo(id);
        assertThat(get(seller, "/orders?role=seller&status=PENDING_PAYMENT")
                        .body()
                        .path("items")
                        .get(0)
                        .path("id")
                        .asString())
                .isEqualTo(id);
        assertThat(get(seller, "/orders?role=buyer").body().path("items")).isEmpty();
        assertThat(get(seller, "/orders?role=seller&status=PAID").body().path("items"))
                .isEmpty();
        assertThat(get(seller, "/orders?role=admin").status()).isEqualTo(400);
        assertThat(get(seller, "/orders?status=LOST").status()).isEqualTo(400);
    }

    @Test
    void shouldRefuseOrdersBreakingTheRulesAndChangeNoStock() {
        User seller = newUser();
        User buyer = newUser();
        UUID a = product(seller, "A", 10, 2);
        UUID b = product(newUser(), "B", 10, 2);
        UUID archived = product(seller, "Old", 10, 2);
        delete(seller, "/products/" + archived);

        assertThat(order(buyer, a, 3).code()).isEqualTo("OUT_OF_STOCK");
        assertThat(order(seller, a, 1).code()).isEqualTo("OWN_PRODUCT");
        assertThat(order(buyer, archived, 1).code()).isEqualTo("PRODUCT_UNAVAILABLE");
        Res mixed = post(
                buyer,
                "/orders",
                Map.of(
                        "items",
                        List.of(
                                Map.of("productId", a.toString(), "quantity", 1),
                                Map.of("productId", b.toString(), "quantity", 1))),
                key());
        assertThat(mixed.status()).isEqualTo(422);
        assertThat(mixed.code()).isEqualTo("MIXED_SELLERS");
        assertThat(order(buyer, UUID.randomUUID(), 1).status()).isEqualTo(404);
        assertThat(order(buyer, a, 0).status()).isEqualTo(400);
        assertThat(order(buyer, a, 101).status()).isEqualTo(400);
        Res duplicate = post(
                buyer,
                "/orders",
                Map.of(
                        "items",
                        List.of(
                                Map.of("productId", a.toString(), "quantity", 1),
                                Map.of("productId", a.toString(), "quantity", 1))),
                key());
        assertThat(duplicate.status()).isEqualTo(400);
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(Map.of("productId", UUID.randomUUID().toString(), "quantity", 1));
        }
        assertThat(post(buyer, "/orders", Map.of("items", many), key()).status())
                .isEqualTo(400);
        assertThat(post(buyer, "/orders", Map.of("items", List.of()), key()).status())
                .isEqualTo(400);
        assertThat(stock(a)).isEqualTo(2);
        assertThat(stock(b)).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE buyer_id = :b")
                        .param("b", buyer.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void shouldApplyIdempotencyKeyRules() {
        User seller = newUser();
        User buyer = newUser();
        UUID p = product(seller, "Pen", 50, 10);
        Map<String, Object> body = Map.of("items", List.of(Map.of("productId", p.toString(), "quantity", 2)));

        Res missing = post(buyer, "/orders", body);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("IDEMPOTENCY_KEY_REQUIRED");
        assertThat(post(buyer, "/orders", body, "k".repeat(256)).status()).isEqualTo(400);

        String k = key();
        Res first = post(buyer, "/orders", body, k);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        Res again = post(buyer, "/orders", body, k);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(stock(p)).isEqualTo(8);

        Res other =
                post(buyer, "/orders", Map.of("items", List.of(Map.of("productId", p.toString(), "quantity", 1))), k);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");

        // bad input does not use up a key
        String k3 = key();
        Map<String, Object> twice = Map.of(
                "items",
                List.of(
                        Map.of("productId", p.toString(), "quantity", 1),
                        Map.of("productId", p.toString(), "quantity", 1)));
        assertThat(post(buyer, "/orders", twice, k3).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(post(buyer, "/orders", body, k3).status()).isEqualTo(201);
        assertThat(stock(p)).isEqualTo(6);

        // keys are per user: another buyer may use the same key
        assertThat(post(newUser(), "/orders", body, k).status()).isEqualTo(201);
        assertThat(stock(p)).isEqualTo(4);

        // a business failure is answered again the same way
        String k2 = key();
        Map<String, Object> tooMany = Map.of("items", List.of(Map.of("productId", p.toString(), "quantity", 50)));
        assertThat(post(buyer, "/orders", tooMany, k2).code()).isEqualTo("OUT_OF_STOCK");
        Res replayedFailure = post(buyer, "/orders", tooMany, k2);
        assertThat(replayedFailure.code()).isEqualTo("OUT_OF_STOCK");
        assertThat(replayedFailure.header("Idempotent-Replayed")).isEqualTo("true");

        // after 24 h a key is forgotten
        jdbc.sql(
                        "UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE user_id = :u AND idem_key = :k")
                .param("u", buyer.id())
                .param("k", k)
                .update();
        Res fresh = post(buyer, "/orders", body, k);
        assertThat(fresh.status()).isEqualTo(201);
        assertThat(fresh.header("Idempotent-Replayed")).isNull();
        assertThat(fresh.body().path("id")).isNotEqualTo(first.body().path("id"));
    }

    @Test
    void shouldCreateOneOrderForConcurrentDuplicates() throws Exception {
        User seller = newUser();
        User buyer = newUser();
        UUID p = product(seller, "Cap", 50, 100);
        Map<String, Object> body = Map.of("items", List.of(Map.of("productId", p.toString(), "quantity", 1)));
        String k = key();
        List<Res> results = concurrently(8, i -> post(buyer, "/orders", body, k));
        Set<String> ids = new HashSet<>();
        for (Res r : results) {
            assertThat(r.status()).isIn(201, 409);
            if (r.status() == 201) {
                ids.add(r.body().path("id").asString());
            } else {
                assertThat(r.code()).isEqualTo("REQUEST_IN_PROGRESS");
            }
        }
        assertThat(ids).hasSize(1);
        assertThat(stock(p)).isEqualTo(99);
    }

    @Test
    void shouldNeverOversellTheLastUnits() throws Exception {
        User seller = newUser();
        UUID p = product(seller, "Limited sneaker", 500, 10);
        List<Res> results = concurrently(50, i -> order(newUser(), p, 1));
        Map<Integer, Integer> byStatus = new HashMap<>();
        for (Res r : results) {
            byStatus.merge(r.status(), 1, Integer::sum);
            if (r.status() == 422) {
                assertThat(r.code()).isEqualTo("OUT_OF_STOCK");
            }
        }
        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(201, 10, 422, 40));
        assertThat(stock(p)).isZero();
        assertThat(jdbc.sql("SELECT coalesce(sum(quantity), 0) FROM order_items WHERE product_id = :p")
                        .param("p", p)
                        .query(Long.class)
                        .single())
                .isEqualTo(10);
    }

    @Test
    void shouldFollowTheStateMachineAndAuthorizeEachStep() {
        User seller = newUser();
        User buyer = newUser();
        User stranger = newUser();
        UUID p = product(seller, "Book", 40, 5);
        UUID id = placeOrder(buyer, p, 2);
        assertThat(post(seller, "/orders/" + id + "/ship", null).code()).isEqualTo("INVALID_STATE");
        assertThat(post(buyer, "/orders/" + id + "/complete", null).code()).isEqualTo("INVALID_STATE");
        assertThat(post(seller, "/orders/" + id + "/refund", null).code()).isEqualTo("INVALID_STATE");
        assertThat(post(seller, "/orders/" + id + "/cancel", null).status()).isEqualTo(403);
        assertThat(post(stranger, "/orders/" + id + "/cancel", null).status()).isEqualTo(404);
        assertThat(stock(p)).isEqualTo(3);

        Res cancelled = post(buyer, "/orders/" + id + "/cancel", null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().path("status").asString()).isEqualTo("CANCELLED");
        assertThat(stock(p)).isEqualTo(5);
        Res twice = post(buyer, "/orders/" + id + "/cancel", null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("INVALID_STATE");
        assertThat(stock(p)).isEqualTo(5);
        Res payCancelled = pay(buyer, id, key());
        assertThat(payCancelled.status()).isEqualTo(409);
        assertThat(payCancelled.code()).isEqualTo("INVALID_STATE");
    }

    @Test
    void shouldExpireUnpaidOrdersOnceAndReleaseTheirStock() throws Exception {
        User seller = newUser();
        UUID p = product(seller, "Hat", 10, 10);
        UUID expired = placeOrder(newUser(), p, 3);
        UUID alsoExpired = placeOrder(newUser(), p, 2);
        UUID fresh = placeOrder(newUser(), p, 1);
        jdbc.sql("UPDATE orders SET expires_at = now() - interval '1 second' WHERE id IN (:ids)")
                .param("ids", List.of(expired, alsoExpired))
                .update();
        assertThat(stock(p)).isEqualTo(4);

        // two instances running the job at the same time cancel each order once
        List<Integer> counts = concurrently(2, i -> orders.expireDue(100));
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(2);
        orders.expireDue(100);
        assertThat(orderStatus(expired)).isEqualTo("CANCELLED");
        assertThat(orderStatus(alsoExpired)).isEqualTo("CANCELLED");
        assertThat(orderStatus(fresh)).isEqualTo("PENDING_PAYMENT");
        assertThat(stock(p)).isEqualTo(9);
        orders.expireDue(100);
        assertThat(stock(p)).isEqualTo(9);
    }

    interface Task<T> {
        T run(int i) throws Exception;
    }

    static <T> List<T> concurrently(int n, Task<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> call = () -> {
                    start.await();
                    return task.run(index);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return Collections.unmodifiableList(results);
        }
    }
}
