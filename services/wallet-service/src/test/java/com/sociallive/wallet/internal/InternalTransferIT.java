package com.sociallive.wallet.internal;

import static com.sociallive.wallet.WalletHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.wallet.WalletHttp;
import com.sociallive.wallet.WalletHttp.User;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InternalTransferIT {

    @LocalServerPort
    int port;

    WalletHttp wallet;
    final String commerce = WalletHttp.serviceToken("commerce-service");

    @BeforeEach
    void setUp() {
        wallet = new WalletHttp(port);
    }

    private Map<String, Object> body(User from, User to, long amount, String type, String reference, Integer feeBps) {
        Map<String, Object> body = new HashMap<>();
        body.put("fromUserId", from.id());
        body.put("toUserId", to.id());
        body.put("amount", amount);
        body.put("type", type);
        body.put("reference", reference);
        if (feeBps != null) {
            body.put("feeBps", feeBps);
        }
        return body;
    }

    @Test
    void shouldRefuseUserTokensOnInternalTransfers() {
        User buyer = WalletHttp.newUser("buyer");
        User seller = WalletHttp.newUser("seller");
        HttpResponse<String> response = wallet.post(
                "/internal/transfers", buyer.token(), "k", body(buyer, seller, 10, "PAYMENT", "order-x", null));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(wallet.get("/internal/transfers/by-reference/order-x", buyer.token())
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void shouldMovePaymentWithFeeInOneEntryAndShowItInBothHistories() {
        User buyer = WalletHttp.newUser("buyer");
        User seller = WalletHttp.newUser("seller");
        wallet.deposit(buyer, 10_000);
        String reference = "order-" + UUID.randomUUID();
        HttpResponse<String> response = wallet.post(
                "/internal/transfers", commerce, "pay-1", body(buyer, seller, 999, "PAYMENT", reference, 250));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode transfer = json(response);
        assertThat(transfer.path("reference").asString()).isEqualTo(reference);
        assertThat(transfer.path("amount").asLong()).isEqualTo(999);
        assertThat(transfer.path("fee").asLong()).as("999 * 2.5 % rounded down").isEqualTo(24);
        assertThat(transfer.path("currency").asString()).isEqualTo("COIN");
        assertThat(transfer.path("type").asString()).isEqualTo("PAYMENT");
        assertThat(transfer.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(transfer.path("fromUserId").asString()).isEqualTo(buyer.id().toString());
        assertThat(transfer.path("toUserId").asString()).isEqualTo(seller.id().toString());
        assertThat(wallet.balance(buyer)).isEqualTo(10_000 - 999);
        assertThat(wallet.balance(seller)).isEqualTo(999 - 24);

        JsonNode buyerLine = json(wallet.get("/transactions?type=PAYMENT", buyer.token()))
                .path("items")
                .get(0);
        assertThat(buyerLine.path("id").asString())
                .isEqualTo(transfer.path("id").asString());
        assertThat(buyerLine.path("direction").asString()).isEqualTo("DEBIT");
        assertThat(buyerLine.path("amount").asLong()).isEqualTo(999);
        assertThat(buyerLine.path("counterpartyUserId").asString())
                .isEqualTo(seller.id().toString());
        assertThat(buyerLine.path("reference").asString()).isEqualTo(reference);
        JsonNode sellerLine =
                json(wallet.get("/transactions", seller.token())).path("items").get(0);
        assertThat(sellerLine.path("type").asString()).isEqualTo("PAYMENT");
        assertThat(sellerLine.path("direction").asString()).isEqualTo("CREDIT");
        assertThat(sellerLine.path("amount").asLong()).isEqualTo(975);
        assertThat(sellerLine.path("balanceAfter").asLong()).isEqualTo(975);
        assertThat(sellerLine.path("counterpartyUserId").asString())
                .isEqualTo(buyer.id().toString());

        HttpResponse<String> found = wallet.get("/internal/transfers/by-reference/" + reference, commerce);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(json(found)).isEqualTo(transfer);
        HttpResponse<String> missing = wallet.get("/internal/transfers/by-reference/never-used", commerce);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).path("code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void shouldMoveMoneyAtMostOncePerReferenceWhateverTheKey() {
        User viewer = WalletHttp.newUser("viewer");
        User host = WalletHttp.newUser("host");
        wallet.deposit(viewer, 1000);
        String reference = "gift-" + UUID.randomUUID();
        HttpResponse<String> first =
                wallet.post("/internal/transfers", commerce, "g-1", body(viewer, host, 100, "GIFT", reference, null));
        assertThat(first.statusCode()).isEqualTo(201);
        HttpResponse<String> sameReferenceOtherKey =
                wallet.post("/internal/transfers", commerce, "g-2", body(viewer, host, 100, "GIFT", reference, null));
        assertThat(sameReferenceOtherKey.statusCode()).isEqualTo(201);
        assertThat(sameReferenceOtherKey.headers().firstValue("Idempotent-Replayed"))
                .hasValue("true");
        assertThat(json(sameReferenceOtherKey)).isEqualTo(json(first));
        HttpResponse<String> conflicting =
                wallet.post("/internal/transfers", commerce, "g-3", body(viewer, host, 101, "GIFT", reference, null));
        assertThat(conflicting.statusCode()).isEqualTo(409);
        assertThat(json(conflicting).path("code").asString()).isEqualTo("REFERENCE_CONFLICT");
        assertThat(wallet.balance(viewer)).isEqualTo(900);
        assertThat(wallet.balance(host)).isEqualTo(100);
    }

    @Test
    void shouldRefuseInvalidInternalTransfers() {
        User a = WalletHttp.newUser("a");
        User b = WalletHttp.newUser("b");
        wallet.deposit(a, 50);
        HttpResponse<String> noKey = wallet.post(
                "/internal/transfers", commerce, null, body(a, b, 10, "PAYMENT", "r-" + UUID.randomUUID(), null));
        assertThat(json(noKey).path("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REQUIRED");
        assertThat(wallet.post("/internal/transfers", commerce, "v1", body(a, a, 10, "PAYMENT", "r-self", null))
                        .statusCode())
                .isEqualTo(400);
        assertThat(wallet.post("/internal/transfers", commerce, "v2", body(a, b, 0, "PAYMENT", "r-zero", null))
                        .statusCode())
                .isEqualTo(400);
        assertThat(wallet.post("/internal/transfers", commerce, "v3", body(a, b, 10, "DEPOSIT", "r-type", null))
                        .statusCode())
                .isEqualTo(400);
        assertThat(wallet.post("/internal/transfers", commerce, "v4", body(a, b, 10, "PAYMENT", "r-fee", 10_001))
                        .statusCode())
                .isEqualTo(400);
        String reference = "r-" + UUID.randomUUID();
        HttpResponse<String> poor =
                wallet.post("/internal/transfers", commerce, "v5", body(a, b, 51, "PAYMENT", reference, null));
        assertThat(poor.statusCode()).isEqualTo(422);
        assertThat(json(poor).path("code").asString()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(wallet.get("/internal/transfers/by-reference/" + reference, commerce)
                        .statusCode())
                .as("a refused transfer leaves its reference unused")
                .isEqualTo(404);
        assertThat(wallet.balance(a)).isEqualTo(50);
        assertThat(wallet.post("/internal/transfers", commerce, "v6", body(a, b, 50, "PAYMENT", reference, null))
                        .statusCode())
                .isEqualTo(201);
    }
}
