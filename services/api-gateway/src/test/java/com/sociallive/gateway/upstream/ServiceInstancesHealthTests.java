package com.sociallive.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.gateway.ServicesProperties;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A refused health check or a DOWN answer takes an instance out at once; a check that only times out (a CPU-starved
 * but working instance) takes it out only after several in a row.
 */
class ServiceInstancesHealthTests {

    enum Mode {
        UP,
        DOWN,
        HANG
    }

    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.UP);
    private final AtomicInteger checks = new AtomicInteger();
    private HttpServer server;
    private ServiceInstances instances;

    @AfterEach
    void stop() {
        if (instances != null) {
            instances.stop();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void shouldKeepAnInstanceWhoseHealthCheckTimedOutOnceOrTwiceAndDropItAfterThree() throws Exception {
        start(serve());
        awaitChecks(2);
        mode.set(Mode.HANG);
        int before = checks.get();
        awaitChecks(before + 2); // two checks have begun hanging; the first has timed out by now
        assertThat(instances.next("social"))
                .as("in rotation after one or two timeouts")
                .isNotNull();
        await(() -> instances.next("social") == null, "out after three timeouts in a row");
        assertThat(checks.get() - before).isGreaterThanOrEqualTo(3);
        mode.set(Mode.UP);
        await(() -> instances.next("social") != null, "back once healthy");
    }

    @Test
    void shouldDropAnInstanceAtOnceWhenItsHealthSaysDown() throws Exception {
        start(serve());
        awaitChecks(1);
        mode.set(Mode.DOWN);
        int before = checks.get();
        awaitChecks(before + 1);
        await(() -> instances.next("social") == null, "out after the first DOWN");
        assertThat(checks.get() - before).isLessThanOrEqualTo(2);
    }

    @Test
    void shouldDropAnInstanceAtOnceWhenItsPortRefuses() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        start(closedPort);
        // the first check (at start) is refused: out without waiting for further checks
        await(() -> instances.next("social") == null, "out after the first refused check");
    }

    private int serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/health", exchange -> {
            checks.incrementAndGet();
            Mode now = mode.get();
            if (now == Mode.HANG) {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = now == Mode.DOWN ? 503 : 200;
            byte[] body = ("{\"status\":\"" + (now == Mode.DOWN ? "DOWN" : "UP") + "\"}").getBytes();
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    private void start(int port) {
        UpstreamProperties properties = new UpstreamProperties(
                Duration.ofSeconds(10),
                Map.of(),
                2,
                Duration.ofMillis(300),
                Duration.ofMillis(250),
                3,
                new UpstreamProperties.Breaker(50, 20, 10, Duration.ofSeconds(5), 3));
        instances =
                new ServiceInstances(new ServicesProperties(Map.of("social", "http://127.0.0.1:" + port)), properties);
        instances.start();
    }

    private void awaitChecks(int count) throws InterruptedException {
        await(() -> checks.get() >= count, count + " health checks");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
