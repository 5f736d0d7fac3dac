package com.sociallive.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.platform.test.TestAuthServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RoomSocketIT extends StreamingTestSupport {

    private URI ws(String query) {
        return URI.create("ws://localhost:" + port + "/ws?" + query);
    }

    @Test
    void shouldRefuseUpgradeWithoutOrWithBadToken() throws Exception {
        String id = startStream(user("guarded"), "guarded", null).path("id").asString();
        assertThat(WsClient.refusedStatus(ws("streamId=" + id), null)).isEqualTo(401);
        assertThat(WsClient.refusedStatus(ws("streamId=" + id + "&access_token=not-a-jwt"), null))
                .isEqualTo(401);
        String stranger = TestAuthServer.get().userTokenSignedByStranger(UUID.randomUUID(), "mallory");
        assertThat(WsClient.refusedStatus(ws("streamId=" + id + "&access_token=" + stranger), null))
                .isEqualTo(401);
        assertThat(WsClient.refusedStatus(ws("streamId=" + id), "garbage")).isEqualTo(401);
        String expired = TestAuthServer.get()
                .userToken(UUID.randomUUID(), "late", "s-" + UUID.randomUUID(), Duration.ofMinutes(-5));
        assertThat(WsClient.refusedStatus(ws("streamId=" + id + "&access_token=" + expired), null))
                .isEqualTo(401);
        TestUser viewer = user("proper");
        assertThat(WsClient.refusedStatus(
                        ws("streamId=" + UUID.randomUUID() + "&access_token=" + viewer.token()), null))
                .isEqualTo(404);
        assertThat(WsClient.refusedStatus(ws("access_token=" + viewer.token()), null))
                .isEqualTo(400);
        // the Bearer header works as well as the query parameter
        assertThat(WsClient.refusedStatus(ws("streamId=" + id), viewer.token())).isEqualTo(101);
    }

    @Test
    void shouldCloseASocketWhoseSessionIsRevokedWith4001WithinSeconds() throws Exception {
        String id = startStream(user("revoking-host"), "revoked session", null)
                .path("id")
                .asString();
        TestUser viewer = user("leaving");
        String sessionId = "s-" + UUID.randomUUID();
        String token =
                TestAuthServer.get().userToken(viewer.id(), viewer.username(), sessionId, Duration.ofMinutes(15));
        TestUser other = user("staying");
        try (WsClient revoked = WsClient.connect(port, id, token);
                WsClient staying = WsClient.connect(port, id, other.token())) {
            revoked.next("viewer_count");
            staying.next("viewer_count");

            TestAuthServer.get().revoke(sessionId); // a logout

            assertThat(revoked.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4001);
            assertThat(staying.closed).isNotDone();
        }
    }

    @Test
    void shouldCountSocketViewersAndBroadcastCoalescedViewerCount() throws Exception {
        TestUser host = user("presenter");
        String id = startStream(host, "presence", null).path("id").asString();
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        try (WsClient hostSocket = WsClient.connect(port, id, host.token())) {
            // the 101 comes before the server has counted the socket: alice connects once the host's welcome is in
            assertThat(hostSocket.next("viewer_count").path("viewerCount").asInt())
                    .isZero();
            try (WsClient a = WsClient.connect(port, id, alice.token())) {
                assertThat(a.next("viewer_count").path("viewerCount").asInt()).isEqualTo(1);
                hostSocket.viewerCount(1);
                try (WsClient b = WsClient.connect(port, id, bob.token());
                        WsClient b2 = WsClient.connect(port, id, bob.token())) {
                    b.next("viewer_count");
                    b2.next("viewer_count");
                    a.viewerCount(2);
                    assertThat(json(get("/streams/" + id, host))
                                    .path("viewerCount")
                                    .asInt())
                            .as("two sockets of bob count once")
                            .isEqualTo(2);
                    // HTTP join of someone already on a socket changes nothing
                    assertThat(json(post("/join", bob, "{\"streamId\":\"" + id + "\"}"))
                                    .path("viewerCount")
                                    .asInt())
                            .isEqualTo(2);
                }
                a.viewerCount(1);
                assertThat(json(get("/streams/" + id, host)).path("viewerCount").asInt())
                        .isEqualTo(1);
                assertThat(json(get("/streams/" + id, host))
                                .path("peakViewerCount")
                                .asInt())
                        .isEqualTo(2);
            }
        }
    }

    @Test
    void shouldCoalesceViewerCountEventsUnderChurn() throws Exception {
        TestUser host = user("busyhost");
        String id = startStream(host, "churn", null).path("id").asString();
        try (WsClient watcher = WsClient.connect(port, id, user("watcher").token())) {
            watcher.next("viewer_count");
            String body = "{\"streamId\":\"" + id + "\"}";
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                TestUser fan = user("fan");
                post("/join", fan, body);
                post("/leave", fan, body);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            List<JsonNode> frames = watcher.drain(Duration.ofSeconds(1));
            long counts = frames.stream()
                    .filter(f -> f.path("type").asString().equals("viewer_count"))
                    .count();
            // 40 presence changes; at most one event per 500 ms tick (plus the tick after the last change)
            assertThat(counts).isLessThanOrEqualTo(elapsed.toMillis() / 500 + 3).isLessThan(40);
        }
    }

    @Test
    void shouldSendCountAndLastFiftyChatMessagesToNewcomer() throws Exception {
        TestUser host = user("chatty");
        String id = startStream(host, "history", null).path("id").asString();
        try (WsClient hostSocket = WsClient.connect(port, id, host.token())) {
            hostSocket.next("viewer_count");
            TestUser[] talkers = new TestUser[12];
            for (int i = 0; i < 12; i++) {
                talkers[i] = user("talker");
            }
            // five messages per talker: nobody reaches the rate limit
            int sent = 0;
            for (TestUser talker : talkers) {
                try (WsClient socket = WsClient.connect(port, id, talker.token())) {
                    for (int j = 0; j < 5 && sent < 55; j++, sent++) {
                        socket.send("{\"type\":\"chat\",\"text\":\"message " + sent + "\"}");
                    }
                    // wait for our own last message (after the history), so the talkers do not overlap
                    String last = "message " + (sent - 1);
                    while (!socket.next("chat").path("text").asString().equals(last)) {
                        // history and our earlier messages
                    }
                }
            }
            for (int i = 0; i < 55; i++) {
                assertThat(hostSocket.next("chat").path("text").asString()).isEqualTo("message " + i);
            }
        }
        try (WsClient newcomer = WsClient.connect(port, id, user("newcomer").token())) {
            JsonNode count = newcomer.next("viewer_count");
            assertThat(count.path("viewerCount").asInt()).isEqualTo(1);
            for (int i = 5; i < 55; i++) {
                JsonNode chat = newcomer.next("chat");
                assertThat(chat.path("text").asString()).isEqualTo("message " + i);
            }
            assertThat(newcomer.drain(Duration.ofMillis(300)).stream()
                            .filter(f -> f.path("type").asString().equals("chat")))
                    .isEmpty();
        }
    }

    @Test
    void shouldDeliverChatAsPlainTextToEveryViewer() throws Exception {
        TestUser host = user("talkshow");
        String id = startStream(host, "talk", null).path("id").asString();
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        try (WsClient a = WsClient.connect(port, id, alice.token());
                WsClient b = WsClient.connect(port, id, bob.token())) {
            a.next("viewer_count");
            b.next("viewer_count");
            String markup = "<script>alert(\\\"x\\\")</script> & <b>bold</b> \\\"quoted\\\" ü 🎉";
            a.send("{\"type\":\"chat\",\"text\":\"" + markup + "\"}");
            JsonNode chat = b.next("chat");
            assertThat(chat.path("text").asString())
                    .isEqualTo("<script>alert(\"x\")</script> & <b>bold</b> \"quoted\" ü 🎉");
            assertThat(chat.path("id").asString()).isNotBlank();
            assertThat(chat.path("sentAt").asString()).endsWith("Z");
            assertThat(chat.path("user").path("id").asString())
                    .isEqualTo(alice.id().toString());
            assertThat(chat.path("user").path("username").asString()).isEqualTo(alice.username());
            assertThat(chat.path("user").path("displayName").asString()).isEqualTo("The alice");
            assertThat(chat.path("user").has("avatarUrl")).isTrue();
            assertThat(a.next("chat").path("id").asString())
                    .isEqualTo(chat.path("id").asString());
        }
    }

    @Test
    void shouldRefuseBadChatAndRateLimitPerUser() throws Exception {
        TestUser host = user("strict");
        String id = startStream(host, "rules", null).path("id").asString();
        TestUser spammer = user("spammer");
        try (WsClient socket = WsClient.connect(port, id, spammer.token())) {
            socket.next("viewer_count");
            socket.send("{\"type\":\"chat\",\"text\":\"" + "x".repeat(501) + "\"}");
            assertThat(socket.next("error").path("code").asString()).isEqualTo("VALIDATION_FAILED");
            socket.send("{\"type\":\"chat\",\"text\":\"\"}");
            assertThat(socket.next("error").path("code").asString()).isEqualTo("VALIDATION_FAILED");
            socket.send("{\"type\":\"chat\"}");
            assertThat(socket.next("error").path("code").asString()).isEqualTo("VALIDATION_FAILED");
            socket.send("not json");
            assertThat(socket.next("error").path("code").asString()).isEqualTo("MALFORMED_REQUEST");
            socket.send("{\"type\":\"dance\"}");
            assertThat(socket.next("error").path("code").asString()).isEqualTo("VALIDATION_FAILED");
            socket.send("{\"type\":\"chat\",\"text\":\"" + "é".repeat(500) + "\"}");
            assertThat(socket.next("chat").path("text").asString()).hasSize(500);
            for (int i = 0; i < 4; i++) {
                socket.send("{\"type\":\"chat\",\"text\":\"ok " + i + "\"}");
            }
            socket.send("{\"type\":\"chat\",\"text\":\"one too many\"}");
            JsonNode error = socket.next("error");
            assertThat(error.path("code").asString()).isEqualTo("RATE_LIMITED");
            assertThat(error.path("detail").asString()).isNotBlank();
            List<JsonNode> rest = socket.drain(Duration.ofMillis(300));
            assertThat(rest.stream().map(f -> f.path("text").asString())).doesNotContain("one too many");
            socket.send("{\"type\":\"heartbeat\"}");
            assertThat(socket.drain(Duration.ofMillis(200)).stream()
                            .map(f -> f.path("type").asString()))
                    .doesNotContain("error");
        }
    }

    @Test
    void shouldCarryLongMultibyteChatUnchangedBothWays() throws Exception {
        // 500 characters outside the BMP: 2,000 bytes each way, more than the socket's 1,024-byte staging buffer
        String text = "\uD83D\uDE00<b>".repeat(100) + "\uD83C\uDF89".repeat(100);
        assertThat(text.codePointCount(0, text.length())).isEqualTo(500);
        String id = startStream(user("emojihost"), "emoji", null).path("id").asString();
        try (WsClient sender = WsClient.connect(port, id, user("emojifan").token());
                WsClient viewer = WsClient.connect(port, id, user("emojireader").token())) {
            sender.next("viewer_count");
            viewer.next("viewer_count");
            sender.send(JSON.writeValueAsString(java.util.Map.of("type", "chat", "text", text)));
            assertThat(viewer.next("chat").path("text").asString()).isEqualTo(text);
            assertThat(sender.next("chat").path("text").asString()).isEqualTo(text);
        }
    }

    @Test
    void shouldBroadcastLikeCounts() throws Exception {
        String id = startStream(user("liked"), "likes", null).path("id").asString();
        try (WsClient a = WsClient.connect(port, id, user("fan").token());
                WsClient b = WsClient.connect(port, id, user("fan").token())) {
            a.send("{\"type\":\"like\"}");
            a.send("{\"type\":\"like\"}");
            b.send("{\"type\":\"like\"}");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            long count = 0;
            while (count < 3 && System.nanoTime() < deadline) {
                count = b.next("like").path("count").asLong();
            }
            assertThat(count).isEqualTo(3);
        }
    }

    @Test
    void shouldLetHostRemoveViewerWhoCannotComeBack() throws Exception {
        TestUser host = user("bouncer");
        String id = startStream(host, "moderated", null).path("id").asString();
        TestUser troll = user("troll");
        TestUser other = user("other");
        try (WsClient t = WsClient.connect(port, id, troll.token());
                WsClient o = WsClient.connect(port, id, other.token())) {
            t.next("viewer_count");
            o.viewerCount(2);
            var denied = post("/streams/" + id + "/viewers/" + troll.id() + "/remove", other, "");
            assertThat(denied.statusCode()).isEqualTo(403);
            var removed = post("/streams/" + id + "/viewers/" + troll.id() + "/remove", host, "");
            assertThat(removed.statusCode()).isEqualTo(200);
            assertThat(json(removed).path("viewerCount").asInt()).isEqualTo(1);
            JsonNode error = t.next("error");
            assertThat(error.path("code").asString()).isEqualTo("REMOVED_FROM_STREAM");
            assertThat(t.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
            o.viewerCount(1);
            var rejoin = post("/join", troll, "{\"streamId\":\"" + id + "\"}");
            assertThat(rejoin.statusCode()).isEqualTo(403);
            assertThat(json(rejoin).path("code").asString()).isEqualTo("REMOVED_FROM_STREAM");
            assertThat(WsClient.refusedStatus(ws("streamId=" + id + "&access_token=" + troll.token()), null))
                    .isEqualTo(403);
            var hostItself = post("/streams/" + id + "/viewers/" + host.id() + "/remove", user("boss", "ADMIN"), "");
            assertThat(hostItself.statusCode()).isEqualTo(422);
        }
    }

    @Test
    void shouldSendStreamEndedAndCloseSocketsWhenHostEnds() throws Exception {
        TestUser host = user("finisher");
        String id = startStream(host, "the end", null).path("id").asString();
        try (WsClient viewer = WsClient.connect(port, id, user("loyal").token())) {
            viewer.next("viewer_count");
            post("/end", host, "{\"streamId\":\"" + id + "\"}");
            viewer.next("stream_ended");
            assertThat(viewer.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
        }
        assertThat(WsClient.refusedStatus(
                        ws("streamId=" + id + "&access_token=" + user("late").token()), null))
                .isEqualTo(409);
    }
}
