package com.sociallive.wallet.money;

import static com.sociallive.wallet.WalletHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.wallet.WalletHttp;
import com.sociallive.wallet.WalletHttp.User;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WalletApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    WalletHttp wallet;

    @BeforeEach
    void setUp() {
        wallet = new WalletHttp(port);
    }

    @Test
    void shouldShowZeroBalanceForUserWithNoActivity() {
        User user = WalletHttp.newUser("fresh");
        HttpResponse<String> response = wallet.get("/balance", user.token());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("userId").asString()).isEqualTo(user.id().toString());
        assertThat(body.path("currency").asString()).isEqualTo("COIN");
        assertThat(body.path("available").asLong()).isZero();
        assertThat(body.path("held").asLong()).isZero();
        assertThat(accountCount(user.id())).as("reading opens no account").isZero();
        assertThat(wallet.get("/balance?currency=coin", user.token()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void shouldDepositAndAnswerTransactionWithExactlyTheContractFields() {
        User user = WalletHttp.newUser("depositor");
        HttpResponse<String> response =
                wallet.post("/deposit", user.token(), "dep-1", Map.of("amount", 1500, "reference", "card-topup-1"));
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode tx = json(response);
        assertThat(response.headers().firstValue("Location"))
                .hasValue("/transactions/" + tx.path("id").asString());
        assertThat(response.headers().firstValue("Idempotent-Replayed")).isEmpty();
        List<String> fields = new ArrayList<>();
        tx.propertyNames().forEach(fields::add);
        assertThat(fields)
                .containsExactly(
                        "id",
                        "type",
                        "direction",
                        "amount",
                        "currency",
                        "balanceAfter",
                        "status",
                        "reference",
                        "createdAt");
        assertThat(tx.path("type").asString()).isEqualTo("DEPOSIT");
        assertThat(tx.path("direction").asString()).isEqualTo("CREDIT");
        assertThat(tx.path("amount").isIntegralNumber()).isTrue();
        assertThat(tx.path("amount").asLong()).isEqualTo(1500);
        assertThat(tx.path("currency").asString()).isEqualTo("COIN");
        assertThat(tx.path("balanceAfter").asLong()).isEqualTo(1500);
        assertThat(tx.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(tx.path("reference").asString()).isEqualTo("card-topup-1");
        assertThat(tx.path("createdAt").asString()).endsWith("Z");
        assertThat(wallet.balance(user)).isEqualTo(1500);
        HttpResponse<String> line = wallet.get("/transactions/" + tx.path("id").asString(), user.token());
        assertThat(line.statusCode()).isEqualTo(200);
        assertThat(json(line)).isEqualTo(tx);
    }

    @Test
    void shouldRequireIdempotencyKeyOnEveryMoneyMovingPost() {
        User user = WalletHttp.newUser("nokey");
        for (String path : List.of("/deposit", "/withdraw")) {
            HttpResponse<String> response = wallet.post(path, user.token(), null, Map.of("amount", 10));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).path("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REQUIRED");
        }
        HttpResponse<String> transfer =
                wallet.post("/transfer", user.token(), null, Map.of("toUserId", UUID.randomUUID(), "amount", 10));
        assertThat(json(transfer).path("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REQUIRED");
        assertThat(wallet.post("/deposit", user.token(), "x".repeat(256), Map.of("amount", 10))
                        .statusCode())
                .isEqualTo(400);
        assertThat(accountCount(user.id())).isZero();
    }

    @Test
    void shouldRefuseAmountsOutOfRangeWith400AndWriteNothing() {
        User user = WalletHttp.newUser("badamount");
        long entriesBefore = entryCount();
        for (Object amount : List.of(0, -1, 1_000_000_000_001L, 1.5, "100")) {
            HttpResponse<String> response =
                    wallet.post("/deposit", user.token(), UUID.randomUUID().toString(), Map.of("amount", amount));
            assertThat(response.statusCode()).as("amount %s", amount).isEqualTo(400);
            assertThat(json(response).path("code").asString()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(wallet.post("/deposit", user.token(), "max", Map.of("amount", 1_000_000_000_000L))
                        .statusCode())
                .isEqualTo(201);
        assertThat(entryCount()).isEqualTo(entriesBefore + 1);
        assertThat(wallet.post("/deposit", user.token(), "k", Map.of("amount", 5, "currency", "coin"))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void shouldReplaySameKeyAndBodyAndRefuseSameKeyWithOtherBody() {
        User user = WalletHttp.newUser("replayer");
        HttpResponse<String> first = wallet.post("/deposit", user.token(), "same-key", Map.of("amount", 700));
        HttpResponse<String> again = wallet.post("/deposit", user.token(), "same-key", Map.of("amount", 700));
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(wallet.balance(user)).as("one effect").isEqualTo(700);

        HttpResponse<String> other = wallet.post("/deposit", user.token(), "same-key", Map.of("amount", 701));
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(json(other).path("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        HttpResponse<String> otherEndpoint = wallet.post("/withdraw", user.token(), "same-key", Map.of("amount", 700));
        assertThat(json(otherEndpoint).path("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(wallet.balance(user)).isEqualTo(700);

        User stranger = WalletHttp.newUser("stranger");
        assertThat(wallet.post("/deposit", stranger.token(), "same-key", Map.of("amount", 5))
                        .statusCode())
                .as("keys are scoped per user")
                .isEqualTo(201);
    }

    @Test
    void shouldWithdrawAndRefuseOverdraftWith422MovingNothing() {
        User user = WalletHttp.newUser("withdrawer");
        HttpResponse<String> none = wallet.post("/withdraw", user.token(), "w0", Map.of("amount", 1));
        assertThat(none.statusCode()).isEqualTo(422);
        assertThat(json(none).path("code").asString()).isEqualTo("INSUFFICIENT_FUNDS");
        wallet.deposit(user, 1000);
        HttpResponse<String> ok =
                wallet.post("/withdraw", user.token(), "w1", Map.of("amount", 400, "destination", "iban-x"));
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(json(ok).path("type").asString()).isEqualTo("WITHDRAWAL");
        assertThat(json(ok).path("direction").asString()).isEqualTo("DEBIT");
        assertThat(json(ok).path("balanceAfter").asLong()).isEqualTo(600);
        long entries = entryCount();
        HttpResponse<String> over = wallet.post("/withdraw", user.token(), "w2", Map.of("amount", 601));
        assertThat(over.statusCode()).isEqualTo(422);
        assertThat(json(over).path("code").asString()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(entryCount()).isEqualTo(entries);
        assertThat(wallet.balance(user)).isEqualTo(600);
        HttpResponse<String> replayedRefusal = wallet.post("/withdraw", user.token(), "w2", Map.of("amount", 601));
        assertThat(replayedRefusal.statusCode()).isEqualTo(422);
        assertThat(replayedRefusal.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void shouldTransferBetweenUsersAndShowBothSidesInHistory() {
        User alice = WalletHttp.newUser("alice");
        User bob = WalletHttp.newUser("bob");
        wallet.deposit(alice, 1000);
        HttpResponse<String> sent = wallet.post(
                "/transfer", alice.token(), "t1", Map.of("toUserId", bob.id(), "amount", 300, "note", "lunch"));
        assertThat(sent.statusCode()).isEqualTo(201);
        JsonNode debit = json(sent);
        assertThat(debit.path("type").asString()).isEqualTo("TRANSFER");
        assertThat(debit.path("direction").asString()).isEqualTo("DEBIT");
        assertThat(debit.path("amount").asLong()).isEqualTo(300);
        assertThat(debit.path("balanceAfter").asLong()).isEqualTo(700);
        assertThat(debit.path("counterpartyUserId").asString())
                .isEqualTo(bob.id().toString());
        assertThat(debit.path("note").asString()).isEqualTo("lunch");

        JsonNode bobs = json(wallet.get("/transactions", bob.token())).path("items");
        assertThat(bobs).hasSize(1);
        assertThat(bobs.get(0).path("id").asString()).isEqualTo(debit.path("id").asString());
        assertThat(bobs.get(0).path("direction").asString()).isEqualTo("CREDIT");
        assertThat(bobs.get(0).path("balanceAfter").asLong()).isEqualTo(300);
        assertThat(bobs.get(0).path("counterpartyUserId").asString())
                .isEqualTo(alice.id().toString());
        assertThat(wallet.balance(alice)).isEqualTo(700);
        assertThat(wallet.balance(bob)).isEqualTo(300);
    }

    @Test
    void shouldRefuseTransferToSelfUnknownUserAndOverdraft() {
        User alice = WalletHttp.newUser("alice");
        wallet.deposit(alice, 100);
        HttpResponse<String> self =
                wallet.post("/transfer", alice.token(), "s1", Map.of("toUserId", alice.id(), "amount", 10));
        assertThat(self.statusCode()).isEqualTo(400);
        assertThat(json(self).path("code").asString()).isEqualTo("VALIDATION_FAILED");
        HttpResponse<String> unknown =
                wallet.post("/transfer", alice.token(), "s2", Map.of("toUserId", UUID.randomUUID(), "amount", 10));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("code").asString()).isEqualTo("USER_NOT_FOUND");
        User bob = WalletHttp.newUser("bob");
        HttpResponse<String> over =
                wallet.post("/transfer", alice.token(), "s3", Map.of("toUserId", bob.id(), "amount", 101));
        assertThat(over.statusCode()).isEqualTo(422);
        assertThat(json(over).path("code").asString()).isEqualTo("INSUFFICIENT_FUNDS");
        HttpResponse<String> fromEmpty =
                wallet.post("/transfer", bob.token(), "s4", Map.of("toUserId", alice.id(), "amount", 1));
        assertThat(fromEmpty.statusCode()).isEqualTo(422);
        assertThat(wallet.balance(alice)).isEqualTo(100);
        assertThat(wallet.balance(bob)).isZero();
    }

    @Test
    void shouldPageHistoryNewestFirstWithKeysetCursorTypeFilterAndRunningBalances() {
        User user = WalletHttp.newUser("pager");
        User friend = WalletHttp.newUser("friend");
        long balance = 0;
        List<Long> expectedBalances = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            wallet.deposit(user, 100L * i);
            balance += 100L * i;
            expectedBalances.add(balance);
            if (i % 2 == 0) {
                wallet.post("/transfer", user.token(), "p" + i, Map.of("toUserId", friend.id(), "amount", 50));
                balance -= 50;
                expectedBalances.add(balance);
            }
        }
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> page =
                    wallet.get("/transactions?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), user.token());
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode body = json(page);
            body.path("items").forEach(all::add);
            cursor = body.path("nextCursor").isNull()
                    ? null
                    : body.path("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(4);
        assertThat(all).hasSize(10);
        List<Long> shownNewestFirst =
                all.stream().map(t -> t.path("balanceAfter").asLong()).toList();
        assertThat(shownNewestFirst).containsExactlyElementsOf(expectedBalances.reversed());
        assertThat(all.stream().map(t -> t.path("id").asString()).distinct()).hasSize(10);

        JsonNode transfers = json(wallet.get("/transactions?type=TRANSFER", user.token()));
        assertThat(transfers.path("items")).hasSize(3);
        transfers
                .path("items")
                .forEach(t -> assertThat(t.path("type").asString()).isEqualTo("TRANSFER"));
        assertThat(wallet.get("/transactions?type=BOGUS", user.token()).statusCode())
                .isEqualTo(400);
        assertThat(wallet.get("/transactions?cursor=garbage", user.token()).statusCode())
                .isEqualTo(400);
        assertThat(wallet.get("/transactions?limit=101", user.token()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void shouldReportBalancedLedgerToAdminsOnly() {
        User user = WalletHttp.newUser("checker");
        wallet.deposit(user, 42);
        assertThat(wallet.get("/admin/ledger/check", user.token()).statusCode()).isEqualTo(403);
        HttpResponse<String> report = wallet.get("/admin/ledger/check", WalletHttp.adminToken());
        assertThat(report.statusCode()).isEqualTo(200);
        JsonNode body = json(report);
        assertThat(body.path("balanced").asBoolean()).as(report.body()).isTrue();
        assertThat(body.path("mismatches")).isEmpty();
        assertThat(body.path("sumByCurrency").path("COIN").asLong()).isZero();
        assertThat(body.path("accounts").asLong()).isPositive();
    }

    @Test
    void shouldNameTheSandboxPaymentProviderInTheApiDescription() {
        HttpResponse<String> docs = wallet.get("/v3/api-docs", WalletHttp.adminToken());
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode api = json(docs);
        assertThat(api.path("info").path("description").asString()).contains("SANDBOX");
        assertThat(api.path("paths").has("/deposit")).isTrue();
        assertThat(api.path("paths").has("/internal/transfers")).isTrue();
        assertThat(api.path("paths").has("/admin/ledger/check")).isTrue();
    }

    private long accountCount(UUID owner) {
        return jdbc.sql("SELECT count(*) FROM accounts WHERE owner_id = :o")
                .param("o", owner)
                .query(Long.class)
                .single();
    }

    private long entryCount() {
        return jdbc.sql("SELECT count(*) FROM journal_entries")
                .query(Long.class)
                .single();
    }
}
