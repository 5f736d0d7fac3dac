/*
 * Flash-sale benchmark of the commerce service through the gateway (issue #7): N buyers at once order one unit each
 * of a product with U units and pay for it from their wallet. Reports orders/s and payments/s with p50/p99, then
 * checks from the outside, on the API views each party has, that no unit was oversold and that money moved exactly
 * once per paid order.
 *
 * Run with the whole system up (bin/run), JDK 21+, no build needed:
 *   java bench/commerce/FlashSale.java [--gateway http://localhost:8080] [--buyers 500] [--units 100]
 *        [--price 100] [--setup-concurrency 8] [--max-tries 8] [--retry-budget 60] [--out bench/commerce/last-run.md]
 * Exit code 0 when every check passed, 1 when one failed, 2 when the set-up failed.
 * Traffic goes to the gateway address only (localhost by default); every loop is bounded by --buyers and --max-tries.
 */

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

public class FlashSale {

    static String gateway = "http://localhost:8080";
    static int buyers = 500;
    static int units = 100;
    static long price = 100;
    static int setupConcurrency = 8;
    static int maxTries = 8;
    static long retryBudgetMillis = 60_000;
    static String out = null;
    /** Answers retried by the set-up and the checks (not part of the sale's numbers). */
    static final List<String> checkRetries = Collections.synchronizedList(new ArrayList<>());

    static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    record User(String id, String token) {}

    /** One HTTP answer; status -1 is a transport failure (timeout, refused, reset). */
    record Res(int status, String body, long nanos, String retryAfter) {
        String code() {
            Object parsed = Json.tryParse(body);
            return parsed instanceof Map<?, ?> m && m.get("code") instanceof String s ? s : null;
        }

        /** Status and code; for a 5xx also the detail, which tells the gateway's 503 from the service's own. */
        String label() {
            Object parsed = Json.tryParse(body);
            String code = str(parsed, "code");
            String detail = status >= 500 ? str(parsed, "detail") : null;
            return (code == null ? Integer.toString(status) : status + " " + code)
                    + (detail == null ? "" : " \"" + detail + "\"");
        }
    }

    /** A request as a client sees it: every try, the final answer, and the time from the first try to that answer. */
    record Call(Res last, List<String> retried, long startNanos, long endNanos) {
        int status() {
            return last.status();
        }

        long nanos() {
            return endNanos - startNanos;
        }
    }

    record Outcome(int buyer, Call order, String orderId, Call pay) {}

    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--gateway" -> gateway = args[i + 1];
                case "--buyers" -> buyers = Integer.parseInt(args[i + 1]);
                case "--units" -> units = Integer.parseInt(args[i + 1]);
                case "--price" -> price = Long.parseLong(args[i + 1]);
                case "--setup-concurrency" -> setupConcurrency = Integer.parseInt(args[i + 1]);
                case "--max-tries" -> maxTries = Math.max(1, Integer.parseInt(args[i + 1]));
                case "--retry-budget" -> retryBudgetMillis = Long.parseLong(args[i + 1]) * 1000;
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
        String productId = str(Json.parse(created.body()), "id");
        long deposit = price * 2;
        List<User> people = parallel(buyers, setupConcurrency, i -> {
            User buyer = register("fs_b_" + run + "_" + i);
            Call dep = patient(buyer, "POST", "/wallet/deposit", "{\"amount\":" + deposit + "}",
                    UUID.randomUUID().toString());
            require(dep.status() == 201, "deposit", dep.last());
            return buyer;
        });
        long sellerBefore = balance(seller);
        System.out.printf("set-up done: product %s, %d buyers funded with %d%n", productId, people.size(), deposit);

