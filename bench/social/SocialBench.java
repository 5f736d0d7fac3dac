import java.io.IOException;
import java.net.URI;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load test of the social service through the gateway: the DeathStarBench social-network mix (60 % home-feed
 * reads, 30 % user-timeline reads, 10 % new posts) at a fixed arrival rate (open model: latency is measured from
 * the moment a request was due, so a slow server cannot hide its queueing), plus a probe that measures how long a
 * new post takes to show in its followers' feeds. JDK only: {@code java SocialBench.java <command> [--option value]}.
 *
 * <pre>
 * register  --auth http://localhost:3001 --users 10000 [--real 10000] --concurrency 16 --out users.csv
 * run       --gateway http://localhost:8080 --auth http://localhost:3001 --users-file users.csv
 *           --rate 300 --warmup 60 --duration 180 --active 1000 --probe-followers 20
 * </pre>
 * See README.md next to this file.
 */
public class SocialBench {

    static final String PASSWORD = "bench-password-1";
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
    static final Pattern TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");

    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    final Map<String, String> options;

    SocialBench(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java SocialBench.java register|run [--option value ...] (see README.md)");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        SocialBench bench = new SocialBench(options);
        switch (args[0]) {
            case "register" -> bench.register();
            case "run" -> bench.run();
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    String opt(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    int intOpt(String name, int fallback) {
        return Integer.parseInt(opt(name, String.valueOf(fallback)));
    }

    // ---------------------------------------------------------------- register

    /**
     * Registers bench_000001..bench_real at the auth service (directly: the gateway rate-limits registrations), and
     * gives users real+1..users random ids that the auth service does not know (they appear as degraded authors).
     */
    void register() throws Exception {
        String auth = opt("auth", "http://localhost:3001");
        int users = intOpt("users", 10_000);
        int real = Math.min(users, intOpt("real", users));
        int concurrency = intOpt("concurrency", 16);
        Path out = Path.of(opt("out", "users.csv"));
        String[] ids = new String[users + 1];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Semaphore permits = new Semaphore(concurrency);
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 1; i <= real; i++) {
                int idx = i;
                permits.acquire();
                pool.submit(() -> {
                    try {
                        ids[idx] = registerOne(auth, idx);
                        if (ids[idx] == null) {
                            failed.incrementAndGet();
                        }
                    } finally {
                        permits.release();
                        int n = done.incrementAndGet();
                        if (n % 500 == 0) {
                            System.out.printf(
                                    Locale.ROOT,
                                    "registered %d/%d (%.0f/s)%n",
                                    n,
                                    real,
                                    n / ((System.nanoTime() - start) / 1e9));
                        }
                    }
                });
            }
        }
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= users; i++) {
            if (i <= real && ids[i] != null) {
                lines.add(i + "," + ids[i] + "," + username(i) + ",true");
            } else if (i > real) {
                lines.add(i + "," + java.util.UUID.randomUUID() + "," + username(i) + ",false");
            }
        }
        Files.write(out, lines);
        System.out.printf("wrote %d users to %s (%d failed)%n", lines.size(), out, failed.get());
    }

    String registerOne(String auth, int idx) {
        String body = "{\"username\":\"%s\",\"email\":\"%s@bench.example\",\"password\":\"%s\",\"displayName\":\"Bench %d\"}"
                .formatted(username(idx), username(idx), PASSWORD, idx);
        try {
            HttpResponse<String> response = post(auth + "/register", null, body);
            if (response.statusCode() == 201) {
                return firstId(response.body());
            }
            if (response.statusCode() == 409) { // registered by an earlier run: log in to learn the id
                HttpResponse<String> login = login(auth, idx);
                return login.statusCode() == 200 ? firstId(login.body()) : null;
            }
            System.err.println("register " + idx + ": " + response.statusCode() + " " + response.body());
        } catch (Exception e) {
            System.err.println("register " + idx + ": " + e);
        }
        return null;
    }

    static String username(int idx) {
        return "bench_%06d".formatted(idx);
    }

    static String firstId(String json) {
        // TokenResponse = {user:{id,...},...}: the first "id" is the user's
        Matcher m = ID.matcher(json);
        return m.find() ? m.group(1) : null;
    }

    HttpResponse<String> login(String auth, int idx) throws IOException, InterruptedException {
        return post(
                auth + "/login", null, "{\"login\":\"%s\",\"password\":\"%s\"}".formatted(username(idx), PASSWORD));
    }

    // ---------------------------------------------------------------- run

    record BenchUser(int idx, String id, String token) {}

    enum Op {
        FEED,
        TIMELINE,
        POST
    }

