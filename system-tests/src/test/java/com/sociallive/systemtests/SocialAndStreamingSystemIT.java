package com.sociallive.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The social feed and a live room with chat and a gift, through the gateway, WebSocket included. */
class SocialAndStreamingSystemIT {

    static Api api;

    @BeforeAll
    static void system() {
        api = Api.gateway();
    }

    @Test
    void shouldShowANewPostInAFollowersFeedWithinOneSecond() throws Exception {
        Api.User author = api.register("author");
        Api.User fan = api.register("fan");
        assertThat(api.post(
                                "/social/follows",
                                fan.token(),
                                Map.of("userId", author.id().toString()))
                        .status())
                .isEqualTo(200);
        Api.Answer post = api.post("/social/posts", author.token(), Map.of("content", "Going live at eight!"));
        assertThat(post.status()).as(post.body()).isEqualTo(201);
        assertThat(post.json().path("author").path("username").asString()).isEqualTo(author.username());

        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        JsonNode feed;
        do {
            feed = api.get("/social/feed", fan.token()).json();
        } while (feed.path("items").isEmpty() && System.nanoTime() < deadline);
        assertThat(feed.path("items").get(0).path("content").asString()).isEqualTo("Going live at eight!");
        assertThat(feed.has("nextCursor")).isTrue();
    }

    @Test
    void shouldCarryChatAndGiftsToViewersOverTheGatewayWebSocket() throws Exception {
        Api.User host = api.register("host");
        Api.User viewer = api.register("viewer");
        Api.Answer stream = api.post("/streaming/start", host.token(), Map.of("title", "Friday night"));
        assertThat(stream.status()).as(stream.body()).isEqualTo(201);
        String streamId = stream.json().path("id").asString();
        assertThat(stream.json().path("streamKey").asString()).isNotBlank();

        List<JsonNode> received = new CopyOnWriteArrayList<>();
        String ws = RunningSystem.get().gatewayUrl().replace("http://", "ws://") + "/streaming/ws?streamId=" + streamId
                + "&access_token=" + viewer.token();
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(ws), new Collector(received))
                .get(10, TimeUnit.SECONDS);
        await(received, "viewer_count");

        socket.sendText("{\"type\":\"chat\",\"text\":\"<b>hello</b>\"}", true).get(5, TimeUnit.SECONDS);
        JsonNode chat = await(received, "chat");
        assertThat(chat.path("text").asString()).isEqualTo("<b>hello</b>");

        api.post(
                "/wallet/deposit",
                viewer.token(),
                Map.of("amount", 100),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        Api.Answer gift = api.post(
                "/streaming/gifts",
                viewer.token(),
                Map.of("streamId", streamId, "amount", 40, "giftType", "rose"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(gift.status()).as(gift.body()).isEqualTo(201);
        assertThat(await(received, "gift").path("amount").asLong()).isEqualTo(40);
        assertThat(api.get("/wallet/balance", host.token())
                        .json()
                        .path("available")
                        .asLong())
                .isEqualTo(40);

        Api.Answer ended = api.post("/streaming/end", host.token(), Map.of("streamId", streamId));
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        assertThat(ended.json().path("stats").path("giftsTotal").asLong()).isEqualTo(40);
        await(received, "stream_ended");
        socket.abort();
    }

    private static JsonNode await(List<JsonNode> received, String type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode event : received) {
                if (type.equals(event.path("type").asString())) {
                    return event;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + type + " event within 10 s; got " + received);
    }

    private record Collector(List<JsonNode> received) implements WebSocket.Listener {
        private static final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            synchronized (partial) {
                partial.append(data);
                if (last) {
                    received.add(Api.JSON.readTree(partial.toString()));
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
