package com.sociallive.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Money across services, through the gateway: wallet transfers and a commerce order paid from the wallet. */
class MoneyFlowsSystemIT {

    static Api api;

    @BeforeAll
    static void system() {
        api = Api.gateway();
    }

    @Test
    void shouldDepositAndTransferOnceWhateverTheRetries() {
        Api.User alice = api.register("alice");
        Api.User bob = api.register("bob");
        String depositKey = UUID.randomUUID().toString();
        Map<String, Object> deposit = Map.of("amount", 1_000, "currency", "COIN");
        assertThat(api.post("/wallet/deposit", alice.token(), deposit, Map.of("Idempotency-Key", depositKey))
                        .status())
                .isEqualTo(201);
        Api.Answer replay = api.post("/wallet/deposit", alice.token(), deposit, Map.of("Idempotency-Key", depositKey));
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");

        Map<String, Object> transfer = Map.of("toUserId", bob.id().toString(), "amount", 300);
        String transferKey = UUID.randomUUID().toString();
        Api.Answer sent = api.post("/wallet/transfer", alice.token(), transfer, Map.of("Idempotency-Key", transferKey));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(sent.json().path("direction").asString()).isEqualTo("DEBIT");
        assertThat(sent.json().path("balanceAfter").asLong()).isEqualTo(700);
        api.post("/wallet/transfer", alice.token(), transfer, Map.of("Idempotency-Key", transferKey));

        assertThat(balance(alice)).isEqualTo(700);
        assertThat(balance(bob)).isEqualTo(300);
        api.post(
                        "/wallet/transfer",
                        bob.token(),
                        Map.of("toUserId", alice.id().toString(), "amount", 301),
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()))
                .isProblem(422, "INSUFFICIENT_FUNDS");
        api.post("/wallet/transfer", bob.token(), transfer, Map.of()).isProblem(400, "IDEMPOTENCY_KEY_REQUIRED");
    }

    @Test
    void shouldSellAProductPaidThroughTheWallet() {
        Api.User seller = api.register("seller");
        Api.User buyer = api.register("buyer");
        Api.Answer product = api.post(
                "/commerce/products",
                seller.token(),
                Map.of("name", "Glow stick", "description", "Bright green", "price", 250, "stock", 3));
        assertThat(product.status()).as(product.body()).isEqualTo(201);
        String productId = product.json().path("id").asString();

        Map<String, Object> orderBody = Map.of("items", List.of(Map.of("productId", productId, "quantity", 2)));
        Api.Answer order = api.post(
                "/commerce/orders",
                buyer.token(),
                orderBody,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        assertThat(order.json().path("status").asString()).isEqualTo("PENDING_PAYMENT");
        assertThat(order.json().path("total").asLong()).isEqualTo(500);
        String orderId = order.json().path("id").asString();

        Map<String, Object> pay = Map.of("orderId", orderId, "method", "WALLET");
        api.post(
                        "/commerce/payments",
                        buyer.token(),
                        pay,
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()))
                .isProblem(422, "INSUFFICIENT_FUNDS");

        api.post(
                "/wallet/deposit",
                buyer.token(),
                Map.of("amount", 600),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        String payKey = UUID.randomUUID().toString();
        Api.Answer payment = api.post("/commerce/payments", buyer.token(), pay, Map.of("Idempotency-Key", payKey));
        assertThat(payment.status()).as(payment.body()).isEqualTo(201);
        assertThat(payment.json().path("status").asString()).isEqualTo("SUCCEEDED");
        api.post("/commerce/payments", buyer.token(), pay, Map.of("Idempotency-Key", payKey));
        api.post(
                        "/commerce/payments",
                        buyer.token(),
                        pay,
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()))
                .isProblem(409, "INVALID_STATE");

        assertThat(balance(buyer)).isEqualTo(100);
        assertThat(balance(seller)).isEqualTo(500);
        JsonNode paid = api.get("/commerce/orders/" + orderId, seller.token()).json();
        assertThat(paid.path("status").asString()).isEqualTo("PAID");
        assertThat(api.get("/commerce/products/" + productId, buyer.token())
                        .json()
                        .path("stock")
                        .asInt())
                .isEqualTo(1);

        Api.Answer refund = api.post("/commerce/orders/" + orderId + "/refund", seller.token(), "{}");
        assertThat(refund.status()).as(refund.body()).isEqualTo(200);
        assertThat(refund.json().path("status").asString()).isEqualTo("REFUNDED");
        assertThat(balance(buyer)).isEqualTo(600);
        assertThat(balance(seller)).isZero();
    }

    private static long balance(Api.User user) {
        Api.Answer answer = api.get("/wallet/balance", user.token());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("available").asLong();
    }
}
