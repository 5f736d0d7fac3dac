/*
 * Flash-sale benchmark of the commerce service through the gateway (issue #7): N buyers at once order one unit each
 * of a product with U units and pay for it from their wallet. Reports orders/s and payments/s with p50/p99, then
 * checks from the outside that no unit was oversold and that money moved exactly once per paid order.
 *
 * Run with the whole system up (bin/run), JDK 21+, no build needed:
 *   java bench/commerce/FlashSale.java [--gateway http://localhost:8080] [--buyers 500] [--units 100]
 *        [--price 100] [--setup-concurrency 8] [--out bench/commerce/last-run.md]
 * Exit code 0 when every check passed, 1 when one failed, 2 when the set-up failed.
 * Traffic goes to the gateway address only (localhost by default); every loop is bounded by --buyers.
 */

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class FlashSale {

    static String gateway = "http://localhost:8080";
    static int buyers = 500;
    static int units = 100;
    static long price = 100;
    static int setupConcurrency = 8;
    static String out = null;

    static final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    record User(String id, String token) {}

    record Res(int status, String body, long nanos, String retryAfter) {}

    static long retryAfter(Res res) {
        try {
            return res.retryAfter() == null ? 5 : Long.parseLong(res.retryAfter().trim());
        } catch (NumberFormatException e) {
            return 5;
        }
    }

    record Outcome(String buyerId, int orderStatus, String orderCode, long orderNanos, String orderId,
            int payStatus, String payCode, long payNanos) {}

    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--gateway" -> gateway = args[i + 1];
                case "--buyers" -> buyers = Integer.parseInt(args[i + 1]);
                case "--units" -> units = Integer.parseInt(args[i + 1]);
                case "--price" -> price = Long.parseLong(args[i + 1]);
                case "--setup-concurrency" -> setupConcurrency = Integer.parseInt(args[i + 1]);
                case "--out" -> out = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        System.out.printf("flash sale: %d buyers, %d units at %d, gateway %s%n", buyers, units, price, gateway);

        // ---- set-up (not measured): a seller, a product, buyers with 2 units' worth of coins each
        User seller = register("fs_s_" + run);
        Res created = send(seller, "POST", "/commerce/products",
                "{\"name\":\"Flash sale " + run + "\",\"price\":" + price + ",\"stock\":" + units + "}", null);
        require(created.status() == 201, "create product", created);
        String productId = field(created.body(), "id");
        long deposit = price * 2;
        List<User> people = parallel(buyers, setupConcurrency, i -> {
            User buyer = register("fs_b_" + run + "_" + i);
            Res dep = send(buyer, "POST", "/wallet/deposit", "{\"amount\":" + deposit + "}", UUID.randomUUID().toString());
            require(dep.status() == 201, "deposit", dep);
            return buyer;
        });
        long sellerBefore = balance(seller);
        System.out.printf("set-up done: product %s, %d buyers funded with %d%n", productId, people.size(), deposit);

        // ---- the sale (measured): everyone orders 1 unit at once, and pays when the order was accepted
        CountDownLatch go = new CountDownLatch(1);
        Instant[] start = new Instant[1];
        List<Outcome> outcomes = parallel(buyers, buyers, i -> {
            User buyer = people.get(i);
            go.await();
            Res order = trySend(buyer, "POST", "/commerce/orders",
                    "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1}]}", UUID.randomUUID().toString());
            if (order.status() != 201) {
                return new Outcome(buyer.id(), order.status(), field(order.body(), "code"), order.nanos(), null, 0, null, 0);
            }
            String orderId = field(order.body(), "id");
            Res pay = trySend(buyer, "POST", "/commerce/payments",
                    "{\"orderId\":\"" + orderId + "\",\"method\":\"WALLET\"}", UUID.randomUUID().toString());
            return new Outcome(buyer.id(), 201, null, order.nanos(), orderId, pay.status(), field(pay.body(), "code"),
                    pay.nanos());
        }, () -> {
            start[0] = Instant.now();
            go.countDown();
        });
        Duration elapsed = Duration.between(start[0], Instant.now());

        // ---- checks, from the outside
        List<String> failures = new ArrayList<>();
        boolean unknownOutcomes = outcomes.stream().anyMatch(o -> o.orderStatus() == 201 && o.payStatus() != 201
                && o.payStatus() != 422);
        if (unknownOutcomes) {
            // a payment answered 503/timeout may still complete: commerce's recovery settles it within ~25 s
            System.out.println("some payments ended without a verdict; waiting 40 s for commerce's recovery");
            Thread.sleep(40_000);
        }
        Map<String, String> finalStatus = new ConcurrentHashMap<>();
        List<Outcome> acceptedOrders = outcomes.stream().filter(o -> o.orderStatus() == 201).toList();
        parallel(acceptedOrders.size(), setupConcurrency, i -> {
            Outcome o = acceptedOrders.get(i);
            User buyer = people.stream().filter(p -> p.id().equals(o.buyerId())).findFirst().orElseThrow();
            Res order = send(buyer, "GET", "/commerce/orders/" + o.orderId(), null, null);
            String status = order.status() == 200 ? field(order.body(), "status") : null;
            finalStatus.put(o.buyerId(), status == null ? "UNKNOWN(" + order.status() + ")" : status);
            return null;
        });
        long paidFinal = finalStatus.values().stream().filter("PAID"::equals).count();
        long answeredButNotPaid = outcomes.stream()
                .filter(o -> o.payStatus() == 201 && !"PAID".equals(finalStatus.get(o.buyerId())))
                .count();
        if (answeredButNotPaid > 0) {
            failures.add(answeredButNotPaid + " payments answered 201 whose order is not PAID");
        }
        List<Outcome> accepted = outcomes.stream().filter(o -> o.orderStatus() == 201).toList();
        List<Outcome> paid = accepted.stream().filter(o -> o.payStatus() == 201).toList();
        long outOfStock = outcomes.stream().filter(o -> "OUT_OF_STOCK".equals(o.orderCode())).count();
        long otherOrderErrors = outcomes.size() - accepted.size() - outOfStock;
        Res product = send(seller, "GET", "/commerce/products/" + productId, null, null);
        long stockLeft = Long.parseLong(number(product.body(), "stock"));
        if (accepted.size() > units) {
            failures.add("oversold: " + accepted.size() + " orders for " + units + " units");
        }
        if (stockLeft != units - accepted.size()) {
            failures.add("stock left " + stockLeft + " but " + accepted.size() + " orders of " + units + " units");
        }
        if (stockLeft < 0) {
            failures.add("negative stock " + stockLeft);
        }
        if (otherOrderErrors > 0) {
            // a sale where buyers got errors other than OUT_OF_STOCK did not work, whatever the stock checks say
            failures.add(otherOrderErrors + " orders answered with an error other than OUT_OF_STOCK");
        }
        if (buyers >= units && accepted.size() + otherOrderErrors < units) {
            failures.add("undersold: " + accepted.size() + " orders, " + stockLeft + " units left, no other errors");
        }
        int paidOrdersSeen = countSellerOrders(seller, "PAID");
        if (paidOrdersSeen != paidFinal) {
            failures.add("seller sees " + paidOrdersSeen + " PAID orders, buyers see " + paidFinal);
        }
        long sellerGain = balance(seller) - sellerBefore;
        if (sellerGain != paidFinal * price) {
            failures.add("seller received " + sellerGain + ", expected " + paidFinal * price
                    + " (once per paid order)");
        }
        Map<String, Outcome> byBuyer = new ConcurrentHashMap<>();
        outcomes.forEach(o -> byBuyer.put(o.buyerId(), o));
        List<String> wrongBalances = Collections.synchronizedList(new ArrayList<>());
        parallel(people.size(), setupConcurrency, i -> {
            User buyer = people.get(i);
            long expected = "PAID".equals(finalStatus.get(buyer.id())) ? deposit - price : deposit;
            long actual = balance(buyer);
            if (actual != expected) {
                wrongBalances.add(buyer.id() + ": " + actual + " instead of " + expected);
            }
            return null;
        });
        if (!wrongBalances.isEmpty()) {
            failures.add(wrongBalances.size() + " buyers with a wrong balance, e.g. " + wrongBalances.getFirst());
        }

        // ---- report
        List<Long> orderLat = outcomes.stream().map(Outcome::orderNanos).sorted().toList();
        List<Long> payLat = accepted.stream().map(Outcome::payNanos).sorted().toList();
        double secs = elapsed.toNanos() / 1e9;
        StringBuilder report = new StringBuilder();
        report.append("## Commerce flash sale (bench/commerce/FlashSale.java), ").append(Instant.now()).append("\n\n");
        report.append(String.format("%d buyers, %d units at %d COIN, through %s; wall time of the sale %.2f s%n%n",
                buyers, units, price, gateway, secs));
        report.append("| step | requests | ok | per second | p50 ms | p99 ms |\n|---|---|---|---|---|---|\n");
        report.append(String.format("| POST /commerce/orders | %d | %d (+%d OUT_OF_STOCK) | %.1f | %.1f | %.1f |%n",
                outcomes.size(), accepted.size(), outOfStock, outcomes.size() / secs, pct(orderLat, 50), pct(orderLat, 99)));
        report.append(String.format("| POST /commerce/payments | %d | %d | %.1f | %.1f | %.1f |%n",
                accepted.size(), paid.size(), accepted.size() / secs, pct(payLat, 50), pct(payLat, 99)));
        report.append(String.format("%nOther order answers: %d; payment failures: %s%n", otherOrderErrors,
                accepted.stream().filter(o -> o.payStatus() != 201).map(o -> o.payStatus() + " " + o.payCode()).toList()));
        report.append(String.format("Checks: stock left %d (of %d), PAID orders %d (payments answered 201: %d),"
                + " seller received %d: %s%n", stockLeft, units, paidOrdersSeen, paid.size(), sellerGain, failures.isEmpty() ? "all passed" : "FAILED " + failures));
        System.out.print(report);
        if (out != null) {
            Files.writeString(Path.of(out), report.toString());
        }
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    // ---------------------------------------------------------------- helpers

    static User register(String username) throws Exception {
        String body = "{\"username\":\"" + username + "\",\"email\":\"" + username
                + "@bench.invalid\",\"password\":\"bench-password-1\"}";
        Res res = send(null, "POST", "/auth/register", body, null);
        for (int retry = 0; res.status() == 429 && retry < 3; retry++) {
            long wait = Math.min(65, Math.max(1, retryAfter(res)));
            System.err.printf("register %s: 429, waiting %d s (raise the registration limits, see README)%n",
                    username, wait);
            Thread.sleep(wait * 1000);
            res = send(null, "POST", "/auth/register", body, null);
        }
        require(res.status() == 201, "register " + username + (res.status() == 429
                ? " (rate-limited: start the system with RATE_LIMIT_REGISTER_BURST, RATE_LIMIT_REGISTER_PER_MINUTE,"
                        + " RATE_LIMIT_ANONYMOUS_BURST, RATE_LIMIT_ANONYMOUS_PER_SECOND and AUTH_IP_LIMIT_PER_MINUTE"
                        + " raised, e.g. 100000)"
                : ""), res);
        Matcher user = Pattern.compile("\"user\"\\s*:\\s*\\{[^}]*?\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(res.body());
        require(user.find(), "user id in TokenResponse", res);
        return new User(user.group(1), field(res.body(), "accessToken"));
    }

    static long balance(User user) throws Exception {
        Res res = send(user, "GET", "/wallet/balance", null, null);
        require(res.status() == 200, "balance", res);
        return Long.parseLong(number(res.body(), "available"));
    }

    static int countSellerOrders(User seller, String status) throws Exception {
        int count = 0;
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            Res res = send(seller, "GET", "/commerce/orders?role=seller&status=" + status + "&limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor), null, null);
            require(res.status() == 200, "list orders", res);
            Matcher ids = Pattern.compile("\"buyerId\"").matcher(res.body());
            while (ids.find()) {
                count++;
            }
            cursor = field(res.body(), "nextCursor");
            if (cursor == null) {
                return count;
            }
        }
        throw new IllegalStateException("more than 1000 pages of orders");
    }

    static Res send(User user, String method, String path, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30));
        if (user != null) {
            request.header("Authorization", "Bearer " + user.token());
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Res(response.statusCode(), response.body(), System.nanoTime() - t0,
                response.headers().firstValue("Retry-After").orElse(null));
    }

    /** Like send, but a transport failure (timeout, refused) is an answer with status -1, not a crash. */
    static Res trySend(User user, String method, String path, String body, String idempotencyKey) {
        long t0 = System.nanoTime();
        try {
            return send(user, method, path, body, idempotencyKey);
        } catch (Exception e) {
            return new Res(-1, "{\"code\":\"" + e.getClass().getSimpleName() + "\"}", System.nanoTime() - t0, null);
        }
    }

    interface Task<T> {
        T run(int i) throws Exception;
    }

    static <T> List<T> parallel(int n, int concurrency, Task<T> task) throws Exception {
        return parallel(n, concurrency, task, () -> {});
    }

    /** Runs task(0..n-1) with at most {@code concurrency} at a time; {@code started} runs once all are submitted. */
    static <T> List<T> parallel(int n, int concurrency, Task<T> task, Runnable started) throws Exception {
        Semaphore permits = new Semaphore(concurrency);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    permits.acquire();
                    try {
                        return task.run(index);
                    } finally {
                        permits.release();
                    }
                }));
            }
            started.run();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }

    static String field(String json, String name) {
        if (json == null) {
            return null;
        }
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no number " + name + " in " + json);
        }
        return m.group(1);
    }

    static double pct(List<Long> sortedNanos, int p) {
        if (sortedNanos.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, Math.min(index, sortedNanos.size() - 1))) / 1e6;
    }

    static void require(boolean ok, String what, Object detail) {
        if (!ok) {
            System.err.println("set-up failed: " + what + ": " + detail);
            System.exit(2);
        }
    }
}