    static final class Stats {
        final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

        void record(long latencyMicros, int status) {
            micros.add(latencyMicros);
            statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        }
    }

    void run() throws Exception {
        String gateway = opt("gateway", "http://localhost:8080");
        String auth = opt("auth", "http://localhost:3001");
        int rate = intOpt("rate", 300);
        int warmup = intOpt("warmup", 60);
        int duration = intOpt("duration", 180);
        int activeCount = intOpt("active", 1000);
        int probeFollowers = intOpt("probe-followers", 20);
        List<String[]> all = Files.readAllLines(Path.of(opt("users-file", "users.csv"))).stream()
                .filter(l -> !l.isBlank())
                .map(l -> l.split(","))
                .toList();
        if (warmup + duration > 780) {
            throw new IllegalArgumentException("access tokens live 15 minutes: keep warmup + duration under 13 min");
        }

        System.out.printf("logging in %d active users at %s ...%n", activeCount, auth);
        List<String[]> shuffled = new ArrayList<>(all.stream()
                .filter(r -> r.length < 4 || Boolean.parseBoolean(r[3]))
                .toList());
        Collections.shuffle(shuffled, new java.util.Random(42));
        List<BenchUser> active = Collections.synchronizedList(new ArrayList<>());
        Semaphore permits = new Semaphore(16);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String[] row : shuffled.subList(0, Math.min(activeCount, shuffled.size()))) {
                permits.acquire();
                pool.submit(() -> {
                    try {
                        HttpResponse<String> r = login(auth, Integer.parseInt(row[0]));
                        Matcher m = TOKEN.matcher(r.body());
                        if (r.statusCode() == 200 && m.find()) {
                            active.add(new BenchUser(Integer.parseInt(row[0]), row[1], m.group(1)));
                        } else {
                            System.err.println("login " + row[2] + ": " + r.statusCode());
                        }
                    } catch (Exception e) {
                        System.err.println("login " + row[2] + ": " + e);
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        if (active.size() < probeFollowers + 2) {
            throw new IllegalStateException("too few users logged in: " + active.size());
        }
        List<BenchUser> users = List.copyOf(active);
        String[] allIds = all.stream().map(r -> r[1]).toArray(String[]::new);

        // the visibility probe: one author, followed by probeFollowers active users
        BenchUser probeAuthor = users.get(0);
        List<BenchUser> probeReaders = users.subList(1, 1 + probeFollowers);
        for (BenchUser reader : probeReaders) {
            HttpResponse<String> r = post(
                    gateway + "/social/follows", reader.token(), "{\"userId\":\"" + probeAuthor.id() + "\"}");
            if (r.statusCode() != 200) {
                throw new IllegalStateException("probe follow failed: " + r.statusCode() + " " + r.body());
            }
        }

        System.out.printf(
                "warm-up %d s, then %d s at %d requests/s (60 %% feed, 30 %% timeline, 10 %% post), %d users%n",
                warmup, duration, rate, users.size());
        drive(gateway, users, allIds, rate, warmup, null, null, null);
        Map<Op, Stats> stats = new TreeMap<>();
        for (Op op : Op.values()) {
            stats.put(op, new Stats());
        }
        List<Long> visibility = Collections.synchronizedList(new ArrayList<>());
        AtomicLong probeFailures = new AtomicLong();
        Instant began = Instant.now();
        drive(gateway, users, allIds, rate, duration, stats, probeAuthor, probeReaders, visibility, probeFailures);
        double seconds = Duration.between(began, Instant.now()).toMillis() / 1000.0;
        report(stats, seconds, rate, visibility, probeFailures.get(), probeReaders.size());
    }

    void drive(
            String gateway,
            List<BenchUser> users,
            String[] allIds,
            int rate,
            int seconds,
            Map<Op, Stats> stats,
            BenchUser probeAuthor,
            List<BenchUser> probeReaders) throws Exception {
        drive(gateway, users, allIds, rate, seconds, stats, probeAuthor, probeReaders, null, null);
    }

    void drive(
            String gateway,
            List<BenchUser> users,
            String[] allIds,
            int rate,
            int seconds,
            Map<Op, Stats> stats,
            BenchUser probeAuthor,
            List<BenchUser> probeReaders,
            List<Long> visibility,
            AtomicLong probeFailures) throws Exception {
        long intervalNanos = 1_000_000_000L / rate;
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            if (probeAuthor != null) {
                pool.submit(() -> probeLoop(gateway, probeAuthor, probeReaders, start, seconds, visibility, probeFailures));
            }
            for (long i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    BenchUser user = users.get(random.nextInt(users.size()));
                    double pick = random.nextDouble();
                    Op op = pick < 0.6 ? Op.FEED : pick < 0.9 ? Op.TIMELINE : Op.POST;
                    int status;
                    try {
                        HttpResponse<String> r = switch (op) {
                            case FEED -> get(gateway + "/social/feed?limit=20", user.token());
                            case TIMELINE -> get(
                                    gateway + "/social/posts?limit=20&authorId=" + allIds[random.nextInt(allIds.length)],
                                    user.token());
                            case POST -> post(
                                    gateway + "/social/posts",
                                    user.token(),
                                    "{\"content\":\"bench post " + random.nextLong() + "\"}");
                        };
                        status = r.statusCode();
                    } catch (Exception e) {
                        status = 0;
                    }
                    if (stats != null) {
                        stats.get(op).record((System.nanoTime() - due) / 1000, status);
                    }
                });
            }
        }
    }

