package com.sociallive.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A real SIGTERM to a real process, a service's and the gateway's, while a request is in flight: a POST whose body
 * the client is still sending, byte by byte over a raw socket (no test hook in the service). What must happen, in
 * this order:
 *
 * <ol>
 *   <li>readiness goes DOWN at once (503 {@code OUT_OF_SERVICE}) while the server still answers new requests: the
 *       drain ({@code SHUTDOWN_DRAIN_DELAY}, 3 s by default) in which load balancers take the instance out;
 *   <li>then the server takes no new connection (refused), but the request in flight stays open;
 *   <li>the request in flight completes with its normal answer (201);
 *   <li>the process exits by itself with 143 (128 + SIGTERM: the JVM's status after a shutdown on that signal).
 * </ol>
 *
 * Each test starts an instance of its own, on a port no other service knows, and leaves the shared system alone.
 */
class GracefulShutdownSystemIT {

    private static final Duration DRAIN = Duration.ofSeconds(3);

    @Test
    void serviceShouldTurnReadinessDownThenFinishTheRequestInFlight() throws Exception {
        RunningSystem system = RunningSystem.get();
        String instance = "auth-service#shutdown";
        String url = system.startExtra(instance, Map.of());

        shutDownWhileInFlight(system, instance, url, "/register", "/health/readiness", "/health/liveness", true);
    }

    @Test
    void gatewayShouldTurnReadinessDownThenFinishTheProxiedRequestInFlight() throws Exception {
        RunningSystem system = RunningSystem.get();
        String instance = "api-gateway#shutdown";
        String url = system.startExtra(instance, Map.of());

        shutDownWhileInFlight(
                system,
                instance,
                url,
                "/auth/register",
                "/actuator/health/readiness",
                "/actuator/health/liveness",
                false);
    }

    private void shutDownWhileInFlight(
            RunningSystem system,
            String instance,
            String url,
            String post,
            String readiness,
            String liveness,
            boolean healthFollowsReadiness)
            throws Exception {
        assertThat(probe(url, readiness).status()).isEqualTo(200);
        String username = "drain_" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"username\":\"" + username + "\",\"email\":\"" + username
                + "@example.com\",\"password\":\"correct-horse-42\"}";
        try (SlowPost inFlight = SlowPost.start(url, post, body)) {
            Process process = system.process(instance);
            assertThat(process).isNotNull();
            signalTerm(process);

            // 1. readiness DOWN first, and the server still serves while it drains
            Probe down = await(url, readiness, p -> p.status() != 200, Duration.ofSeconds(15));
            long downAt = System.nanoTime();
            assertThat(down.status()).as(down.body()).isEqualTo(503);
            assertThat(down.body()).contains("OUT_OF_SERVICE");
            assertThat(probe(url, liveness).status())
                    .as("a new request during the drain")
                    .isEqualTo(200);
            if (healthFollowsReadiness) {
                // the gateway's instance check reads /health: it takes the instance out during the drain
                assertThat(probe(url, "/health").status()).isEqualTo(503);
            }
            inFlight.sendSome(); // the client is still sending

            // 2. after the drain no new connection is taken; the request in flight is still open
            await(url, readiness, Probe::refused, Duration.ofSeconds(20));
            assertThat(Duration.ofNanos(System.nanoTime() - downAt))
                    .as("readiness was DOWN for the drain before connections were refused")
                    .isGreaterThanOrEqualTo(DRAIN.minusMillis(500));
            assertThat(process.isAlive()).isTrue();

            // 3. the request in flight gets its normal answer
            inFlight.sendRest();
            String answer = inFlight.response();
            assertThat(answer).startsWith("HTTP/1.1 201");
            assertThat(answer).contains("\"username\":\"" + username + "\"");

            // 4. the process exits by itself within the shutdown timeout
            assertThat(process.waitFor(40, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(143);
        }
    }

    private static void signalTerm(Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).isZero();
    }

    /** An answer to a GET on a fresh connection, or {@code refused} (refused, or reset before any answer). */
    record Probe(int status, String body, boolean refused) {}

    private static Probe await(String url, String path, Predicate<Probe> condition, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        Probe last = null;
        while (System.nanoTime() < deadline) {
            last = probe(url, path);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such answer on " + path + " within " + atMost + "; last: " + last);
    }

    /** A GET on a new connection each time (a pooled one would outlive the server's listening socket). */
    private static Probe probe(String url, String path) throws IOException {
        URI base = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 2000);
            socket.setSoTimeout(5000);
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String response = readAll(socket.getInputStream());
            if (response.isEmpty()) {
                return new Probe(-1, "(closed without an answer)", true);
            }
            int status = Integer.parseInt(response.substring(9, 12));
            int bodyAt = response.indexOf("\r\n\r\n");
            return new Probe(status, bodyAt < 0 ? "" : response.substring(bodyAt + 4), false);
        } catch (ConnectException e) {
            return new Probe(-1, e.getMessage(), true);
        } catch (SocketException e) {
            // taken into the listen backlog just before the server closed its socket: reset, never served
            return new Probe(-1, e.getMessage(), true);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A POST whose body is sent in pieces, at the test's pace, over its own connection. */
    private static final class SlowPost implements AutoCloseable {

        private final Socket socket;
        private final OutputStream out;
        private final byte[] body;
        private int sent;

        private SlowPost(Socket socket, byte[] body) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.body = body;
        }

        static SlowPost start(String url, String path, String json) throws IOException {
            URI base = URI.create(url);
            Socket socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(30_000);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            SlowPost post = new SlowPost(socket, body);
            post.out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost()
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            post.sendSome();
            return post;
        }

        /** A few more bytes, never the last one: the request stays in flight. */
        void sendSome() throws IOException {
            int next = Math.min(sent + 5, body.length - 1);
            out.write(body, sent, next - sent);
            out.flush();
            sent = next;
        }

        void sendRest() throws IOException {
            while (sent < body.length) {
                out.write(body[sent++]);
                out.flush();
            }
        }

        String response() throws IOException {
            return readAll(socket.getInputStream());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