        // ---- the sale (measured): everyone orders 1 unit at once, and pays when the order was accepted; a retryable
        // answer (503, 429, 502, 504, 409 REQUEST_IN_PROGRESS, no answer) is retried with the same Idempotency-Key
        CountDownLatch go = new CountDownLatch(1);
        long[] start = new long[1];
        List<Outcome> outcomes = parallel(buyers, buyers, i -> {
            User buyer = people.get(i);
            go.await();
            Call order = call(buyer, "POST", "/commerce/orders",
                    "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":1}]}", UUID.randomUUID().toString());
            if (order.status() != 201) {
                return new Outcome(i, order, null, null);
            }
            String orderId = str(Json.parse(order.last().body()), "id");
            Call pay = call(buyer, "POST", "/commerce/payments",
                    "{\"orderId\":\"" + orderId + "\",\"method\":\"WALLET\"}", UUID.randomUUID().toString());
            return new Outcome(i, order, orderId, pay);
        }, () -> {
            start[0] = System.nanoTime();
            go.countDown();
        });
        long saleEnd = System.nanoTime();

        List<Outcome> accepted = outcomes.stream().filter(o -> o.order().status() == 201).toList();
        List<Outcome> paid = accepted.stream().filter(o -> o.pay().status() == 201).toList();
        boolean unknownOutcomes = outcomes.stream().anyMatch(o -> !verdict(o.order())
                || (o.pay() != null && !verdict(o.pay())));
        if (unknownOutcomes) {
            // an order or payment that ended without a verdict may still complete: commerce's payment recovery settles
            // a PENDING attempt within ~25 s
            System.out.println("some requests ended without a verdict; waiting 40 s for commerce's recovery");
            Thread.sleep(40_000);
        }

        // ---- checks, on the API views of each party (each with its own token), not on the answers of the sale
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<Integer, BuyerView> views = new ConcurrentHashMap<>();
        List<String> unreadable = Collections.synchronizedList(new ArrayList<>());
        parallel(people.size(), setupConcurrency, i -> {
            try {
                views.put(i, BuyerView.read(people.get(i), productId));
            } catch (Unreadable e) {
                unreadable.add("buyer " + i + ": " + e.getMessage());
            }
            return null;
        });
        if (!unreadable.isEmpty()) {
            failures.add(unreadable.size() + " buyers' views could not be read, e.g. " + unreadable.getFirst());
        }
        Map<String, Map<String, Object>> ordersById = new HashMap<>();
        Map<String, Integer> ownerOf = new HashMap<>();
        int duplicateBuyers = 0;
        for (var entry : new TreeMap<>(views).entrySet()) {
            BuyerView view = entry.getValue();
            if (view.orders().size() > 1) {
                duplicateBuyers++;
            }
            for (Map<String, Object> order : view.orders()) {
                ordersById.put(str(order, "id"), order);
                ownerOf.put(str(order, "id"), entry.getKey());
            }
        }
        if (duplicateBuyers > 0) {
            failures.add(duplicateBuyers + " buyers have more than one order for the product (one was asked for)");
        }
        long unconfirmed = ordersById.keySet().stream()
                .filter(id -> accepted.stream().noneMatch(o -> id.equals(o.orderId())))
                .count();
        if (unconfirmed > 0) {
            notes.add(unconfirmed + " orders exist that the buyer never got a 201 for (answer lost, retries exhausted)");
        }
        long answeredMissing = accepted.stream().filter(o -> !ordersById.containsKey(o.orderId())).count();
        if (answeredMissing > 0 && unreadable.isEmpty()) {
            failures.add(answeredMissing + " orders answered 201 are missing from their buyer's orders");
        }
        long reserved = ordersById.values().stream()
                .filter(o -> !"CANCELLED".equals(str(o, "status")))
                .mapToLong(FlashSale::quantity)
                .sum();
        Call productCall = patient(seller, "GET", "/commerce/products/" + productId, null, null);
        require(productCall.status() == 200, "read the product", productCall.last());
        long stockLeft = num(Json.parse(productCall.last().body()), "stock");
        if (reserved > units) {
            failures.add("oversold: " + reserved + " units in orders for " + units + " units");
        }
        if (stockLeft < 0) {
            failures.add("negative stock " + stockLeft);
        }
        if (stockLeft != units - reserved) {
            failures.add("stock left " + stockLeft + " but the buyers' orders hold " + reserved + " of " + units
                    + " units");
        }
        if (buyers >= units && reserved < units) {
            failures.add("undersold: " + (units - reserved) + " units left although " + buyers + " buyers came");
        }

        Set<String> paidByBuyers = ordersById.values().stream()
                .filter(o -> "PAID".equals(str(o, "status")))
                .map(o -> str(o, "id"))
                .collect(Collectors.toSet());
        long answeredNotPaid = paid.stream().filter(o -> !paidByBuyers.contains(o.orderId())).count();
        if (answeredNotPaid > 0 && unreadable.isEmpty()) {
            failures.add(answeredNotPaid + " payments answered 201 whose order is not PAID in the buyer's view");
        }
        long paidWithoutAnswer = paidByBuyers.stream()
                .filter(id -> paid.stream().noneMatch(o -> id.equals(o.orderId())))
                .count();
        if (paidWithoutAnswer > 0) {
            notes.add(paidWithoutAnswer + " orders PAID without a 201 to their buyer (settled by a retry or the"
                    + " recovery after the client gave up)");
        }
        long unpaid = ordersById.values().stream().filter(o -> "PENDING_PAYMENT".equals(str(o, "status"))).count();
        if (unpaid > 0) {
            failures.add(unpaid + " orders still PENDING_PAYMENT after the sale (payment final answers: "
                    + histogram(accepted.stream().filter(o -> o.pay().status() != 201).map(o -> o.pay().last())
                            .toList()) + ")");
        }

        SellerView sellerView = SellerView.read(seller);
        if (!sellerView.paidOrders().equals(paidByBuyers)) {
            failures.add("seller sees " + sellerView.paidOrders().size() + " PAID orders, buyers see "
                    + paidByBuyers.size() + (sellerView.paidOrders().size() == paidByBuyers.size() ? " (other ids)" : ""));
        }
        long paidValue = paidByBuyers.stream().mapToLong(id -> num(ordersById.get(id), "total")).sum();
        long sellerGain = balance(seller) - sellerBefore;
        if (sellerGain != paidValue) {
            failures.add("seller received " + sellerGain + ", the PAID orders are worth " + paidValue);
        }
        List<String> wrongCredits = new ArrayList<>();
        for (String id : ordersById.keySet()) {
            int credits = sellerView.creditsByReference().getOrDefault("order:" + id, 0);
            int expected = paidByBuyers.contains(id) ? 1 : 0;
            if (credits != expected) {
                wrongCredits.add(id + ": " + credits + " credits");
            }
        }
        if (!wrongCredits.isEmpty()) {
            failures.add(wrongCredits.size() + " orders credited to the seller other than once per PAID order, e.g. "
                    + wrongCredits.getFirst());
        }
        List<String> wrongBuyers = new ArrayList<>();
        for (var entry : new TreeMap<>(views).entrySet()) {
            BuyerView view = entry.getValue();
            long charged = 0;
            for (Map<String, Object> order : view.orders()) {
                String id = str(order, "id");
                boolean isPaid = paidByBuyers.contains(id);
                int debits = view.debitsByReference().getOrDefault("order:" + id, 0);
                if (debits != (isPaid ? 1 : 0)) {
                    wrongBuyers.add("buyer " + entry.getKey() + ": order " + id + " (" + str(order, "status") + ") has "
                            + debits + " payment debits");
                }
                charged += isPaid ? num(order, "total") : 0;
            }
            int stray = view.debitsByReference().entrySet().stream()
                    .filter(e -> !view.orders().stream().anyMatch(o -> e.getKey().equals("order:" + str(o, "id"))))
                    .mapToInt(Map.Entry::getValue)
                    .sum();
            if (stray > 0) {
                wrongBuyers.add("buyer " + entry.getKey() + ": " + stray + " payment debits for orders not theirs");
            }
            if (view.balance() != deposit - charged) {
                wrongBuyers.add("buyer " + entry.getKey() + ": balance " + view.balance() + " instead of "
                        + (deposit - charged));
            }
        }
        if (!wrongBuyers.isEmpty()) {
            failures.add(wrongBuyers.size() + " buyer accounts not charged exactly once per PAID order, e.g. "
                    + wrongBuyers.getFirst());
        }

        // ---- report
        double saleSecs = (saleEnd - start[0]) / 1e9;
        long lastOrderEnd = outcomes.stream().mapToLong(o -> o.order().endNanos()).max().orElse(start[0]);
        double orderSecs = Math.max(1e-9, (lastOrderEnd - start[0]) / 1e9);
        long firstPay = accepted.stream().mapToLong(o -> o.pay().startNanos()).min().orElse(saleEnd);
        long lastPay = accepted.stream().mapToLong(o -> o.pay().endNanos()).max().orElse(saleEnd);
        double paySecs = Math.max(1e-9, (lastPay - firstPay) / 1e9);
        List<Long> orderLat = outcomes.stream().map(o -> o.order().nanos()).sorted().toList();
        List<Long> payLat = accepted.stream().map(o -> o.pay().nanos()).sorted().toList();
        List<String> orderRetries = outcomes.stream().flatMap(o -> o.order().retried().stream()).toList();
        List<String> payRetries = accepted.stream().flatMap(o -> o.pay().retried().stream()).toList();
        long outOfStock = outcomes.stream().filter(o -> "OUT_OF_STOCK".equals(o.order().last().code())).count();
        long otherOrders = outcomes.size() - accepted.size() - outOfStock;

        StringBuilder report = new StringBuilder();
        report.append("## Commerce flash sale (bench/commerce/FlashSale.java), ").append(Instant.now()).append("\n\n");
        report.append(String.format("%d buyers, %d units at %d COIN, through %s; wall time of the sale %.2f s;"
                + " retryable answers retried up to %d tries / %d s per request%n%n", buyers, units, price, gateway,
                saleSecs, maxTries, retryBudgetMillis / 1000));
        report.append("| step | requests | ok | per second | p50 ms | p99 ms | retries |\n|---|---:|---|---:|---:|---:|---:|\n");
        report.append(String.format("| POST /commerce/orders | %d | %d (+%d OUT_OF_STOCK, %d other) | %.1f | %.1f | %.1f | %d |%n",
                outcomes.size(), accepted.size(), outOfStock, otherOrders, outcomes.size() / orderSecs,
                pct(orderLat, 50), pct(orderLat, 99), orderRetries.size()));
        report.append(String.format("| POST /commerce/payments | %d | %d | %.1f | %.1f | %.1f | %d |%n",
                accepted.size(), paid.size(), accepted.size() / paySecs, pct(payLat, 50), pct(payLat, 99),
                payRetries.size()));
        report.append("\nLatency = first try to final answer (retries and their waits included); per second = requests"
                + " over the span from the first to the last of them.\n");
        report.append("Order final answers: ").append(histogram(outcomes.stream().map(o -> o.order().last()).toList()))
                .append("; retried answers: ").append(countLabels(orderRetries)).append('\n');
        report.append("Payment final answers: ").append(histogram(accepted.stream().map(o -> o.pay().last()).toList()))
                .append("; retried answers: ").append(countLabels(payRetries)).append('\n');
        List<String> examples = outcomes.stream()
                .flatMap(o -> o.pay() == null ? java.util.stream.Stream.of(o.order().last())
                        : java.util.stream.Stream.of(o.order().last(), o.pay().last()))
                .filter(r -> r.status() != 201 && !(r.status() == 422 && "OUT_OF_STOCK".equals(r.code())))
                .map(r -> r.status() + " " + abbreviate(r.body()))
                .distinct()
                .limit(5)
                .toList();
        if (!examples.isEmpty()) {
            report.append("Other final answers, e.g.: ").append(examples).append('\n');
        }
        report.append(String.format("Checks (buyers', seller's own API views): orders %d holding %d units, stock left %d"
                + " (of %d); PAID %d in the buyers' views, %d in the seller's; seller +%d; %s%n", ordersById.size(),
                reserved, stockLeft, units, paidByBuyers.size(), sellerView.paidOrders().size(), sellerGain,
                failures.isEmpty() ? "all passed" : "FAILED " + failures));
        report.append("Set-up and check requests retried: ").append(countLabels(List.copyOf(checkRetries)))
                .append('\n');
        if (!notes.isEmpty()) {
            report.append("Notes: ").append(notes).append('\n');
        }
        System.out.print(report);
        if (out != null) {
            Files.writeString(Path.of(out), report.toString());
        }
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    // ---------------------------------------------------------------- the parties' views

    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    /** What one buyer sees with their own token: their orders of the product, payment debits, balance. */
    record BuyerView(List<Map<String, Object>> orders, Map<String, Integer> debitsByReference, long balance) {
        static BuyerView read(User buyer, String productId) throws Exception {
            List<Map<String, Object>> orders = listAll(buyer, "/commerce/orders?role=buyer").stream()
                    .filter(o -> hasProduct(o, productId))
                    .toList();
            Map<String, Integer> debits = new HashMap<>();
            for (Map<String, Object> t : listAll(buyer, "/wallet/transactions?type=PAYMENT")) {
                if ("DEBIT".equals(str(t, "direction")) && str(t, "reference") != null) {
                    debits.merge(str(t, "reference"), 1, Integer::sum);
                }
            }
            return new BuyerView(orders, debits, FlashSale.balance(buyer));
        }
    }

    /** What the seller sees: the sale's orders it lists as PAID, and its payment credits per reference. */
    record SellerView(Set<String> paidOrders, Map<String, Integer> creditsByReference) {
        static SellerView read(User seller) throws Exception {
            Set<String> paidOrders = new HashSet<>();
            for (Map<String, Object> o : listAll(seller, "/commerce/orders?role=seller&status=PAID")) {
                paidOrders.add(str(o, "id"));
            }
            Map<String, Integer> credits = new HashMap<>();
            for (Map<String, Object> t : listAll(seller, "/wallet/transactions?type=PAYMENT")) {
                if ("CREDIT".equals(str(t, "direction")) && str(t, "reference") != null) {
                    credits.merge(str(t, "reference"), 1, Integer::sum);
                }
            }
            return new SellerView(paidOrders, credits);
        }
    }

    static boolean hasProduct(Map<String, Object> order, String productId) {
        return order.get("items") instanceof List<?> items
                && items.stream().anyMatch(i -> i instanceof Map<?, ?> m && productId.equals(m.get("productId")));
    }

    static long quantity(Map<String, Object> order) {
        long sum = 0;
        if (order.get("items") instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> m && m.get("quantity") instanceof Long q) {
                    sum += q;
                }
            }
        }
        return sum;
    }

    /** Every item of a paged list ({@code {items, nextCursor}}), 100 per page, each page read with retries. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> listAll(User user, String path) throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            String url = path + (path.contains("?") ? "&" : "?") + "limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            Call c = patient(user, "GET", url, null, null);
            if (c.status() != 200) {
                throw new Unreadable("GET " + url + ": " + c.last().label());
            }
            Map<String, Object> body = (Map<String, Object>) Json.parse(c.last().body());
            for (Object item : (List<Object>) body.get("items")) {
                all.add((Map<String, Object>) item);
            }
            cursor = str(body, "nextCursor");
            if (cursor == null) {
                return all;
            }
        }
        throw new IllegalStateException("more than 1000 pages of " + path);
    }

    // ---------------------------------------------------------------- HTTP with a real client's retries

    /** Answers a client retries (with the same Idempotency-Key): nothing was decided, or the decision was lost. */
    static boolean retryable(Res res) {
        return res.status() == -1
                || res.status() == 429
                || res.status() == 502
                || res.status() == 503
                || res.status() == 504
                || (res.status() == 409 && "REQUEST_IN_PROGRESS".equals(res.code()));
    }

    /** A final answer that settles the request (not a retryable one given up on). */
    static boolean verdict(Call c) {
        return !retryable(c.last());
    }

    /** Retry-After if given, plus an exponentially growing random spread, so that retries do not come back in step. */
    static long backoffMillis(Res res, int tryNumber) {
        long spread = Math.min(8_000, 250L << Math.min(tryNumber, 5));
        long wait = ThreadLocalRandom.current().nextLong(spread / 2, spread + 1);
        if (res.retryAfter() != null) {
            try {
                wait += Math.min(30, Long.parseLong(res.retryAfter().trim())) * 1000;
            } catch (NumberFormatException e) {
                // an HTTP date: the spread alone
            }
        }
        return wait;
    }

    /** A request of the sale: retried up to --max-tries. */
    static Call call(User user, String method, String path, String body, String idempotencyKey) throws Exception {
        return call(user, method, path, body, idempotencyKey, maxTries, false);
    }

    /**
     * Set-up and checks (reads, and deposits under an Idempotency-Key): not measured, retried up to 8 tries also on
     * a 500, so that a busy moment of the machine does not end the run.
     */
    static Call patient(User user, String method, String path, String body, String idempotencyKey) throws Exception {
        Call c = call(user, method, path, body, idempotencyKey, Math.max(8, maxTries), true);
        checkRetries.addAll(c.retried());
        return c;
    }

    static Call call(User user, String method, String path, String body, String idempotencyKey, int tries,
            boolean also500) throws Exception {
        long t0 = System.nanoTime();
        List<String> retried = new ArrayList<>();
        for (int tryNumber = 1; ; tryNumber++) {
            Res res = trySend(user, method, path, body, idempotencyKey);
            long wait = backoffMillis(res, tryNumber - 1);
            boolean again = (retryable(res) || also500 && res.status() == 500)
                    && tryNumber < tries
                    && (System.nanoTime() - t0) / 1_000_000 + wait <= retryBudgetMillis;
            if (!again) {
                return new Call(res, retried, t0, System.nanoTime());
            }
            retried.add(res.label());
            Thread.sleep(wait);
        }
    }

    static User register(String username) throws Exception {
        String body = "{\"username\":\"" + username + "\",\"email\":\"" + username
                + "@bench.invalid\",\"password\":\"bench-password-1\"}";
        Res res = trySend(null, "POST", "/auth/register", body, null);
        // 503 = the gateway did not forward it (auth out of rotation while busy hashing passwords): safe to repeat
        for (int retry = 0; (res.status() == 429 || res.status() == 503) && retry < 20; retry++) {
            long wait = backoffMillis(res, retry);
            if (res.status() == 429) {
                System.err.printf("register %s: 429, waiting %d ms (raise the registration limits, see README)%n",
                        username, wait);
            }
            Thread.sleep(wait);
            res = trySend(null, "POST", "/auth/register", body, null);
        }
        require(res.status() == 201, "register " + username + (res.status() == 429
                ? " (rate-limited: start the system with RATE_LIMIT_REGISTER_BURST, RATE_LIMIT_REGISTER_PER_MINUTE,"
                        + " RATE_LIMIT_ANONYMOUS_BURST, RATE_LIMIT_ANONYMOUS_PER_SECOND and AUTH_IP_LIMIT_PER_MINUTE"
                        + " raised, e.g. 100000)"
                : ""), res);
        Object parsed = Json.parse(res.body());
        Object user = ((Map<?, ?>) parsed).get("user");
        require(user instanceof Map<?, ?>, "user in TokenResponse", res);
        return new User(str((Map<?, ?>) user, "id"), str((Map<?, ?>) parsed, "accessToken"));
    }

    static long balance(User user) throws Exception {
        Call c = patient(user, "GET", "/wallet/balance", null, null);
        if (c.status() != 200) {
            throw new Unreadable("GET /wallet/balance: " + c.last().label());
        }
        return num(Json.parse(c.last().body()), "available");
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

    /** Like send, but a transport failure (timeout, refused, reset) is an answer with status -1, not a crash. */
    static Res trySend(User user, String method, String path, String body, String idempotencyKey) {
        long t0 = System.nanoTime();
        try {
            return send(user, method, path, body, idempotencyKey);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            return new Res(-1, "{\"code\":\"" + e.getClass().getSimpleName() + "\"}", System.nanoTime() - t0, null);
        }
    }

    // ---------------------------------------------------------------- small helpers

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

    static String histogram(List<Res> answers) {
        return countLabels(answers.stream().map(Res::label).toList());
    }

    static String countLabels(List<String> labels) {
        Map<String, Long> counts = labels.stream()
                .collect(Collectors.groupingBy(l -> l, TreeMap::new, Collectors.counting()));
        return counts.isEmpty() ? "none" : counts.toString();
    }

    static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }

    static String str(Object json, String name) {
        return json instanceof Map<?, ?> m && m.get(name) instanceof String s ? s : null;
    }

    static long num(Object json, String name) {
        if (json instanceof Map<?, ?> m && m.get(name) instanceof Long n) {
            return n;
        }
        throw new IllegalStateException("no number " + name + " in " + json);
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

    /** A minimal JSON reader (objects, arrays, strings, integers, true/false/null): the script has no dependencies. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json p = new Json(text);
            Object value = p.value();
            p.skip();
            if (p.i != text.length()) {
                throw new IllegalArgumentException("trailing text in JSON at " + p.i);
            }
            return value;
        }

        static Object tryParse(String text) {
            try {
                return text == null || text.isBlank() ? null : parse(text);
            } catch (RuntimeException e) {
                return null;
            }
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            skip();
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    i++;
                    skip();
                    if (s.charAt(i) == '}') {
                        i++;
                        return map;
                    }
                    while (true) {
                        skip();
                        String key = string();
                        skip();
                        expect(':');
                        map.put(key, value());
                        skip();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect('}');
                            return map;
                        }
                    }
                }
                case '[' -> {
                    List<Object> list = new ArrayList<>();
                    i++;
                    skip();
                    if (s.charAt(i) == ']') {
                        i++;
                        return list;
                    }
                    while (true) {
                        list.add(value());
                        skip();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect(']');
                            return list;
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    if (s.startsWith("true", i)) {
                        i += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", i)) {
                        i += 5;
                        return Boolean.FALSE;
                    }
                    if (s.startsWith("null", i)) {
                        i += 4;
                        return null;
                    }
                    int from = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    String number = s.substring(from, i);
                    if (number.isEmpty()) {
                        throw new IllegalArgumentException("unexpected '" + c + "' in JSON at " + from);
                    }
                    return number.matches("-?\\d+") ? (Object) Long.parseLong(number) : (Object) Double.parseDouble(number);
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' in JSON at " + i);
            }
            i++;
        }
    }
}
