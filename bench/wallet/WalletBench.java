// Transfers per second through the API gateway, with latency percentiles and the wallet's invariants checked after
// the run. Single-file Java program (JDK 21+): `java WalletBench.java`. Configured by environment variables, see
// bench/wallet/README.md. Sends traffic to GATEWAY_URL only (loopback by default), for a bounded time.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class WalletBench {

    static final String GATEWAY = env("GATEWAY_URL", "http://localhost:8080");
    /** Direct mode (no gateway): AUTH_URL and WALLET_URL point at the services themselves. */
    static final String AUTH = env("AUTH_URL", GATEWAY + "/auth");
    static final String WALLET = env("WALLET_URL", GATEWAY + "/wallet");
    static final int CLIENTS = Integer.parseInt(env("CLIENTS", "8"));
    static final int DURATION = Integer.parseInt(env("DURATION", "60"));
    static final int WARMUP = Integer.parseInt(env("WARMUP", "30"));
    static final int USERS = Integer.parseInt(env("USERS", "20"));
    static final long INITIAL = 1_000_000L;
    /** Share of requests (percent) that ask for more than all the bench's money: always 422, never an entry. */
    static final int OVERDRAFT_PERCENT = Integer.parseInt(env("OVERDRAFT_PERCENT", "2"));
    /** Where to write "status,scope/key" of every 201 and 422 (run.sh checks them against the journal). */
    static final String KEYS_FILE = env("KEYS_FILE", "");
    static final java.util.Queue<String> OUTCOMES = new java.util.concurrent.ConcurrentLinkedQueue<>();

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    record User(String id, String token) {}

    public static void main(String[] args) throws Exception {
        for (String url : List.of(AUTH, WALLET)) {
            if (!URI.create(url).getHost().matches("localhost|127\\.0\\.0\\.1|\\[::1\\]")) {
                throw new IllegalArgumentException("only loopback addresses are benchmarked: " + url);
            }
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<User> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String name = "wb" + run + "_" + i;
            HttpResponse<String> r = post(AUTH + "/register", null, null,
                    "{\"username\":\"" + name + "\",\"email\":\"" + name + "@bench.example\",\"password\":\"bench-password-1\"}");
            check(r, 201, "register " + name);
            users.add(new User(field(r.body(), "\"user\"\\s*:\\s*\\{[^}]*?\"id\"\\s*:\\s*\"([^\"]+)\""),
                    field(r.body(), "\"accessToken\"\\s*:\\s*\"([^\"]+)\"")));
        }
        for (User u : users) {
            check(post(WALLET + "/deposit", u.token(), UUID.randomUUID().toString(), "{\"amount\":" + INITIAL + "}"),
                    201, "deposit");
        }
        long sumBefore = sumOfBalances(users);
        System.out.printf("wallet bench: %d users, %d clients, warm-up %d s, measured %d s, wallet at %s%n",
                USERS, CLIENTS, WARMUP, DURATION, WALLET);
        if (WARMUP > 0) {
            load(users, WARMUP);
        }
        Result result = load(users, DURATION);
        long sumAfter = sumOfBalances(users);
        boolean negative = false;
        for (User u : users) {
            negative |= balance(u) < 0;
        }
        double tps = result.created / (double) DURATION;
        double rps = (result.created + result.insufficient + result.rateLimited + result.other) / (double) DURATION;
        System.out.printf("WALLET tps=%.1f requests_per_s=%.1f p50_ms=%.2f p99_ms=%.2f created=%d insufficient=%d rate_limited=%d other=%d%n",
                tps, rps, result.p50Ms, result.p99Ms, result.created, result.insufficient, result.rateLimited, result.other);
        if (!KEYS_FILE.isEmpty()) {
            java.nio.file.Files.write(java.nio.file.Path.of(KEYS_FILE), OUTCOMES);
        }
        boolean conserved = sumAfter == sumBefore;
        System.out.printf("INVARIANTS sum_before=%d sum_after=%d conserved=%s negative_balance=%s%n",
                sumBefore, sumAfter, conserved, negative);
        if (!conserved || negative || result.other > 0) {
            System.out.println("INVARIANTS FAILED" + (result.other > 0 ? " (unexpected statuses: " + result.statuses + ")" : ""));
            System.exit(1);
        }
    }

    record Result(long created, long insufficient, long rateLimited, long other, double p50Ms, double p99Ms,
                  Map<Integer, Long> statuses) {}

    static Result load(List<User> users, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        LongAdder created = new LongAdder(), insufficient = new LongAdder(), limited = new LongAdder(), other = new LongAdder();
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        List<long[]> latencies = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<long[]>> workers = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                workers.add(pool.submit(() -> {
                    long[] mine = new long[1 << 16];
                    int n = 0;
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() < deadline) {
                        User from = users.get(random.nextInt(users.size()));
                        User to = users.get(random.nextInt(users.size()));
                        if (from == to) {
                            continue;
                        }
                        long amount = random.nextInt(100) < OVERDRAFT_PERCENT
                                ? INITIAL * users.size() + 1
                                : 1 + random.nextInt(1000);
                        String key = UUID.randomUUID().toString();
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = post(WALLET + "/transfer", from.token(), key,
                                "{\"toUserId\":\"" + to.id() + "\",\"amount\":" + amount + "}");
                        long took = System.nanoTime() - t0;
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = took;
                        statuses.merge(r.statusCode(), 1L, Long::sum);
                        if (r.statusCode() == 201 || r.statusCode() == 422) {
                            OUTCOMES.add(r.statusCode() + ",user:" + from.id() + "/" + key);
                        }
                        switch (r.statusCode()) {
                            case 201 -> created.increment();
                            case 422 -> insufficient.increment();
                            case 429 -> limited.increment();
                            default -> other.increment();
                        }
                    }
                    return Arrays.copyOf(mine, n);
                }));
            }
            for (Future<long[]> w : workers) {
                latencies.add(w.get());
            }
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        double p50 = all.length == 0 ? 0 : all[(int) (all.length * 0.50)] / 1e6;
        double p99 = all.length == 0 ? 0 : all[Math.min(all.length - 1, (int) (all.length * 0.99))] / 1e6;
        return new Result(created.sum(), insufficient.sum(), limited.sum(), other.sum(), p50, p99, statuses);
    }

    static long sumOfBalances(List<User> users) throws Exception {
        long sum = 0;
        for (User u : users) {
            sum += balance(u);
        }
        return sum;
    }

    static long balance(User u) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(WALLET + "/balance"))
                .header("Authorization", "Bearer " + u.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
        check(r, 200, "balance");
        return Long.parseLong(field(r.body(), "\"available\"\\s*:\\s*(-?\\d+)"));
    }

    static HttpResponse<String> post(String path, String token, String key, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("POST " + path + " failed: " + e, e);
        }
    }

    static void check(HttpResponse<String> r, int expected, String what) {
        if (r.statusCode() != expected) {
            throw new IllegalStateException(what + ": expected " + expected + ", got " + r.statusCode() + " " + r.body());
        }
    }

    static String field(String json, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no match for " + regex + " in " + json);
        }
        return m.group(1);
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
