import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load test of the streaming WebSocket: V viewers on one stream, chat sent at a steady rate, delivered messages per
 * second and send → receipt latency (p50/p99/max) over all viewers; run once through the gateway and once directly
 * on the service port, in the same go, and print the gateway's share as ratios.
 *
 * <p>Plain JDK 21+, no dependencies: {@code java bench/streaming/StreamingLoad.java --help}. The viewers are served by
 * one selector thread (by default) with hand-written RFC 6455 framing, so that the load tool, which shares the
 * machine with the services, spends as little CPU as possible per delivered frame; it prints its own CPU use.
 * Latency is receipt time minus send time, both {@code System.nanoTime()} of this one JVM (the send time travels in
 * the chat text). Only loopback targets are accepted; every loop is bounded in count and time.
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
            int selectors,
            String targets,
            Map<String, Long> watch) {}

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
            long closedEarly,
            double loadToolCpu,
            String watched) {}

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
        System.out.println(
                "| target | viewers | sent | delivered | delivered/s | p50 ms | p99 ms | max ms | lost | closed early"
                        + " | load tool CPU |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d (%d failed) | %d | %d / %d | %.0f | %.1f | %.1f | %.1f | %d | %d | %.2f cores |%n",
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
                    r.expected() - r.delivered(),
                    r.closedEarly(),
                    r.loadToolCpu());
        }
        for (Result r : results) {
            if (!r.watched().isEmpty()) {
                System.out.println(r.target() + ": " + r.watched());
            }
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
        URI ws = URI.create(base.replaceFirst("^http", "ws"));
        String path = (ws.getRawPath() == null ? "" : ws.getRawPath()) + "/ws?streamId=" + streamId + "&access_token=";
        InetSocketAddress address = new InetSocketAddress(ws.getHost(), ws.getPort() < 0 ? 80 : ws.getPort());

        Stats stats = new Stats();
        List<Viewers> loops = new ArrayList<>();
        for (int i = 0; i < o.selectors(); i++) {
            Viewers loop = new Viewers(stats, "viewers-" + target + "-" + i);
            loops.add(loop);
            loop.start();
        }
        Semaphore inFlight = new Semaphore(o.connectConcurrency());
        List<Viewer> viewers = new ArrayList<>();
        long connectStart = System.nanoTime();
        for (int i = 0; i < o.viewers(); i++) {
            if (!inFlight.tryAcquire(60, TimeUnit.SECONDS)) {
                break;
            }
            String token = viewerTokens.get(i % viewerTokens.size());
            String request = "GET " + path + token + " HTTP/1.1\r\nHost: " + ws.getHost() + ":" + address.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(randomBytes(16)) + "\r\n\r\n";
            Viewer viewer = new Viewer(request.getBytes(StandardCharsets.US_ASCII), inFlight::release);
            viewers.add(viewer);
            loops.get(i % loops.size()).connect(viewer, address);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && viewers.stream().anyMatch(v -> v.state == Viewer.CONNECTING)) {
            Thread.sleep(50);
        }
        List<Viewer> open = viewers.stream().filter(v -> v.state == Viewer.OPEN).toList();
        int failures = viewers.size() - open.size() + (o.viewers() - viewers.size());
        System.out.printf(
                Locale.ROOT,
                "connected %d sockets (%d failed%s) in %.1f s%n",
                open.size(),
                failures,
                stats.firstFailure == null ? "" : ", first: " + stats.firstFailure,
                (System.nanoTime() - connectStart) / 1e9);
        if (!stats.closes.isEmpty()) {
            System.out.println("sockets ended during the connect phase: " + stats.closes);
        }

        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        // heartbeats every 20 s, spread over the sockets
        byte[] heartbeat = "{\"type\":\"heartbeat\"}".getBytes(StandardCharsets.UTF_8);
        timers.scheduleAtFixedRate(
                () -> {
                    for (Viewer viewer : open) {
                        viewer.sendText(heartbeat);
                    }
                },
                20,
                20,
                TimeUnit.SECONDS);

        int senderCount = Math.min(o.senders(), open.size());
        long intervalNanos = (long) (1e9 / o.rate());
        AtomicLong sequence = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        // warm-up: same load, not measured
        runChat(open, senderCount, intervalNanos, o.warmup(), sequence, null);
        Thread.sleep(1000);
        stats.latency.reset();
        stats.delivered.set(0);
        stats.measuring = sequence.get();
        long cpuStart = cpuNanos();
        Map<String, Long> watchStart = processCpuNanos(o.watch());
        long start = System.nanoTime();
        runChat(open, senderCount, intervalNanos, o.duration(), sequence, sent);
        Thread.sleep(3000); // let the last messages arrive
        stats.measuring = Long.MAX_VALUE;
        double seconds = (System.nanoTime() - start) / 1e9 - 3.0;
        double cpu = (cpuNanos() - cpuStart) / 1e9 / (seconds + 3.0);
        Map<String, Long> watchEnd = processCpuNanos(o.watch());
        long got = stats.delivered.get();
        StringBuilder watched = new StringBuilder();
        for (String name : o.watch().keySet()) {
            double used = (watchEnd.get(name) - watchStart.get(name)) / 1e9;
            watched.append(String.format(
                    Locale.ROOT,
                    "%s%s %.2f cores, %.1f µs CPU per delivery",
                    watched.isEmpty() ? "" : "; ",
                    name,
                    used / (seconds + 3.0),
                    used * 1e6 / Math.max(1, got)));
        }
        long expected = sent.get() * open.size();

        timers.shutdownNow();
        for (Viewers loop : loops) {
            loop.shutdown();
        }
        try {
            endStream(http, base, hostToken, streamId);
        } catch (IOException e) {
            System.out.println("could not end the stream (" + e + "); the measurement stands");
        }
        Result result = new Result(
                target,
                open.size(),
                failures,
                sent.get(),
                expected,
                got,
                got / Math.max(0.001, seconds),
                stats.latency.percentile(0.50) / 1000.0,
                stats.latency.percentile(0.99) / 1000.0,
                stats.latency.max() / 1000.0,
                stats.closedEarly.get(),
                cpu,
                watched.toString());
        System.out.println(result);
        if (!stats.closes.isEmpty()) {
            System.out.println("sockets ended (whole run): " + stats.closes);
        }
        return result;
    }

    /** Sends chat from {@code senders} sockets in turn at one message per {@code intervalNanos}, for {@code length}. */
    static void runChat(
            List<Viewer> sockets,
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
            Viewer sender = sockets.get(turn++ % senders);
            long seq = sequence.incrementAndGet();
            // the send time is taken right before the write, on the clock the receivers read (System.nanoTime)
            String chat = "{\"type\":\"chat\",\"text\":\"" + MARK + seq + "|" + System.nanoTime() + "\"}";
            sender.sendText(chat.getBytes(StandardCharsets.UTF_8));
            if (sent != null) {
                sent.incrementAndGet();
            }
            next += intervalNanos;
        }
    }

    /** utime + stime of each watched process (Linux /proc), in nanoseconds; clock ticks assumed 100 per second. */
    static Map<String, Long> processCpuNanos(Map<String, Long> pids) {
        Map<String, Long> cpu = new LinkedHashMap<>();
        for (Map.Entry<String, Long> pid : pids.entrySet()) {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid.getValue() + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                cpu.put(pid.getKey(), (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L);
            } catch (IOException | RuntimeException e) {
                cpu.put(pid.getKey(), 0L);
            }
        }
        return cpu;
    }

    static long cpuNanos() {
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(Duration::toNanos)
                .orElse(0L);
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** What every viewer's receipts add up to. */
    static final class Stats {
        final Histogram latency = new Histogram();
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong closedEarly = new AtomicLong();
        // messages with a sequence number above this one are measured (warm-up backlog is not)
        volatile long measuring = Long.MAX_VALUE;
        volatile String firstFailure;
        // why open sockets ended, whenever that was (close code, or end of stream without a close frame)
        final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> closes =
                new java.util.concurrent.ConcurrentHashMap<>();

        void closed(String why) {
            closes.computeIfAbsent(why, k -> new AtomicLong()).incrementAndGet();
        }

        void failed(String why) {
            if (firstFailure == null) {
                firstFailure = why;
            }
        }
    }

    /**
     * One selector thread serving many viewers: non-blocking sockets, the upgrade written by hand, server frames
     * parsed in place from one reusable buffer per socket. A chat frame's latency is read straight from its bytes
     * (sequence and send time after the mark), so receiving allocates nothing per frame.
     */
    static final class Viewers extends Thread {
        private final Stats stats;
        private final Selector selector;
        private final ConcurrentLinkedQueue<Map.Entry<Viewer, InetSocketAddress>> pending =
                new ConcurrentLinkedQueue<>();
        private volatile boolean running = true;

        Viewers(Stats stats, String name) throws IOException {
            super(name);
            setDaemon(true);
            this.stats = stats;
            this.selector = Selector.open();
        }

        void connect(Viewer viewer, InetSocketAddress address) {
            pending.add(Map.entry(viewer, address));
            selector.wakeup();
        }

        void shutdown() throws InterruptedException {
            running = false;
            selector.wakeup();
            join(10_000);
        }

        @Override
        public void run() {
            try {
                while (running) {
                    selector.select(100);
                    Map.Entry<Viewer, InetSocketAddress> next;
                    while ((next = pending.poll()) != null) {
                        open(next.getKey(), next.getValue());
                    }
                    var keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        Viewer viewer = (Viewer) key.attachment();
                        try {
                            if (key.isConnectable()) {
                                viewer.channel.finishConnect();
                                viewer.write(ByteBuffer.wrap(viewer.upgrade));
                                key.interestOps(SelectionKey.OP_READ);
                            } else if (key.isReadable()) {
                                viewer.read(stats, System.nanoTime());
                            }
                        } catch (IOException | RuntimeException e) {
                            viewer.fail(stats, e.toString());
                            key.cancel();
                        }
                    }
                }
            } catch (IOException e) {
                stats.failed(e.toString());
            } finally {
                for (SelectionKey key : selector.keys()) {
                    ((Viewer) key.attachment()).abort();
                }
                try {
                    selector.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }

        private void open(Viewer viewer, InetSocketAddress address) {
            try {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                viewer.channel = channel;
                if (channel.connect(address)) {
                    viewer.write(ByteBuffer.wrap(viewer.upgrade));
                    channel.register(selector, SelectionKey.OP_READ, viewer);
                } else {
                    channel.register(selector, SelectionKey.OP_CONNECT, viewer);
                }
            } catch (IOException e) {
                viewer.fail(stats, e.toString());
            }
        }
    }

    /** One viewer's socket (client side of RFC 6455: frames we send are masked, frames we get are not). */
    static final class Viewer {
        static final int CONNECTING = 0, OPEN = 1, FAILED = 2;
        private static final byte[] MARK_BYTES = MARK.getBytes(StandardCharsets.US_ASCII);

        final byte[] upgrade;
        private final Runnable handshakeDone;
        volatile int state = CONNECTING;
        SocketChannel channel;
        private ByteBuffer in = ByteBuffer.allocate(4096);

        Viewer(byte[] upgrade, Runnable handshakeDone) {
            this.upgrade = upgrade;
            this.handshakeDone = handshakeDone;
        }

        void read(Stats stats, long now) throws IOException {
            int n = channel.read(in);
            if (n < 0) {
                if (state == OPEN) {
                    stats.closed("end of stream without a close frame");
                }
                if (state == OPEN && stats.measuring != Long.MAX_VALUE) {
                    stats.closedEarly.incrementAndGet();
                }
                fail(stats, "closed by the server");
                return;
            }
            in.flip();
            if (state == CONNECTING && !readUpgradeAnswer(stats)) {
                in.compact();
                return;
            }
            while (state == OPEN && frame(stats, now)) {
                // one frame handled; the next may already be in the buffer
            }
            in.compact();
            if (!in.hasRemaining()) {
                // a frame larger than the buffer (the chat history of a newcomer, say): grow
                ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                in.flip();
                bigger.put(in);
                in = bigger;
            }
        }

        private boolean readUpgradeAnswer(Stats stats) {
            for (int i = in.position(); i + 3 < in.limit(); i++) {
                if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                    byte[] head = new byte[i - in.position()];
                    in.get(head);
                    in.position(i + 4);
                    String status = new String(head, StandardCharsets.ISO_8859_1);
                    if (status.startsWith("HTTP/1.1 101")) {
                        state = OPEN;
                        handshakeDone.run();
                        return true;
                    }
                    fail(stats, status.lines().findFirst().orElse(status));
                    return false;
                }
            }
            return false;
        }

        /** Handles one complete frame at the buffer's position, or returns false when it is not all there yet. */
        private boolean frame(Stats stats, long now) throws IOException {
            int start = in.position();
            int available = in.remaining();
            if (available < 2) {
                return false;
            }
            int opcode = in.get(start) & 0x0F;
            int length = in.get(start + 1) & 0x7F;
            int header = 2;
            if (length == 126) {
                if (available < 4) {
                    return false;
                }
                length = in.getShort(start + 2) & 0xFFFF;
                header = 4;
            } else if (length == 127) {
                if (available < 10) {
                    return false;
                }
                length = (int) Math.min(Integer.MAX_VALUE - 16, in.getLong(start + 2));
                header = 10;
            }
            if (available < header + length) {
                return false;
            }
            int payload = start + header;
            switch (opcode) {
                case 0x1, 0x0 -> chat(stats, payload, payload + length, now);
                case 0x8 -> {
                    stats.closed(length >= 2
                            ? "close frame " + (((in.get(payload) & 0xff) << 8) | (in.get(payload + 1) & 0xff))
                            : "close frame without a code");
                    if (stats.measuring != Long.MAX_VALUE) {
                        stats.closedEarly.incrementAndGet();
                    }
                    state = FAILED;
                }
                case 0x9 -> {
                    byte[] body = new byte[length];
                    in.get(payload, body);
                    send(0xA, body);
                }
                default -> {
                    // pong or binary: not ours to measure
                }
            }
            in.position(payload + length);
            return true;
        }

        /** A chat frame carries MARK seq|sendNanos; anything else (counts, history before the run) is skipped. */
        private void chat(Stats stats, int from, int to, long now) {
            int mark = indexOf(from, to);
            if (mark < 0) {
                return;
            }
            int i = mark + MARK_BYTES.length;
            long seq = 0;
            for (byte b; i < to && (b = in.get(i)) != '|'; i++) {
                seq = seq * 10 + (b - '0');
            }
            long sentAt = 0;
            for (byte b; ++i < to && (b = in.get(i)) >= '0' && b <= '9'; ) {
                sentAt = sentAt * 10 + (b - '0');
            }
            if (seq > stats.measuring) {
                stats.latency.record((now - sentAt) / 1000);
                stats.delivered.incrementAndGet();
            }
        }

        private int indexOf(int from, int to) {
            outer:
            for (int i = from; i <= to - MARK_BYTES.length; i++) {
                for (int j = 0; j < MARK_BYTES.length; j++) {
                    if (in.get(i + j) != MARK_BYTES[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        void sendText(byte[] text) {
            if (state == OPEN) {
                try {
                    send(0x1, text);
                } catch (IOException e) {
                    state = FAILED;
                }
            }
        }

        /** Writes one masked frame; the sender thread and the selector thread may both write, so one at a time. */
        private synchronized void send(int opcode, byte[] body) throws IOException {
            int header = body.length < 126 ? 2 : 4;
            ByteBuffer frame = ByteBuffer.allocate(header + 4 + body.length);
            frame.put((byte) (0x80 | opcode));
            if (body.length < 126) {
                frame.put((byte) (0x80 | body.length));
            } else {
                frame.put((byte) (0x80 | 126)).putShort((short) body.length);
            }
            byte[] mask = randomBytes(4);
            frame.put(mask);
            for (int i = 0; i < body.length; i++) {
                frame.put((byte) (body[i] ^ mask[i & 3]));
            }
            write(frame.flip());
        }

        synchronized void write(ByteBuffer bytes) throws IOException {
            // small frames on a socket whose send buffer is nearly always empty: a short bounded wait is enough
            for (int tries = 0; bytes.hasRemaining() && tries < 1000; tries++) {
                if (channel.write(bytes) == 0) {
                    LockSupport.parkNanos(100_000);
                }
            }
            if (bytes.hasRemaining()) {
                throw new IOException("socket send buffer full for 100 ms");
            }
        }

        void fail(Stats stats, String why) {
            if (state == CONNECTING) {
                stats.failed(why);
                state = FAILED;
                handshakeDone.run();
            }
            state = FAILED;
            abort();
        }

        void abort() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }
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
                        .timeout(Duration.ofSeconds(30))
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
                        .timeout(Duration.ofSeconds(30))
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
        values.put("selectors", "1");
        values.put("targets", "direct,gateway");
        values.put("watch", "");
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
                          --selectors N              selector threads serving the viewer sockets (default 1)
                          --targets list             direct,gateway (default both, in that order)
                          --watch name=pid,...       also print these processes' CPU use in the measured window
                                                     (Linux /proc), e.g. streaming=1234,gateway=5678
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
                Math.max(1, Integer.parseInt(values.get("selectors"))),
                values.get("targets"),
                watch(values.get("watch")));
    }

    private static Map<String, Long> watch(String list) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String entry : list.split(",")) {
            if (!entry.isBlank()) {
                String[] nameAndPid = entry.split("=", 2);
                pids.put(nameAndPid[0].trim(), Long.parseLong(nameAndPid[1].trim()));
            }
        }
        return pids;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
