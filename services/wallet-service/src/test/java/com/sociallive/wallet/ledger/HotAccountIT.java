package com.sociallive.wallet.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.wallet.WalletHttp;
import com.sociallive.wallet.WalletHttp.User;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue #5, item 5: 50 buyers pay one seller at the same moment through the internal API. All must succeed (the seller
 * row is locked only for the short end of each transaction); the time is logged, not asserted (timing goals live in
 * bench/).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HotAccountIT {

    private static final Logger log = LoggerFactory.getLogger(HotAccountIT.class);
    private static final int BUYERS = 50;

    @LocalServerPort
    int port;

    @Test
    void shouldLetFiftyBuyersPayOneSellerAtOnce() throws Exception {
        WalletHttp wallet = new WalletHttp(port);
        List<User> buyers = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            User buyer = WalletHttp.newUser("hotbuyer" + i);
            wallet.deposit(buyer, 1_000);
            buyers.add(buyer);
        }
        // a first burst warms the JVM and the connections up; the second one is the measurement
        payAllAtOnce(wallet, buyers, WalletHttp.newUser("warmupseller"), "warm-up");
        User seller = WalletHttp.newUser("hotseller");
        payAllAtOnce(wallet, buyers, seller, "measured");
        assertThat(wallet.balance(seller)).isEqualTo(BUYERS * 190L);
        buyers.forEach(b -> assertThat(wallet.balance(b)).isEqualTo(600));
        HttpResponse<String> check = wallet.get("/admin/ledger/check", WalletHttp.adminToken());
        assertThat(WalletHttp.json(check).path("balanced").asBoolean())
                .as(check.body())
                .isTrue();
    }

    private void payAllAtOnce(WalletHttp wallet, List<User> buyers, User seller, String round) throws Exception {
        String commerce = WalletHttp.serviceToken("commerce-service");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<long[]>> calls = new ArrayList<>();
        long began;
        try (ExecutorService pool = Executors.newFixedThreadPool(BUYERS)) {
            for (User buyer : buyers) {
                calls.add(pool.submit(() -> {
                    start.await();
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = wallet.post(
                            "/internal/transfers",
                            commerce,
                            "hot-" + round + "-" + buyer.id(),
                            Map.of(
                                    "fromUserId",
                                    buyer.id(),
                                    "toUserId",
                                    seller.id(),
                                    "amount",
                                    200,
                                    "type",
                                    "PAYMENT",
                                    "reference",
                                    "hot-order-" + seller.id() + "-" + buyer.id(),
                                    "feeBps",
                                    500));
                    if (response.statusCode() != 201) {
                        throw new AssertionError(response.statusCode() + " " + response.body());
                    }
                    return new long[] {response.statusCode(), System.nanoTime() - t0};
                }));
            }
            began = System.nanoTime();
            start.countDown();
            List<Long> latencies = new ArrayList<>();
            for (Future<long[]> call : calls) {
                long[] result = call.get();
                assertThat(result[0]).as("every payment succeeds").isEqualTo(201L);
                latencies.add(result[1]);
            }
            long wall = System.nanoTime() - began;
            latencies.sort(null);
            log.info(
                    "HOT ACCOUNT ({}) {} concurrent payments to one seller: all 201 in {} ms wall; latency p50 {} ms, "
                            + "p99 {} ms, max {} ms",
                    round,
                    BUYERS,
                    wall / 1_000_000,
                    latencies.get(latencies.size() / 2) / 1_000_000,
                    latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1) / 1_000_000,
                    latencies.getLast() / 1_000_000);
        }
    }
}
