package com.sociallive.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.commerce.payment.PaymentRecovery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The state a commerce instance leaves behind when its process dies mid-request, written into the database as the
 * dying instance would have left it, then handled by this ("restarted") instance.
 */
class CrashRecoveryIT extends CommerceTestSupport {

    @Autowired
    PaymentRecovery recovery;

    @Test
    void shouldCompleteOrderAndAnswerTheRetryAfterCommerceDiedBetweenWalletAndPaid() throws Exception {
        User seller = newUser();
        User buyer = newUser();
        wallet.deposit(buyer.id(), 1000);
        UUID product = product(seller, "Guitar", 800, 1);
        UUID order = placeOrder(buyer, product, 1);
        String key = key();
        String body = "{\"orderId\":\"" + order + "\",\"method\":\"WALLET\"}";
        Instant before = Instant.now().minusSeconds(120);

        // the dying instance: claimed the key, committed the PENDING attempt, the wallet moved the money, then it died
        jdbc.sql("INSERT INTO idempotency_keys (user_id, idem_key, fingerprint, state, created_at, locked_at)"
                        + " VALUES (:u, :k, :f, 'IN_PROGRESS', now(), now())")
                .param("u", buyer.id())
                .param("k", key)
                .param("f", fingerprint("POST /payments", body))
                .update();
        UUID attempt = UUID.randomUUID();
        jdbc.sql("INSERT INTO payments (id, order_id, kind, method, amount, currency, from_user_id, to_user_id,"
                        + " status, reference, idem_user_id, idem_key, created_at, updated_at)"
                        + " VALUES (:id, :o, 'PAYMENT', 'WALLET', 800, 'COIN', :b, :s, 'PENDING', :r, :b, :k, :t, :t)")
                .param("id", attempt)
                .param("o", order)
                .param("b", buyer.id())
                .param("s", seller.id())
                .param("r", "order:" + order)
                .param("k", key)
                .param("t", Timestamp.from(before))
                .update();
        wallet.commitTransfer("order:" + order, buyer.id(), seller.id(), 800, "PAYMENT");

        // before recovery the client's retry is told the first request is still running, and nothing moves
        Res early = pay(buyer, order, key);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.code()).isEqualTo("REQUEST_IN_PROGRESS");
        assertThat(orderStatus(order)).isEqualTo("PENDING_PAYMENT");

        assertThat(recovery.recoverOnce()).isGreaterThanOrEqualTo(1);
        assertThat(orderStatus(order)).isEqualTo("PAID");
        Res payment = get(buyer, "/payments/" + attempt);
        assertThat(payment.body().path("status").asString()).isEqualTo("SUCCEEDED");

        Res retry = pay(buyer, order, key);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body().path("id").asString()).isEqualTo(attempt.toString());
        assertThat(wallet.balance(buyer.id())).isEqualTo(200);
        assertThat(wallet.balance(seller.id())).isEqualTo(800);
    }

    @Test
    void shouldLetARetryTakeOverAKeyLeftInProgressByADeadInstanceOnlyAfterTheLockTimeout() throws Exception {
        User seller = newUser();
        User buyer = newUser();
        UUID product = product(seller, "Bike", 100, 3);
        String key = key();
        Map<String, Object> request = Map.of("items", List.of(Map.of("productId", product.toString(), "quantity", 1)));
        String body = "{\"items\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}";
        // the dying instance had claimed the key; its order transaction never committed
        jdbc.sql("INSERT INTO idempotency_keys (user_id, idem_key, fingerprint, state, created_at, locked_at)"
                        + " VALUES (:u, :k, :f, 'IN_PROGRESS', now(), now())")
                .param("u", buyer.id())
                .param("k", key)
                .param("f", fingerprint("POST /orders", body))
                .update();

        Res busy = post(buyer, "/orders", request, key);
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.code()).isEqualTo("REQUEST_IN_PROGRESS");
        assertThat(stock(product)).isEqualTo(3);

        jdbc.sql(
                        "UPDATE idempotency_keys SET locked_at = now() - interval '2 minutes' WHERE user_id = :u AND idem_key = :k")
                .param("u", buyer.id())
                .param("k", key)
                .update();
        Res other = post(
                buyer,
                "/orders",
                Map.of("items", List.of(Map.of("productId", product.toString(), "quantity", 2))),
                key);
        assertThat(other.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        Res taken = post(buyer, "/orders", request, key);
        assertThat(taken.status()).isEqualTo(201);
        assertThat(stock(product)).isEqualTo(2);
        Res replay = post(buyer, "/orders", request, key);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body()).isEqualTo(taken.body());
    }

    private static String fingerprint(String operation, String json) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(operation.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(json.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }
}
