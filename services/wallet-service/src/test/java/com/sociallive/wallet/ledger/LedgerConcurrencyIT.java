package com.sociallive.wallet.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.wallet.WalletHttp;
import com.sociallive.wallet.WalletHttp.User;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue #5, item 4: many threads moving random amounts (often more than the sender has) among a small set of users
 * through the public API. Threads x transfers per thread: {@code -Dwallet.concurrency.threads=20
 * -Dwallet.concurrency.transfers=500} for the full run of the issue; the default (20 x 100) keeps the build short.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LedgerConcurrencyIT {

    private static final Logger log = LoggerFactory.getLogger(LedgerConcurrencyIT.class);
    private static final int USERS = 50;
    private static final long INITIAL = 1_000;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldKeepEveryInvariantUnderConcurrentRandomTransfers() throws Exception {
        int threads = Integer.getInteger("wallet.concurrency.threads", 20);
        int perThread = Integer.getInteger("wallet.concurrency.transfers", 100);
        WalletHttp wallet = new WalletHttp(port);
        List<User> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            User user = WalletHttp.newUser("conc" + i);
            assertThat(wallet.deposit(user, INITIAL).statusCode()).isEqualTo(201);
            users.add(user);
        }
        long deadlocksBefore = deadlocks();
        Map<String, Integer> statusByKey = new ConcurrentHashMap<>();
        Map<String, String> entryIdByKey = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        long began;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < perThread; i++) {
                        User from = users.get(random.nextInt(USERS));
                        User to = users.get(random.nextInt(USERS));
                        while (to == from) {
                            to = users.get(random.nextInt(USERS));
                        }
                        long amount = 1 + random.nextLong(1_500); // often more than the sender has
                        String key = UUID.randomUUID().toString();
                        HttpResponse<String> response = wallet.post(
                                "/transfer", from.token(), key, Map.of("toUserId", to.id(), "amount", amount));
                        statusByKey.put("user:" + from.id() + "/" + key, response.statusCode());
                        if (response.statusCode() == 201) {
                            entryIdByKey.put(
                                    "user:" + from.id() + "/" + key,
                                    WalletHttp.json(response).path("id").asString());
                        } else if (response.statusCode() != 422) {
                            throw new AssertionError("unexpected " + response.statusCode() + ": " + response.body());
                        }
                    }
                    return null;
                }));
            }
            began = System.nanoTime();
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        long created = statusByKey.values().stream().filter(s -> s == 201).count();
        long refused = statusByKey.values().stream().filter(s -> s == 422).count();
        log.info(
                "CONCURRENCY {} threads x {} transfers: {} x 201, {} x 422 in {} s ({} requests/s)",
                threads,
                perThread,
                created,
                refused,
                String.format("%.2f", seconds),
                String.format("%.0f", (created + refused) / seconds));

        assertThat(statusByKey).hasSize(threads * perThread);
        assertThat(created).as("some transfers succeed").isPositive();
        assertThat(refused).as("amounts often exceed balances").isPositive();

        List<UUID> ids = users.stream().map(User::id).toList();
        long sum = jdbc.sql("SELECT COALESCE(sum(balance), 0) FROM accounts WHERE owner_id IN (:ids)")
                .param("ids", ids)
                .query(Long.class)
                .single();
        assertThat(sum).as("transfers neither create nor lose money").isEqualTo(USERS * INITIAL);
        long negativeEver = jdbc.sql("""
                        SELECT count(*) FROM postings p JOIN accounts a ON a.id = p.account_id
                         WHERE a.owner_id IN (:ids) AND p.balance_after < 0""").param("ids", ids).query(Long.class).single();
        assertThat(negativeEver).as("no balance was ever below zero").isZero();

        Map<String, Long> entriesByKey = new HashMap<>();
        Map<String, String> idByKey = new HashMap<>();
        jdbc.sql("""
                        SELECT idempotency_key, count(*), min(id::text) FROM journal_entries
                         WHERE type = 'TRANSFER' AND from_user_id IN (:ids) GROUP BY idempotency_key""").param("ids", ids).query(rs -> {
            entriesByKey.put(rs.getString(1), rs.getLong(2));
            idByKey.put(rs.getString(1), rs.getString(3));
        });
        statusByKey.forEach((key, status) -> {
            if (status == 201) {
                assertThat(entriesByKey.get(key))
                        .as("one entry for 201 %s", key)
                        .isEqualTo(1L);
                assertThat(idByKey.get(key)).isEqualTo(entryIdByKey.get(key));
            } else {
                assertThat(entriesByKey.get(key)).as("no entry for 422 %s", key).isNull();
            }
        });
        assertThat(entriesByKey.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(created);
        assertThat(deadlocks()).as("no deadlock").isEqualTo(deadlocksBefore);

        HttpResponse<String> check = wallet.get("/admin/ledger/check", WalletHttp.adminToken());
        JsonNode report = WalletHttp.json(check);
        assertThat(report.path("balanced").asBoolean()).as(check.body()).isTrue();
        assertThat(report.path("mismatches")).isEmpty();
        assertThat(report.path("wrongBalanceAfter").asLong()).isZero();
        assertThat(report.path("sumByCurrency").path("COIN").asLong()).isZero();
    }

    private long deadlocks() {
        return jdbc.sql("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")
                .query(Long.class)
                .single();
    }
}
