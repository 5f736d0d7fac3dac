package com.sociallive.streaming;

import com.sociallive.platform.test.TestAuthServer;
import com.sociallive.platform.test.TestDatabase;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Not a test: runs the streaming service alone for a local {@code bench/streaming} run without the rest of the
 * system. Embedded PostgreSQL, the test auth server (JWKS) and a fake wallet stand in for the others, and a tiny
 * {@code POST /register} on {@code authPort} mints access tokens for the load tool's users. Loopback only.
 *
 * <pre>
 * java -cp "target/classes:target/test-classes:$(cat cp.txt)" com.sociallive.streaming.LocalBenchHarness 3904 3901
 * java bench/streaming/StreamingLoad.java --direct http://127.0.0.1:3904 --auth http://127.0.0.1:3901 --targets direct
 * </pre>
 */
public final class LocalBenchHarness {

    private static final Pattern USERNAME = Pattern.compile("\"username\"\\s*:\\s*\"([^\"]+)\"");

    private LocalBenchHarness() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int authPort = Integer.parseInt(args[1]);
        TestAuthServer auth = TestAuthServer.get();
        HttpServer register = HttpServer.create(new InetSocketAddress("127.0.0.1", authPort), 0);
        register.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        register.createContext("/register", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher name = USERNAME.matcher(body);
            String username = name.find() ? name.group(1) : "user_" + UUID.randomUUID();
            UUID id = UUID.randomUUID();
            auth.registerUser(id, username, username);
            String token = auth.userToken(id, username, UUID.randomUUID().toString(), java.time.Duration.ofHours(2));
            byte[] answer = ("{\"user\":{\"id\":\"" + id + "\",\"username\":\"" + username + "\"},\"accessToken\":\""
                            + token + "\",\"tokenType\":\"Bearer\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, answer.length);
            try (var out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        register.start();
        TestDatabase database = TestDatabase.get();
        new SpringApplicationBuilder(StreamingServiceApplication.class)
                .run(
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + database.username(),
                        "--sociallive.services.auth=" + auth.url(),
                        "--sociallive.security.issuer=" + TestAuthServer.ISSUER,
                        "--sociallive.services.wallet=" + FakeWallet.get().url(),
                        "--logging.level.root=WARN",
                        "--spring.main.banner-mode=off");
        System.out.println("streaming-service on 127.0.0.1:" + port + ", register on 127.0.0.1:" + authPort);
    }
}
