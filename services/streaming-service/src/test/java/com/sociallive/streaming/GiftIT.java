package com.sociallive.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GiftIT extends StreamingTestSupport {

    private final FakeWallet wallet = FakeWallet.get();

    private String gift(String streamId, long amount) {
        return "{\"streamId\":\"" + streamId + "\",\"amount\":" + amount
                + ",\"giftType\":\"rose\",\"message\":\"<3 you\"}";
    }

    @Test
    void shouldMoveCoinsAnnounceGiftAndAddUpGiftsTotal() throws Exception {
        TestUser host = user("star");
        String id = startStream(host, "gifted", null).path("id").asString();
        TestUser fan = user("fan");
        wallet.deposit(fan.id(), 1000);
        try (WsClient hostSocket = WsClient.connect(port, id, host.token());
                WsClient otherViewer =
                        WsClient.connect(port, id, user("onlooker").token())) {
            HttpResponse<String> sent =
                    post("/gifts", fan, gift(id, 300), UUID.randomUUID().toString());
            assertThat(sent.statusCode()).isEqualTo(201);
            JsonNode body = json(sent);
            assertThat(body.path("streamId").asString()).isEqualTo(id);
            assertThat(body.path("fromUserId").asString()).isEqualTo(fan.id().toString());
            assertThat(body.path("toUserId").asString()).isEqualTo(host.id().toString());
            assertThat(body.path("amount").asLong()).isEqualTo(300);
            assertThat(body.path("currency").asString()).isEqualTo("COIN");
            assertThat(body.path("giftType").asString()).isEqualTo("rose");
            assertThat(body.path("createdAt").asString()).isNotBlank();
            assertThat(sent.headers().firstValue("Location"))
                    .hasValue("/gifts/" + body.path("id").asString());
            assertThat(wallet.balance(fan.id())).isEqualTo(700);
            assertThat(wallet.balance(host.id())).isEqualTo(300);

            for (WsClient socket : List.of(hostSocket, otherViewer)) {
                JsonNode event = socket.next("gift");
                assertThat(event.path("id").asString())
                        .isEqualTo(body.path("id").asString());
                assertThat(event.path("amount").asLong()).isEqualTo(300);
                assertThat(event.path("from").path("username").asString()).isEqualTo(fan.username());
                assertThat(event.path("from").path("displayName").asString()).isEqualTo("The fan");
                assertThat(event.path("message").asString()).isEqualTo("<3 you");
            }
            post(
                    "/gifts",
                    fan,
                    "{\"streamId\":\"" + id + "\",\"amount\":50}",
                    UUID.randomUUID().toString());
            assertThat(hostSocket.next("gift").path("giftType").asString()).isEqualTo("coin");
        }
        JsonNode ended = json(post("/end", host, "{\"streamId\":\"" + id + "\"}"));
        assertThat(ended.path("stats").path("giftsTotal").asLong()).isEqualTo(350);
    }

    @Test
    void shouldReplaySameKeyWithoutMovingMoneyTwice() throws Exception {
        TestUser host = user("replayhost");
        String id = startStream(host, "replays", null).path("id").asString();
        TestUser fan = user("careful");
        wallet.deposit(fan.id(), 500);
        String key = "gift-" + UUID.randomUUID();
        try (WsClient hostSocket = WsClient.connect(port, id, host.token())) {
            HttpResponse<String> first = post("/gifts", fan, gift(id, 200), key);
            HttpResponse<String> again = post("/gifts", fan, gift(id, 200), key);
            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(again.statusCode()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
            assertThat(wallet.balance(fan.id())).isEqualTo(300);
            hostSocket.next("gift");
            assertThat(hostSocket.drain(Duration.ofMillis(500)).stream()
                            .map(f -> f.path("type").asString()))
                    .doesNotContain("gift");

            HttpResponse<String> otherBody = post("/gifts", fan, gift(id, 201), key);
            assertThat(otherBody.statusCode()).isEqualTo(422);
            assertThat(json(otherBody).path("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");

            // keys are per user: another user may use the same key
            TestUser other = user("samekey");
            wallet.deposit(other.id(), 100);
            assertThat(post("/gifts", other, gift(id, 100), key).statusCode()).isEqualTo(201);
        }
        assertThat(json(post("/end", host, "{\"streamId\":\"" + id + "\"}"))
                        .path("stats")
                        .path("giftsTotal")
                        .asLong())
                .isEqualTo(300);
    }

    @Test
    void shouldMoveMoneyOnceForConcurrentRetriesWithSameKey() throws Exception {
        TestUser host = user("racehost");
        String id = startStream(host, "race", null).path("id").asString();
        TestUser fan = user("impatient");
        wallet.deposit(fan.id(), 1000);
        String key = UUID.randomUUID().toString();
        List<Callable<HttpResponse<String>>> tries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tries.add(() -> post("/gifts", fan, gift(id, 100), key));
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (Future<HttpResponse<String>> answer : pool.invokeAll(tries)) {
                statuses.add(answer.get().statusCode());
            }
        }
        assertThat(statuses).contains(201).containsOnly(201, 409);
        assertThat(wallet.balance(fan.id())).isEqualTo(900);
    }

    @Test
    void shouldRefuseInsufficientFundsAndBroadcastNothing() throws Exception {
        TestUser host = user("poorhost");
        String id = startStream(host, "no money", null).path("id").asString();
        TestUser broke = user("broke");
        wallet.deposit(broke.id(), 10);
        try (WsClient hostSocket = WsClient.connect(port, id, host.token())) {
            String key = UUID.randomUUID().toString();
            HttpResponse<String> refused = post("/gifts", broke, gift(id, 11), key);
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(json(refused).path("code").asString()).isEqualTo("INSUFFICIENT_FUNDS");
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            HttpResponse<String> replay = post("/gifts", broke, gift(id, 11), key);
            assertThat(replay.statusCode()).isEqualTo(422);
            assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(hostSocket.drain(Duration.ofMillis(700)).stream()
                            .map(f -> f.path("type").asString()))
                    .doesNotContain("gift");
        }
        assertThat(wallet.balance(broke.id())).isEqualTo(10);
        assertThat(json(post("/end", host, "{\"streamId\":\"" + id + "\"}"))
                        .path("stats")
                        .path("giftsTotal")
                        .asLong())
                .isZero();
    }

    @Test
    void shouldRecoverWhenWalletAnswerIsLostWithoutMovingMoneyTwice() throws Exception {
        TestUser host = user("lossyhost");
        String id = startStream(host, "lossy", null).path("id").asString();
        TestUser fan = user("unlucky");
        wallet.deposit(fan.id(), 400);
        String key = UUID.randomUUID().toString();
        wallet.loseNextAnswers(1);
        HttpResponse<String> lost = post("/gifts", fan, gift(id, 150), key);
        assertThat(lost.statusCode()).isEqualTo(503);
        assertThat(json(lost).path("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(wallet.balance(fan.id())).as("the wallet did move the money").isEqualTo(250);
        HttpResponse<String> retry = post("/gifts", fan, gift(id, 150), key);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(wallet.balance(fan.id())).as("but only once").isEqualTo(250);
        assertThat(json(post("/end", host, "{\"streamId\":\"" + id + "\"}"))
                        .path("stats")
                        .path("giftsTotal")
                        .asLong())
                .isEqualTo(150);
    }

    @Test
    void shouldValidateGiftRequests() throws Exception {
        TestUser host = user("strictgifts");
        String id = startStream(host, "rules", null).path("id").asString();
        TestUser fan = user("sloppy");
        int callsBefore = wallet.calls();

        HttpResponse<String> noKey = post("/gifts", fan, gift(id, 5));
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(json(noKey).path("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REQUIRED");
        assertThat(post("/gifts", fan, gift(id, 5), "k".repeat(256)).statusCode())
                .isEqualTo(400);
        for (String body : new String[] {
            "{\"streamId\":\"" + id + "\",\"amount\":0}",
            "{\"streamId\":\"" + id + "\",\"amount\":1000000000001}",
            "{\"streamId\":\"" + id + "\",\"amount\":1.5}",
            "{\"streamId\":\"" + id + "\"}",
            "{\"amount\":5}"
        }) {
            HttpResponse<String> response =
                    post("/gifts", fan, body, UUID.randomUUID().toString());
            assertThat(response.statusCode()).as(body).isEqualTo(400);
        }
        HttpResponse<String> own =
                post("/gifts", host, gift(id, 5), UUID.randomUUID().toString());
        assertThat(own.statusCode()).isEqualTo(422);
        assertThat(json(own).path("code").asString()).isEqualTo("OWN_STREAM");
        HttpResponse<String> unknown = post(
                "/gifts",
                fan,
                gift(UUID.randomUUID().toString(), 5),
                UUID.randomUUID().toString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        post("/end", host, "{\"streamId\":\"" + id + "\"}");
        HttpResponse<String> ended =
                post("/gifts", fan, gift(id, 5), UUID.randomUUID().toString());
        assertThat(ended.statusCode()).isEqualTo(409);
        assertThat(json(ended).path("code").asString()).isEqualTo("STREAM_ENDED");
        assertThat(wallet.calls()).as("no bad request reached the wallet").isEqualTo(callsBefore);
    }
}
