package com.sociallive.wallet.money;

import static com.sociallive.wallet.WalletHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sociallive.wallet.WalletHttp;
import com.sociallive.wallet.WalletHttp.User;
import com.sociallive.wallet.idempotency.IdempotencyKey;
import com.sociallive.wallet.ledger.Ledger;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /transfer} in one statement ({@code transfer_once}, ADR 0052): the guarantees of the general path, and
 * the answers it stores under the key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TransferOnceIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    PlatformTransactionManager transactions;

    WalletHttp wallet;

    @BeforeEach
    void setUp() {
        wallet = new WalletHttp(port);
    }

    @Test
    void shouldReplayATransferWithTheIdenticalBodyRebuiltFromItsLine() {
        User alice = WalletHttp.newUser("alice");
        User bob = WalletHttp.newUser("bob");
        wallet.deposit(alice, 1000);
        Map<String, Object> body = Map.of("toUserId", bob.id(), "amount", 250, "note", "rent");
        HttpResponse<String> first = wallet.post("/transfer", alice.token(), "rent-1", body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        // later movements change the balance; the replay still shows the balance right after this transfer
        wallet.deposit(alice, 5);

        HttpResponse<String> again = wallet.post("/transfer", alice.token(), "rent-1", body);

        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(json(again).path("balanceAfter").asLong()).isEqualTo(750);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"))
                .hasValue("/transactions/" + json(first).path("id").asString());
        assertThat(entries(alice, "rent-1")).isEqualTo(1);
        assertThat(wallet.balance(alice)).isEqualTo(755);
        assertThat(wallet.balance(bob)).isEqualTo(250);
    }

    @Test
    void shouldRefuseTheSameKeyWithAnotherBody() {
        User alice = WalletHttp.newUser("alice");
        User bob = WalletHttp.newUser("bob");
        wallet.deposit(alice, 1000);
        assertThat(wallet.post("/transfer", alice.token(), "k", Map.of("toUserId", bob.id(), "amount", 10))
                        .statusCode())
                .isEqualTo(201);

        HttpResponse<String> other =
                wallet.post("/transfer", alice.token(), "k", Map.of("toUserId", bob.id(), "amount", 11));

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(json(other).path("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(wallet.balance(alice)).isEqualTo(990);
    }

    @Test
    void shouldStoreAnOverdraftAsTheAnswerAndMoveNothing() {
        User alice = WalletHttp.newUser("alice");
        User bob = WalletHttp.newUser("bob");
        wallet.deposit(alice, 100);
        Map<String, Object> body = Map.of("toUserId", bob.id(), "amount", 101);

        HttpResponse<String> over = wallet.post("/transfer", alice.token(), "too-much", body);

        assertThat(over.statusCode()).isEqualTo(422);
        assertThat(json(over).path("code").asString()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(entries(alice, "too-much")).isZero();
        assertThat(wallet.balance(alice)).isEqualTo(100);
        assertThat(wallet.balance(bob)).isZero();
        // enough money now, but the key's answer is the refusal (API.md: same key and body, same answer)
        wallet.deposit(alice, 1000);
        HttpResponse<String> replay = wallet.post("/transfer", alice.token(), "too-much", body);
        assertThat(replay.statusCode()).isEqualTo(422);
        assertThat(json(replay).path("code").asString()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(entries(alice, "too-much")).isZero();
        assertThat(wallet.balance(alice)).isEqualTo(1100);
    }

    @Test
    void shouldHaveExactlyOneEffectForIdenticalTransfersArrivingTogether() throws Exception {
        User alice = WalletHttp.newUser("alice");
        User bob = WalletHttp.newUser("bob");
        wallet.deposit(alice, 1000);
        int copies = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(copies)) {
            for (int i = 0; i < copies; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return wallet.post("/transfer", alice.token(), "race", Map.of("toUserId", bob.id(), "amount", 300));
                }));
            }
            start.countDown();
            String firstBody = null;
            int replayed = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isIn(201, 409);
                if (response.statusCode() == 201) {
                    firstBody = firstBody == null ? response.body() : firstBody;
                    assertThat(response.body()).isEqualTo(firstBody);
                    if (response.headers().firstValue("Idempotent-Replayed").isPresent()) {
                        replayed++;
                    }
                }
            }
            assertThat(firstBody).isNotNull();
            assertThat(replayed).as("all but the first are replays").isLessThan(copies);
        }
        assertThat(entries(alice, "race")).as("exactly one effect").isEqualTo(1);
        assertThat(wallet.balance(alice)).isEqualTo(700);
        assertThat(wallet.balance(bob)).isEqualTo(300);
    }

    @Test
    void shouldTakeOverAnExpiredKeyAsANewRequest() {
        User alice = WalletHttp.newUser("alice");
        User bob = WalletHttp.newUser("bob");
        wallet.deposit(alice, 1000);
        Map<String, Object> body = Map.of("toUserId", bob.id(), "amount", 40);
        assertThat(wallet.post("/transfer", alice.token(), "old", body).statusCode())
                .isEqualTo(201);
        jdbc.sql("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE scope = :scope")
                .param("scope", "user:" + alice.id())
                .update();

        HttpResponse<String> again = wallet.post("/transfer", alice.token(), "old", body);

        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(wallet.balance(alice)).isEqualTo(920);
    }

    @Test
    void shouldRefuseToRunInsideATransactionWhereItsLocksWouldOutliveTheStatement() {
        assertThatThrownBy(() -> new TransactionTemplate(transactions)
                        .executeWithoutResult(s -> ledger.transferOnce(null, "test", null, "/transactions/x")))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    private long entries(User user, String key) {
        return jdbc.sql("SELECT count(*) FROM journal_entries WHERE idempotency_key = :key")
                .param("key", IdempotencyKey.forUser(user.id(), key).qualified())
                .query(Long.class)
                .single();
    }
}
