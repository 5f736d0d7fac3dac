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
    static final int WARMUP = Integer.parseInt(env("WARMUP", "120"));
    static final int USERS = Integer.parseInt(env("USERS", "20"));
    static final long INITIAL = 1_000_000L;
    /** Share of requests (percent) that ask for more than all the bench's money: always 422, never an entry. */
    static final int OVERDRAFT_PERCENT = Integer.parseInt(env("OVERDRAFT_PERCENT", "2"));
    /** Where to write "status,scope/key" of every 201 and 422 (run.sh checks them against the journal). */
    static final String KEYS_FILE = env("KEYS_FILE", "");
    static final java.util.Queue<String> OUTCOMES = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /**
     * How the load phase sends its transfers: {@code socket} (default) is one plain blocking socket per client with
     * HTTP/1.1 keep-alive and requests built as bytes, lean like pgbench's C client; {@code jdk} is the JDK HttpClient
     * (several times the CPU per request on this machine's shared cores). Set-up and checks use the JDK client always.
     */
    static final String LOADGEN = env("LOADGEN", "socket");

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
        long cpu0 = processCpuNanos();
        Result result = load(users, DURATION);
        long cpuNanos = processCpuNanos() - cpu0;
        long sumAfter = sumOfBalances(users);
        boolean negative = false;
        for (User u : users) {
            negative |= balance(u) < 0;
        }
        double tps = result.created / (double) DURATION;
        double rps = (result.created + result.insufficient + result.rateLimited + result.other) / (double) DURATION;
        System.out.printf("WALLET tps=%.1f requests_per_s=%.1f p50_ms=%.2f p99_ms=%.2f created=%d insufficient=%d rate_limited=%d other=%d%n",
                tps, rps, result.p50Ms, result.p99Ms, result.created, result.insufficient, result.rateLimited, result.other);
        long requests = result.created + result.insufficient + result.rateLimited + result.other;
        System.out.printf("LOADGEN %s cpu_ms_per_request=%.3f (this process, measured phase)%n",
                LOADGEN, requests == 0 ? 0 : cpuNanos / 1e6 / requests);
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
                    Transport transport = LOADGEN.equals("jdk") ? new JdkTransport() : new SocketTransport(WALLET);
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
                        int status = transport.transfer(from.token(), key,
                                "{\"toUserId\":\"" + to.id() + "\",\"amount\":" + amount + "}");
                        long took = System.nanoTime() - t0;
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = took;
                        statuses.merge(status, 1L, Long::sum);
                        if (status == 201 || status == 422) {
                            OUTCOMES.add(status + ",user:" + from.id() + "/" + key);
                        }
                        switch (status) {
                            case 201 -> created.increment();
                            case 422 -> insufficient.increment();
                            case 429 -> limited.increment();
                            default -> other.increment();
                        }
                    }
                    transport.close();
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

    /** Sends one transfer and returns the HTTP status. */
    interface Transport extends AutoCloseable {
        int transfer(String token, String key, String body) throws Exception;

        @Override
        default void close() {}
    }

    static final class JdkTransport implements Transport {
        @Override
        public int transfer(String token, String key, String body) {
            return post(WALLET + "/transfer", token, key, body).statusCode();
        }
    }

    /**
     * HTTP/1.1 over one blocking socket with keep-alive: the request is built as bytes, the answer read as far as the
     * status, headers and body length; the body itself is skipped. Reconnects when the server closes the connection
     * (Connection: close, or end of stream before any byte of an answer: then the same request, same idempotency key,
     * is sent again on a new connection, which the wallet answers at most once).
     */
    static final class SocketTransport implements Transport {
        private final String host;
        private final int port;
        private final byte[] head;
        private java.net.Socket socket;
        private java.io.InputStream in;
        private java.io.OutputStream out;
        private final byte[] buf = new byte[16384];
        private int pos, lim;
        /** whether a byte of the current answer was read (then a broken connection is not retried) */
        private boolean started;
        private final StringBuilder line = new StringBuilder(128);

        SocketTransport(String walletUrl) {
            URI uri = URI.create(walletUrl);
            host = uri.getHost();
            port = uri.getPort() < 0 ? 80 : uri.getPort();
            String path = (uri.getRawPath() == null ? "" : uri.getRawPath()) + "/transfer";
            head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nContent-Type: application/json\r\nAuthorization: Bearer ").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }

        @Override
        public int transfer(String token, String key, String body) throws Exception {
            byte[] b = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            java.io.ByteArrayOutputStream req = new java.io.ByteArrayOutputStream(512);
            req.write(head);
            req.write((token + "\r\nIdempotency-Key: " + key + "\r\nContent-Length: " + b.length + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            req.write(b);
            byte[] bytes = req.toByteArray();
            for (int attempt = 0; ; attempt++) {
                boolean fresh = socket == null;
                if (fresh) {
                    connect();
                }
                try {
                    out.write(bytes);
                    out.flush();
                    return readResponse();
                } catch (java.io.EOFException | java.net.SocketException e) {
                    // a kept-alive connection the server had already closed: nothing of an answer was read
                    closeSocket();
                    if (fresh || attempt > 0 || started) {
                        throw e;
                    }
                }
            }
        }

        private void connect() throws java.io.IOException {
            socket = new java.net.Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new java.net.InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(30_000);
            in = socket.getInputStream();
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 1024);
            pos = lim = 0;
        }

        private int readResponse() throws java.io.IOException {
            pos = lim = 0;
            started = false;
            if (!fill()) {
                throw new java.io.EOFException("no answer");
            }
            started = true;
            String status = readLine();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false, close = false;
            for (String h = readLine(); !h.isEmpty(); h = readLine()) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("transfer-encoding")) {
                    chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                } else if (name.equalsIgnoreCase("connection")) {
                    close = value.equalsIgnoreCase("close");
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(readLine().split(";")[0].trim(), 16); size > 0;
                        size = Long.parseLong(readLine().split(";")[0].trim(), 16)) {
                    skip(size);
                    readLine();
                }
                for (String t = readLine(); !t.isEmpty(); t = readLine()) {
                    // trailers
                }
            } else if (length > 0) {
                skip(length);
            } else if (length < 0 && code != 204 && code != 304) {
                close = true; // body until the end of the stream: not kept alive
            }
            if (close) {
                closeSocket();
            }
            return code;
        }

        private boolean fill() throws java.io.IOException {
            if (pos < lim) {
                return true;
            }
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            lim = n;
            return true;
        }

        private String readLine() throws java.io.IOException {
            line.setLength(0);
            while (true) {
                if (!fill()) {
                    throw new java.io.EOFException("end of stream inside an answer");
                }
                byte c = buf[pos++];
                if (c == '\n') {
                    int len = line.length();
                    if (len > 0 && line.charAt(len - 1) == '\r') {
                        line.setLength(len - 1);
                    }
                    return line.toString();
                }
                line.append((char) (c & 0xff));
            }
        }

        private void skip(long n) throws java.io.IOException {
            while (n > 0) {
                if (!fill()) {
                    throw new java.io.EOFException("end of stream inside a body");
                }
                int take = (int) Math.min(n, lim - pos);
                pos += take;
                n -= take;
            }
        }

        private void closeSocket() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (java.io.IOException ignored) {
                // closing anyway
            }
            socket = null;
        }

        @Override
        public void close() {
            closeSocket();
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
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
