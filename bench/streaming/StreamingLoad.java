import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load test of the streaming WebSocket: V viewers on one stream, chat sent at a steady rate, delivered messages per
 * second and send → receipt latency (p50/p99/max) over all viewers; run once through the gateway and once directly
 * on the service port, in the same go, and print the gateway's share as ratios.
 *
 * <p>Plain JDK 21+ (java.net.http WebSocket), no dependencies: {@code java bench/streaming/StreamingLoad.java --help}.
 * Only loopback targets are accepted; every loop is bounded in count and time.
 */
public class StreamingLoad {

    record Options(
            String gateway,
            String direct,
            String authBase,
            int viewers,
            int users,
            int senders,
            double rate,
            Duration duration,
            Duration warmup,
            int connectConcurrency,
            int clients,
            String targets) {}

    record Result(
            String target,
            int connected,
            int connectFailures,
            long sent,
            long expected,
            long delivered,
            double deliveredPerSecond,
            double p50Millis,
            double p99Millis,
            double maxMillis,
            long closedEarly) {}

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final String MARK = "bench|";

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        for (String url : new String[] {options.gateway(), options.direct(), options.authBase()}) {
            requireLoopback(url);
        }
        System.out.printf(
                Locale.ROOT,
                "viewers=%d users=%d senders=%d rate=%.1f msg/s duration=%ss targets=%s%n",
                options.viewers(),
                options.users(),
                options.senders(),
                options.rate(),
                options.duration().toSeconds(),
                options.targets());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> tokens = registerUsers(http, options);
        String hostToken = tokens.getFirst();
        List<String> viewerTokens = tokens.subList(1, tokens.size());

