package com.sociallive.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.commerce.order.OrderService;
import com.sociallive.commerce.payment.PaymentRecovery;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PaymentIT extends CommerceTestSupport {

    @Autowired
    PaymentRecovery recovery;

    @Autowired
    OrderService orders;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    double walletCalls(String outcome) {
        var counter = meters.find("commerce.wallet.calls")
                .tags("kind", "payment", "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @AfterEach
    void walletBackToNormal() throws Exception {
        wallet.mode(FakeWallet.Mode.NORMAL);
    }

    record Deal(User seller, User buyer, UUID product, UUID order) {}

    /** A seller's product at 700 a unit, 5 in stock, and a buyer's order of 2 (total 1400). */
    Deal deal(long buyerBalance) {
        User seller = newUser();
        User buyer = newUser();
        wallet.deposit(buyer.id(), buyerBalance);
        UUID product = product(seller, "Speaker", 700, 5);
        return new Deal(seller, buyer, product, placeOrder(buyer, product, 2));
    }

    @Test
    void shouldPayThroughTheWalletOnceAndMarkTheOrderPaid() {
        Deal d = deal(2000);
        String k = key();
        Res paid = pay(d.buyer(), d.order(), k);
        assertThat(paid.status()).as(paid.body().toString()).isEqualTo(201);
        assertThat(paid.body().path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(paid.body().path("orderId").asString()).isEqualTo(d.order().toString());
        assertThat(paid.body().path("amount").asLong()).isEqualTo(1400);
        assertThat(paid.body().path("currency").asString()).isEqualTo("COIN");
        assertThat(orderStatus(d.order())).isEqualTo("PAID");
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(600);
        assertThat(wallet.balance(d.seller().id())).isEqualTo(1400);

        Map<String, Object> transfer = wallet.transfer("order:" + d.order());
        assertThat(transfer.get("type")).isEqualTo("PAYMENT");
        assertThat(transfer.get("fromUserId")).isEqualTo(d.buyer().id().toString());
        assertThat(transfer.get("toUserId")).isEqualTo(d.seller().id().toString());
        Map<String, String> call = wallet.calls().stream()
                .filter(c -> c.get("body").contains("order:" + d.order()))
                .findFirst()
                .orElseThrow();
        assertThat(call.get("Idempotency-Key")).startsWith("order:" + d.order());
        assertThat(call.get("X-Service-Name")).isEqualTo("commerce-service");

        Res replay = pay(d.buyer(), d.order(), k);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body()).isEqualTo(paid.body());
        Res again = pay(d.buyer(), d.order(), key());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("INVALID_STATE");
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(600);

        String paymentId = paid.body().path("id").asString();
        assertThat(get(d.buyer(), "/payments/" + paymentId).body()).isEqualTo(paid.body());
        assertThat(get(d.seller(), "/payments/" + paymentId).status()).isEqualTo(200);
        assertThat(get(newUser(), "/payments/" + paymentId).status()).isEqualTo(404);
        Res list = get(d.seller(), "/payments?orderId=" + d.order());
        assertThat(list.body().path("items")).hasSize(1);
        assertThat(get(newUser(), "/payments?orderId=" + d.order()).status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseAnythingButTheBuyerPayingAPendingOrder() {
        Deal d = deal(5000);
        assertThat(pay(d.seller(), d.order(), key()).status()).isEqualTo(403);
        assertThat(pay(newUser(), d.order(), key()).status()).isEqualTo(404);
        assertThat(pay(d.buyer(), UUID.randomUUID(), key()).status()).isEqualTo(404);
        Res noKey = post(d.buyer(), "/payments", Map.of("orderId", d.order().toString(), "method", "WALLET"));
        assertThat(noKey.code()).isEqualTo("IDEMPOTENCY_KEY_REQUIRED");
        Res card = post(d.buyer(), "/payments", Map.of("orderId", d.order().toString(), "method", "CARD"), key());
        assertThat(card.status()).isEqualTo(400);
        assertThat(post(d.buyer(), "/payments", Map.of("method", "WALLET"), key())
                        .status())
                .isEqualTo(400);
        jdbc.sql("UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = :id")
                .param("id", d.order())
                .update();
        assertThat(pay(d.buyer(), d.order(), key()).code()).isEqualTo("INVALID_STATE");
        assertThat(wallet.transfersWithReference("order:" + d.order())).isZero();
    }

    @Test
    void shouldAnswerInsufficientFundsAndKeepTheOrderPayable() {
        Deal d = deal(100);
        double refusedBefore = walletCalls("insufficient_funds");
        Res poor = pay(d.buyer(), d.order(), key());
        assertThat(walletCalls("insufficient_funds")).isEqualTo(refusedBefore + 1);
        assertThat(poor.status()).isEqualTo(422);
        assertThat(poor.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(orderStatus(d.order())).isEqualTo("PENDING_PAYMENT");
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(100);
        Res attempts = get(d.buyer(), "/payments?orderId=" + d.order());
        assertThat(attempts.body().path("items").get(0).path("status").asString())
                .isEqualTo("FAILED");

        wallet.deposit(d.buyer().id(), 2000);
        // method may be left out (WALLET is the only one)
        Res paid = post(d.buyer(), "/payments", Map.of("orderId", d.order().toString()), key());
        assertThat(paid.status()).isEqualTo(201);
        assertThat(orderStatus(d.order())).isEqualTo("PAID");
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(700);
    }

    @Test
    void shouldAnswer503WhenTheWalletFailsAndSucceedOnRetry() {
        Deal d = deal(2000);
        wallet.mode(FakeWallet.Mode.FAIL_503);
        String k = key();
        Res down = pay(d.buyer(), d.order(), k);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(orderStatus(d.order())).isEqualTo("PENDING_PAYMENT");
        assertThat(get(d.buyer(), "/orders/" + d.order()).body().path("status").asString())
                .isEqualTo("PENDING_PAYMENT");
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(2000);

        wallet.mode(FakeWallet.Mode.NORMAL);
        Res retry = pay(d.buyer(), d.order(), k);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(orderStatus(d.order())).isEqualTo("PAID");
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(600);
        assertThat(wallet.transfersWithReference("order:" + d.order())).isEqualTo(1);
    }

    @Test
    void shouldAnswer503WhenTheWalletIsUnreachableAndSucceedOnRetry() throws Exception {
        Deal d = deal(2000);
        wallet.stop();
        Res down;
        try {
            down = pay(d.buyer(), d.order(), key());
        } finally {
            wallet.start();
        }
        assertThat(down.status()).isEqualTo(503);
        assertThat(orderStatus(d.order())).isEqualTo("PENDING_PAYMENT");
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(2000);

        Res retry = pay(d.buyer(), d.order(), key());
        assertThat(retry.status()).as(retry.body().toString()).isEqualTo(201);
        assertThat(orderStatus(d.order())).isEqualTo("PAID");
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(600);
    }

    @Test
    void shouldCompleteTheOrderOnRecoveryWhenTheWalletMovedTheMoneyButCommerceNeverHeard() {
        Deal d = deal(2000);
        wallet.mode(FakeWallet.Mode.CRASH_AFTER_COMMIT);
        String k = key();
        Res lost = pay(d.buyer(), d.order(), k);
        assertThat(lost.status()).isEqualTo(503);
        wallet.mode(FakeWallet.Mode.NORMAL);
        // the money moved, the order does not know yet
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(600);
        assertThat(orderStatus(d.order())).isEqualTo("PENDING_PAYMENT");

        // a young attempt is left alone (its call may still be in flight)
        assertThat(recovery.recoverOnce()).isZero();
        assertThat(orderStatus(d.order())).isEqualTo("PENDING_PAYMENT");
        // and neither expiry nor the buyer may cancel it meanwhile
        jdbc.sql("UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = :id")
                .param("id", d.order())
                .update();
        orders.expireDue(100);
        assertThat(orderStatus(d.order())).isEqualTo("PENDING_PAYMENT");
        assertThat(post(d.buyer(), "/orders/" + d.order() + "/cancel", null).code())
                .isEqualTo("INVALID_STATE");

        ageAttempts(d.order());
        assertThat(recovery.recoverOnce()).isGreaterThanOrEqualTo(1);
        assertThat(orderStatus(d.order())).isEqualTo("PAID");
        Res attempts = get(d.buyer(), "/payments?orderId=" + d.order());
        assertThat(attempts.body().path("items")).hasSize(1);
        assertThat(attempts.body().path("items").get(0).path("status").asString())
                .isEqualTo("SUCCEEDED");
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(600);
        assertThat(wallet.transfersWithReference("order:" + d.order())).isEqualTo(1);
        assertThat(stock(d.product())).isEqualTo(3);

        // the client's retry with its key now gets the payment, and nothing moves again
        Res retry = pay(d.buyer(), d.order(), k);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body().path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(600);
    }

    @Test
    void shouldNeverChargeTwiceWhenTheClientRetriesAfterALostAnswer() {
        Deal d = deal(2000);
        wallet.mode(FakeWallet.Mode.CRASH_AFTER_COMMIT);
        assertThat(pay(d.buyer(), d.order(), key()).status()).isEqualTo(503);
        wallet.mode(FakeWallet.Mode.NORMAL);
        Res retry = pay(d.buyer(), d.order(), key());
        assertThat(retry.status()).isEqualTo(201);
        assertThat(orderStatus(d.order())).isEqualTo("PAID");
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(600);
        assertThat(wallet.balance(d.seller().id())).isEqualTo(1400);
        assertThat(wallet.transfersWithReference("order:" + d.order())).isEqualTo(1);
        assertThat(get(d.buyer(), "/payments?orderId=" + d.order()).body().path("items"))
                .hasSize(1);
    }

    @Test
    void shouldFailTheAttemptOnRecoveryWhenNoMoneyMoved() {
        Deal d = deal(2000);
        wallet.mode(FakeWallet.Mode.FAIL_503);
        assertThat(pay(d.buyer(), d.order(), key()).status()).isEqualTo(503);
        wallet.mode(FakeWallet.Mode.NORMAL);
        ageAttempts(d.order());
        assertThat(recovery.recoverOnce()).isGreaterThanOrEqualTo(1);
        assertThat(get(d.buyer(), "/payments?orderId=" + d.order())
                        .body()
                        .path("items")
                        .get(0)
                        .path("status")
                        .asString())
                .isEqualTo("FAILED");
        assertThat(orderStatus(d.order())).isEqualTo("PENDING_PAYMENT");
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(2000);
        // the order can be cancelled now, and its stock comes back
        assertThat(post(d.buyer(), "/orders/" + d.order() + "/cancel", null).status())
                .isEqualTo(200);
        assertThat(stock(d.product())).isEqualTo(5);
    }

    @Test
    void shouldShipCompleteAndRefuseRefundAfterCompletion() {
        Deal d = deal(2000);
        assertThat(pay(d.buyer(), d.order(), key()).status()).isEqualTo(201);
        assertThat(post(d.buyer(), "/orders/" + d.order() + "/ship", null).status())
                .isEqualTo(403);
        assertThat(post(newUser(), "/orders/" + d.order() + "/ship", null).status())
                .isEqualTo(404);
        assertThat(post(d.buyer(), "/orders/" + d.order() + "/cancel", null).code())
                .isEqualTo("INVALID_STATE");
        Res shipped = post(d.seller(), "/orders/" + d.order() + "/ship", null);
        assertThat(shipped.body().path("status").asString()).isEqualTo("SHIPPED");
        assertThat(post(d.seller(), "/orders/" + d.order() + "/complete", null).status())
                .isEqualTo(403);
        Res completed = post(d.buyer(), "/orders/" + d.order() + "/complete", null);
        assertThat(completed.body().path("status").asString()).isEqualTo("COMPLETED");
        assertThat(post(d.buyer(), "/orders/" + d.order() + "/complete", null).code())
                .isEqualTo("INVALID_STATE");
        assertThat(post(d.seller(), "/orders/" + d.order() + "/refund", null).code())
                .isEqualTo("INVALID_STATE");
    }

    @Test
    void shouldRefundExactlyOnceAndRestockWhenNotShipped() {
        Deal d = deal(2000);
        assertThat(pay(d.buyer(), d.order(), key()).status()).isEqualTo(201);
        assertThat(post(d.buyer(), "/orders/" + d.order() + "/refund", null).status())
                .isEqualTo(403);
        assertThat(post(newUser(), "/orders/" + d.order() + "/refund", null).status())
                .isEqualTo(404);
        Res refunded = post(d.seller(), "/orders/" + d.order() + "/refund", null);
        assertThat(refunded.status()).as(refunded.body().toString()).isEqualTo(200);
        assertThat(refunded.body().path("status").asString()).isEqualTo("REFUNDED");
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(2000);
        assertThat(wallet.balance(d.seller().id())).isZero();
        Map<String, Object> transfer = wallet.transfer("refund:" + d.order());
        assertThat(transfer.get("type")).isEqualTo("REFUND");
        assertThat(transfer.get("fromUserId")).isEqualTo(d.seller().id().toString());
        assertThat(stock(d.product())).isEqualTo(5);

        Res again = post(d.seller(), "/orders/" + d.order() + "/refund", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(2000);
        assertThat(stock(d.product())).isEqualTo(5);
    }

    @Test
    void shouldRefundAShippedOrderAfterACrashThroughRecovery() {
        Deal d = deal(2000);
        assertThat(pay(d.buyer(), d.order(), key()).status()).isEqualTo(201);
        assertThat(post(d.seller(), "/orders/" + d.order() + "/ship", null).status())
                .isEqualTo(200);
        wallet.mode(FakeWallet.Mode.CRASH_AFTER_COMMIT);
        assertThat(post(d.seller(), "/orders/" + d.order() + "/refund", null).status())
                .isEqualTo(503);
        wallet.mode(FakeWallet.Mode.NORMAL);
        assertThat(orderStatus(d.order())).isEqualTo("SHIPPED");
        // shipping on, completing or refunding twice must wait for the refund in flight
        assertThat(post(d.buyer(), "/orders/" + d.order() + "/complete", null).code())
                .isEqualTo("INVALID_STATE");

        ageAttempts(d.order());
        recovery.recoverOnce();
        assertThat(orderStatus(d.order())).isEqualTo("REFUNDED");
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(2000);
        assertThat(wallet.transfersWithReference("refund:" + d.order())).isEqualTo(1);
        // a shipped order's units are with the buyer: no restock
        assertThat(stock(d.product())).isEqualTo(3);
    }

    @Test
    void shouldKeepTheOrderWhenTheSellerCannotCoverTheRefund() {
        Deal d = deal(2000);
        assertThat(pay(d.buyer(), d.order(), key()).status()).isEqualTo(201);
        // the seller spends the money elsewhere
        User someoneElse = newUser();
        wallet.deposit(d.seller().id(), -1400);
        wallet.deposit(someoneElse.id(), 1400);
        Res refused = post(d.seller(), "/orders/" + d.order() + "/refund", null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(orderStatus(d.order())).isEqualTo("PAID");
        wallet.deposit(d.seller().id(), 1400);
        assertThat(post(d.seller(), "/orders/" + d.order() + "/refund", null).status())
                .isEqualTo(200);
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(2000);
    }

    @Test
    void shouldMoveMoneyOnceWhenTheBuyerPaysTwiceAtTheSameTime() throws Exception {
        Deal d = deal(5000);
        List<Res> results = OrderIT.concurrently(4, i -> pay(d.buyer(), d.order(), key()));
        long created = results.stream().filter(r -> r.status() == 201).count();
        assertThat(created).isGreaterThanOrEqualTo(1);
        for (Res r : results) {
            assertThat(r.status()).isIn(201, 409);
        }
        assertThat(orderStatus(d.order())).isEqualTo("PAID");
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(3600);
        assertThat(wallet.transfersWithReference("order:" + d.order())).isEqualTo(1);
        assertThat(get(d.buyer(), "/payments?orderId=" + d.order()).body().path("items"))
                .hasSize(1);
    }

    @Test
    void shouldAnswerRequestInProgressWhileTheWalletIsStillOnTheSameTransfer() {
        Deal d = deal(2000);
        wallet.mode(FakeWallet.Mode.IN_PROGRESS);
        String k = key();
        Res busy = pay(d.buyer(), d.order(), k);
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.code()).isEqualTo("REQUEST_IN_PROGRESS");
        assertThat(orderStatus(d.order())).isEqualTo("PENDING_PAYMENT");
        wallet.mode(FakeWallet.Mode.NORMAL);
        Res retry = pay(d.buyer(), d.order(), k);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(wallet.balance(d.buyer().id())).isEqualTo(600);
    }

    private void ageAttempts(UUID orderId) {
        jdbc.sql("UPDATE payments SET updated_at = now() - interval '1 minute' WHERE order_id = :id")
                .param("id", orderId)
                .update();
    }
}