    /** Every 2 s: the probe author posts, and each probe reader polls its feed until the post is on page one. */
    void probeLoop(
            String gateway,
            BenchUser author,
            List<BenchUser> readers,
            long start,
            int seconds,
            List<Long> visibility,
            AtomicLong failures) {
        long end = start + TimeUnit.SECONDS.toNanos(seconds) - TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> created =
                        post(gateway + "/social/posts", author.token(), "{\"content\":\"visibility probe\"}");
                long posted = System.nanoTime();
                String id = firstId(created.body());
                if (created.statusCode() != 201 || id == null) {
                    failures.incrementAndGet();
                } else {
                    long worst = 0;
                    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                        List<java.util.concurrent.Future<Long>> waits = new ArrayList<>();
                        for (BenchUser reader : readers) {
                            waits.add(pool.submit(() -> waitVisible(gateway, reader, id, posted)));
                        }
                        for (var w : waits) {
                            long t = w.get();
                            if (t < 0) {
                                failures.incrementAndGet();
                            }
                            worst = Math.max(worst, t);
                        }
                    }
                    visibility.add(worst / 1000);
                }
                Thread.sleep(2000);
            } catch (Exception e) {
                failures.incrementAndGet();
            }
        }
    }

    /** Nanoseconds from the post's 201 until it is on the reader's first feed page; -1 after 10 s. */
    long waitVisible(String gateway, BenchUser reader, String postId, long posted) throws Exception {
        while (System.nanoTime() - posted < TimeUnit.SECONDS.toNanos(10)) {
            HttpResponse<String> feed = get(gateway + "/social/feed?limit=20", reader.token());
            if (feed.statusCode() == 200 && feed.body().contains(postId)) {
                return System.nanoTime() - posted;
            }
            Thread.sleep(20);
        }
        return -1;
    }

    void report(Map<Op, Stats> stats, double seconds, int rate, List<Long> visibility, long probeFailures, int readers) {
        StringBuilder out = new StringBuilder();
        out.append("\n| operation | requests | throughput (req/s) | non-2xx | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (var entry : stats.entrySet()) {
            Stats s = entry.getValue();
            long[] sorted = s.micros.stream().mapToLong(Long::longValue).sorted().toArray();
            long bad = s.statuses.entrySet().stream()
                    .filter(e -> e.getKey() < 200 || e.getKey() >= 300)
                    .mapToLong(e -> e.getValue().get())
                    .sum();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.1f | %d | %.1f | %.1f | %.1f | %.1f |%n",
                    entry.getKey(),
                    sorted.length,
                    sorted.length / seconds,
                    bad,
                    pct(sorted, 0.50),
                    pct(sorted, 0.90),
                    pct(sorted, 0.99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0));
            if (bad > 0) {
                out.append("  statuses of ").append(entry.getKey()).append(": ").append(s.statuses).append('\n');
            }
        }
        long[] vis = visibility.stream().mapToLong(Long::longValue).sorted().toArray();
        out.append(String.format(
                Locale.ROOT,
                "%nTarget rate %d req/s over %.0f s. New post visible to all %d sampled followers: %d probes,"
                        + " p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d probe failures; polling every 20 ms, so"
                        + " times include up to one feed request)%n",
                rate,
                seconds,
                readers,
                vis.length,
                pct(vis, 0.5),
                pct(vis, 0.99),
                vis.length == 0 ? 0 : vis[vis.length - 1] / 1000.0,
                probeFailures));
        System.out.println(out);
    }

    static double pct(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, index))] / 1000.0;
    }

    // ---------------------------------------------------------------- http

    HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(String url, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