        List<Result> results = new ArrayList<>();
        for (String target : options.targets().split(",")) {
            String base = target.equals("gateway") ? options.gateway() + "/streaming" : options.direct();
            results.add(run(target.trim(), base, http, hostToken, viewerTokens, options));
        }
        System.out.println();
        System.out.println("| target | viewers | sent | delivered | delivered/s | p50 ms | p99 ms | max ms | lost |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d (%d failed) | %d | %d / %d | %.0f | %.1f | %.1f | %.1f | %d |%n",
                    r.target(),
                    r.connected(),
                    r.connectFailures(),
                    r.sent(),
                    r.delivered(),
                    r.expected(),
                    r.deliveredPerSecond(),
                    r.p50Millis(),
                    r.p99Millis(),
                    r.maxMillis(),
                    r.expected() - r.delivered());
        }
        Result gateway = results.stream().filter(r -> r.target().equals("gateway")).findFirst().orElse(null);
        Result direct = results.stream().filter(r -> r.target().equals("direct")).findFirst().orElse(null);
        if (gateway != null && direct != null && direct.p99Millis() > 0 && direct.deliveredPerSecond() > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "gateway/direct: p50 x%.2f, p99 x%.2f, delivered/s x%.2f%n",
                    gateway.p50Millis() / Math.max(0.001, direct.p50Millis()),
                    gateway.p99Millis() / direct.p99Millis(),
                    gateway.deliveredPerSecond() / direct.deliveredPerSecond());
        }
        System.exit(0);
    }

    static Result run(
            String target, String base, HttpClient http, String hostToken, List<String> viewerTokens, Options o)
            throws Exception {
        System.out.printf("%n== %s: %s%n", target, base);
        String streamId = startStream(http, base, hostToken, target);
        String wsBase = base.replaceFirst("^http", "ws") + "/ws?streamId=" + streamId + "&access_token=";

        Histogram latency = new Histogram();
        AtomicLong delivered = new AtomicLong();
        // messages with a sequence number above this one are measured (warm-up backlog is not)
        AtomicLong measuring = new AtomicLong(Long.MAX_VALUE);
        AtomicLong closedEarly = new AtomicLong();
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < o.clients(); i++) {
            clients.add(HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .executor(Executors.newFixedThreadPool(2))
                    .build());
        }
        List<Sender> sockets = new ArrayList<>();
        Semaphore inFlight = new Semaphore(o.connectConcurrency());
        List<CompletableFuture<WebSocket>> connecting = new ArrayList<>();
        long connectStart = System.nanoTime();
        for (int i = 0; i < o.viewers(); i++) {
            inFlight.acquire();
            String token = viewerTokens.get(i % viewerTokens.size());
            CompletableFuture<WebSocket> future = clients.get(i % clients.size())
                    .newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(20))
                    .buildAsync(URI.create(wsBase + token), listener(latency, delivered, measuring, closedEarly))
                    .whenComplete((ws, error) -> inFlight.release());
            connecting.add(future);
        }
        int failures = 0;
        for (CompletableFuture<WebSocket> future : connecting) {
            try {
                sockets.add(new Sender(future.get(60, TimeUnit.SECONDS)));
            } catch (Exception e) {
                failures++;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "connected %d sockets (%d failed) in %.1f s%n",
                sockets.size(),
                failures,
                (System.nanoTime() - connectStart) / 1e9);

        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        // heartbeats every 20 s, spread over the sockets
        timers.scheduleAtFixedRate(
                () -> {
                    for (Sender sender : sockets) {
                        sender.send("{\"type\":\"heartbeat\"}");
                    }
                },
                20,
                20,
                TimeUnit.SECONDS);

        int senderCount = Math.min(o.senders(), sockets.size());
        long intervalNanos = (long) (1e9 / o.rate());
        AtomicLong sequence = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        // warm-up: same load, not measured
        runChat(sockets, senderCount, intervalNanos, o.warmup(), sequence, null);
        Thread.sleep(1000);
        latency.reset();
        delivered.set(0);
        measuring.set(sequence.get());
        long start = System.nanoTime();
        runChat(sockets, senderCount, intervalNanos, o.duration(), sequence, sent);
        Thread.sleep(3000); // let the last messages arrive
        measuring.set(Long.MAX_VALUE);
        double seconds = (System.nanoTime() - start) / 1e9 - 3.0;
        long got = delivered.get();
        long expected = sent.get() * sockets.size();

        timers.shutdownNow();
        for (Sender sender : sockets) {
            sender.ws.abort();
        }
        endStream(http, base, hostToken, streamId);
        for (HttpClient client : clients) {
            client.shutdownNow();
        }
        Result result = new Result(
                target,
                sockets.size(),
                failures,
                sent.get(),
                expected,
                got,
                got / Math.max(0.001, seconds),
                latency.percentile(0.50) / 1000.0,
                latency.percentile(0.99) / 1000.0,
                latency.max() / 1000.0,
                closedEarly.get());
        System.out.println(result);
        return result;
    }

    /** Sends chat from {@code senders} sockets in turn at one message per {@code intervalNanos}, for {@code length}. */
    static void runChat(
            List<Sender> sockets,
            int senders,
            long intervalNanos,
            Duration length,
            AtomicLong sequence,
            AtomicLong sent)
            throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        long next = System.nanoTime();
        int turn = 0;
        long maxMessages = length.toSeconds() * 10_000L + 1; // bounded in count as well as in time
        for (long n = 0; n < maxMessages && System.nanoTime() < end; n++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Sender sender = sockets.get(turn++ % senders);
            long seq = sequence.incrementAndGet();
            sender.send("{\"type\":\"chat\",\"text\":\"" + MARK + seq + "|" + System.nanoTime() + "\"}");
            if (sent != null) {
                sent.incrementAndGet();
            }
            next += intervalNanos;
        }
    }

    static WebSocket.Listener listener(
            Histogram latency, AtomicLong delivered, AtomicLong measuring, AtomicLong closedEarly) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                long now = System.nanoTime();
                partial.append(data);
                if (last) {
                    String frame = partial.toString();
                    partial.setLength(0);
                    int mark = frame.indexOf(MARK);
                    if (mark >= 0 && frame.contains("\"type\":\"chat\"")) {
                        int bar = frame.indexOf('|', mark + MARK.length());
                        int end = frame.indexOf('"', bar);
                        long seq = bar > 0 ? Long.parseLong(frame.substring(mark + MARK.length(), bar)) : 0;
                        if (bar > 0 && end > bar && seq > measuring.get()) {
                            long sentAt = Long.parseLong(frame.substring(bar + 1, end));
                            latency.record((now - sentAt) / 1000);
                            delivered.incrementAndGet();
                        }
                    }
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                if (measuring.get() != Long.MAX_VALUE) {
                    closedEarly.incrementAndGet();
                }
                return null;
            }
        };
    }

    static List<String> registerUsers(HttpClient http, Options o) throws Exception {
        int count = o.users() + 1;
        System.out.printf("registering %d users on %s ...%n", count, o.authBase());
        String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
        List<CompletableFuture<String>> futures = new ArrayList<>();
        Semaphore inFlight = new Semaphore(8);
        for (int i = 0; i < count; i++) {
            String username = "bench_" + run + "_" + i;
            String body = "{\"username\":\"" + username + "\",\"email\":\"" + username
                    + "@bench.invalid\",\"password\":\"bench-password-1\"}";
            inFlight.acquire();
            futures.add(http.sendAsync(
                            HttpRequest.newBuilder(URI.create(o.authBase() + "/register"))
                                    .timeout(Duration.ofSeconds(30))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> inFlight.release())
                    .thenApply(response -> {
                        Matcher token = ACCESS_TOKEN.matcher(response.body());
                        if (response.statusCode() != 201 || !token.find()) {
                            throw new IllegalStateException(
                                    "register failed: " + response.statusCode() + " " + response.body());
                        }
                        return token.group(1);
                    }));
        }
        List<String> tokens = new ArrayList<>();
        for (CompletableFuture<String> future : futures) {
            tokens.add(future.get(60, TimeUnit.SECONDS));
        }
        return tokens;
    }

    static String startStream(HttpClient http, String base, String hostToken, String target) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/start"))
                        .header("Authorization", "Bearer " + hostToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"title\":\"bench " + target + " " + Instant.now() + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("start failed: " + response.statusCode() + " " + response.body());
        }
        return id.group(1);
    }

    static void endStream(HttpClient http, String base, String hostToken, String streamId) throws Exception {
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/end"))
                        .header("Authorization", "Bearer " + hostToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"streamId\":\"" + streamId + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Latencies in microseconds, log-linear buckets (~1 % precision up to 100 s). */
    static final class Histogram {
        private static final int SUB = 128;
        private final AtomicLongArray counts = new AtomicLongArray(64 * SUB);
        private final AtomicLong max = new AtomicLong();
        private final AtomicLong total = new AtomicLong();

        void record(long micros) {
            long value = Math.max(0, micros);
            counts.incrementAndGet(index(value));
            total.incrementAndGet();
            max.accumulateAndGet(value, Math::max);
        }

        void reset() {
            for (int i = 0; i < counts.length(); i++) {
                counts.set(i, 0);
            }
            max.set(0);
            total.set(0);
        }

        long max() {
            return max.get();
        }

        double percentile(double p) {
            long n = total.get();
            if (n == 0) {
                return 0;
            }
            long rank = (long) Math.ceil(p * n);
            long seen = 0;
            for (int i = 0; i < counts.length(); i++) {
                seen += counts.get(i);
                if (seen >= rank) {
                    return lowerBound(i);
                }
            }
            return max.get();
        }

        private static int index(long value) {
            if (value < SUB) {
                return (int) value;
            }
            int exponent = 63 - Long.numberOfLeadingZeros(value) - 6; // value >= 128
            int mantissa = (int) (value >>> exponent) - SUB / 2; // 64..127 → 0..63
            return Math.min(64 * SUB - 1, SUB + exponent * (SUB / 2) + mantissa);
        }

        private static double lowerBound(int index) {
            if (index < SUB) {
                return index;
            }
            int exponent = (index - SUB) / (SUB / 2);
            int mantissa = (index - SUB) % (SUB / 2) + SUB / 2;
            return (double) ((long) mantissa << exponent);
        }
    }

    /** The JDK WebSocket allows one outstanding send per socket: sends are chained. */
    static final class Sender {
        private final WebSocket ws;
        private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

        Sender(WebSocket ws) {
            this.ws = ws;
        }

        synchronized void send(String text) {
            if (ws.isOutputClosed()) {
                return;
            }
            tail = tail.handle((ok, error) -> null).thenCompose(ignored -> ws.sendText(text, true));
        }
    }

    static void requireLoopback(String url) throws Exception {
        String host = URI.create(url).getHost();
        if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalArgumentException("Only loopback targets are allowed here: " + url);
        }
    }

    static Options parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("gateway", "http://localhost:8080");
        values.put("direct", "http://localhost:3004");
        values.put("auth", null);
        values.put("viewers", "5000");
        values.put("users", "100");
        values.put("senders", "20");
        values.put("rate", "10");
        values.put("duration", "30");
        values.put("warmup", "10");
        values.put("connect-concurrency", "50");
        values.put("clients", "8");
        values.put("targets", "direct,gateway");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(
                        """
                        java bench/streaming/StreamingLoad.java [--option value ...]
                          --gateway URL              gateway base (default http://localhost:8080)
                          --direct URL               streaming-service base (default http://localhost:3004)
                          --auth URL                 auth base for registering users (default <gateway>/auth)
                          --viewers N                WebSocket viewers on the stream (default 5000)
                          --users N                  distinct users the viewers log in as (default 100)
                          --senders N                viewers that send chat, in turn (default 20; keep rate/senders <= 1/s
                                                     per user: the chat limit is 5 messages per 5 s per user)
                          --rate R                   chat messages per second, all senders together (default 10)
                          --duration S               measured seconds per target (default 30)
                          --warmup S                 unmeasured seconds of the same load first (default 10)
                          --connect-concurrency N    handshakes in flight (default 50)
                          --clients N                JDK HttpClients (selector threads) for the sockets (default 8)
                          --targets list             direct,gateway (default both, in that order)
                        """);
                System.exit(0);
            }
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad argument " + arg + " (see --help)");
            }
            String key = arg.substring(2);
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("unknown option " + arg + " (see --help)");
            }
            values.put(key, args[++i]);
        }
        String gateway = strip(values.get("gateway"));
        String auth = values.get("auth") == null ? gateway + "/auth" : strip(values.get("auth"));
        int viewers = Integer.parseInt(values.get("viewers"));
        int duration = Integer.parseInt(values.get("duration"));
        if (viewers < 1 || viewers > 20_000 || duration < 1 || duration > 600) {
            throw new IllegalArgumentException("viewers 1..20000, duration 1..600 s");
        }
        return new Options(
                gateway,
                strip(values.get("direct")),
                auth,
                viewers,
                Math.max(1, Integer.parseInt(values.get("users"))),
                Math.max(1, Integer.parseInt(values.get("senders"))),
                Double.parseDouble(values.get("rate")),
                Duration.ofSeconds(duration),
                Duration.ofSeconds(Math.min(120, Integer.parseInt(values.get("warmup")))),
                Math.max(1, Integer.parseInt(values.get("connect-concurrency"))),
                Math.max(1, Integer.parseInt(values.get("clients"))),
                values.get("targets"));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
