package com.sociallive.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.platform.test.TestAuthServer;
import com.sociallive.platform.test.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two streaming-service instances on one PostgreSQL and the real Redis behave as one: chat sent on B reaches viewers
 * on A, viewer counts are global, gifts reach everyone, a stream started on A ends on B. Needs Redis on
 * 127.0.0.1:6379 and fails (never skips) without it.
 */
class TwoInstancesRedisIT {

    static final String REDIS_URL = RedisForTests.URL;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger USERS = new AtomicInteger();

    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;
    static int portA;
    static int portB;

    @BeforeAll
    static void startTwoInstances() {
        requireRedis();
        a = start();
        b = start();
        portA = port(a);
        portB = port(b);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    static void requireRedis() {
        RedisForTests.require();
    }

    static ConfigurableApplicationContext start() {
        TestDatabase database = TestDatabase.get();
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        if (database.password() != null) {
            properties.put("spring.datasource.password", database.password());
        }
        properties.put("sociallive.services.auth", TestAuthServer.get().url());
        properties.put("sociallive.security.issuer", TestAuthServer.ISSUER);
        properties.put("sociallive.services.wallet", FakeWallet.get().url());
        properties.put("REDIS_URL", REDIS_URL);
        properties.put("spring.main.banner-mode", "off");
        // as command-line arguments: they win over the platform's defaults, as the environment would
        String[] args = properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(StreamingServiceApplication.class).run(args);
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    record User(UUID id, String username, String token) {}

    static User user(String prefix) {
        UUID id = UUID.randomUUID();
        String username = prefix + "_r" + USERS.incrementAndGet();
        TestAuthServer.get().registerUser(id, username, "The " + prefix);
        return new User(id, username, TestAuthServer.get().userToken(id, username));
    }

    static HttpResponse<String> post(int port, String path, User user, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode get(int port, String path, User user) throws Exception {
        return JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Bearer " + user.token())
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }

    static void awaitViewerCount(int port, String id, User user, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int count;
        do {
            count = get(port, "/streams/" + id, user).path("viewerCount").asInt();
            if (count != expected) {
                Thread.sleep(50);
            }
        } while (count != expected && System.nanoTime() < deadline);
        assertThat(count).isEqualTo(expected);
    }

    @Test
    void shouldBehaveAsOneServiceAcrossTwoInstances() throws Exception {
        assertThat(a.getEnvironment().getProperty("sociallive.streaming.redis-url"))
                .isEqualTo(REDIS_URL);
        User host = user("host");
        HttpResponse<String> started = post(portA, "/start", host, "{\"title\":\"scaled out\"}", null);
        assertThat(started.statusCode()).isEqualTo(201);
        String id = JSON.readTree(started.body()).path("id").asString();
        String streamRef = "{\"streamId\":\"" + id + "\"}";

        User alice = user("alice");
        User bob = user("bob");
        try (WsClient onA = WsClient.connect(portA, id, alice.token());
                WsClient hostOnA = WsClient.connect(portA, id, host.token());
                WsClient onB = WsClient.connect(portB, id, bob.token())) {
            // viewer counts are global: both sockets count, whichever instance they are on
            onA.viewerCount(2);
            onB.viewerCount(2);
            assertThat(get(portA, "/streams/" + id, host).path("viewerCount").asInt())
                    .isEqualTo(2);
            assertThat(get(portB, "/streams/" + id, host).path("viewerCount").asInt())
                    .isEqualTo(2);

            // an HTTP join on B is seen by the sockets on A
            User carol = user("carol");
            assertThat(JSON.readTree(
                                    post(portB, "/join", carol, streamRef, null).body())
                            .path("viewerCount")
                            .asInt())
                    .isEqualTo(3);
            onA.viewerCount(3);
            assertThat(JSON.readTree(
                                    post(portA, "/join", carol, streamRef, null).body())
                            .path("viewerCount")
                            .asInt())
                    .as("joining again on the other instance counts once")
                    .isEqualTo(3);

            // chat sent on B reaches the viewers on A (and B)
            onB.send("{\"type\":\"chat\",\"text\":\"hello from B\"}");
            JsonNode chatOnA = onA.next("chat");
            assertThat(chatOnA.path("text").asString()).isEqualTo("hello from B");
            assertThat(chatOnA.path("user").path("username").asString()).isEqualTo(bob.username());
            assertThat(hostOnA.next("chat").path("text").asString()).isEqualTo("hello from B");
            assertThat(onB.next("chat").path("id").asString())
                    .isEqualTo(chatOnA.path("id").asString());
            onA.send("{\"type\":\"chat\",\"text\":\"hello from A\"}");
            assertThat(onB.next("chat").path("text").asString()).isEqualTo("hello from A");

            // a newcomer on B gets the history written on both instances
            try (WsClient newcomer =
                    WsClient.connect(portB, id, user("newcomer").token())) {
                assertThat(newcomer.next("viewer_count").path("viewerCount").asInt())
                        .isEqualTo(4);
                assertThat(newcomer.next("chat").path("text").asString()).isEqualTo("hello from B");
                assertThat(newcomer.next("chat").path("text").asString()).isEqualTo("hello from A");
            }
            // (4 and back to 3 within one tick may coalesce into no event at all; the count itself is global)
            awaitViewerCount(portA, id, host, 3);

            // a gift made through B reaches the host's socket on A
            FakeWallet.get().deposit(carol.id(), 100);
            HttpResponse<String> gift = post(
                    portB,
                    "/gifts",
                    carol,
                    "{\"streamId\":\"" + id + "\",\"amount\":40}",
                    UUID.randomUUID().toString());
            assertThat(gift.statusCode()).isEqualTo(201);
            assertThat(hostOnA.next("gift").path("amount").asLong()).isEqualTo(40);
            assertThat(onB.next("gift").path("from").path("username").asString())
                    .isEqualTo(carol.username());

            // the host removes bob through A; his socket on B is closed
            HttpResponse<String> removed =
                    post(portA, "/streams/" + id + "/viewers/" + bob.id() + "/remove", host, "", null);
            assertThat(removed.statusCode()).isEqualTo(200);
            assertThat(onB.next("error").path("code").asString()).isEqualTo("REMOVED_FROM_STREAM");
            assertThat(onB.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
            onA.viewerCount(2);

            // the stream started on A ends on B; the viewers on A hear it
            HttpResponse<String> ended = post(portB, "/end", host, streamRef, null);
            assertThat(ended.statusCode()).isEqualTo(200);
            JsonNode stats = JSON.readTree(ended.body()).path("stats");
            assertThat(stats.path("peakViewerCount").asInt()).isEqualTo(4);
            assertThat(stats.path("uniqueViewers").asInt()).isEqualTo(4);
            assertThat(stats.path("giftsTotal").asLong()).isEqualTo(40);
            onA.next("stream_ended");
            assertThat(onA.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
        }
    }

    @Test
    void shouldShareChatRateLimitBetweenInstances() throws Exception {
        User host = user("limits");
        String id = JSON.readTree(post(portA, "/start", host, "{\"title\":\"limits\"}", null)
                        .body())
                .path("id")
                .asString();
        User chatter = user("chatter");
        try (WsClient onA = WsClient.connect(portA, id, chatter.token());
                WsClient onB = WsClient.connect(portB, id, chatter.token())) {
            onA.next("viewer_count");
            onB.next("viewer_count");
            for (int i = 0; i < 3; i++) {
                onA.send("{\"type\":\"chat\",\"text\":\"a" + i + "\"}");
                onA.next("chat");
            }
            for (int i = 0; i < 2; i++) {
                onB.send("{\"type\":\"chat\",\"text\":\"b" + i + "\"}");
            }
            onB.send("{\"type\":\"chat\",\"text\":\"b-too-many\"}");
            assertThat(onB.next("error").path("code").asString()).isEqualTo("RATE_LIMITED");
        }
        post(portA, "/end", host, "{\"streamId\":\"" + id + "\"}", null);
    }
}
