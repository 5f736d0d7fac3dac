package com.sociallive.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class StreamLifecycleIT extends StreamingTestSupport {

    @Test
    void shouldStartStreamWithKeyAndIngestUrlForHostOnly() throws Exception {
        TestUser host = user("host");
        HttpResponse<String> started = post("/start", host, "{\"title\":\"My first live\",\"category\":\"music\"}");
        assertThat(started.statusCode()).isEqualTo(201);
        JsonNode stream = json(started);
        String id = stream.path("id").asString();
        assertThat(started.headers().firstValue("Location")).hasValue("/streams/" + id);
        assertThat(stream.path("status").asString()).isEqualTo("LIVE");
        assertThat(stream.path("title").asString()).isEqualTo("My first live");
        assertThat(stream.path("host").path("id").asString())
                .isEqualTo(host.id().toString());
        assertThat(stream.path("host").path("username").asString()).isEqualTo(host.username());
        assertThat(stream.path("host").path("displayName").asString()).isEqualTo("The host");
        String key = stream.path("streamKey").asString();
        assertThat(key).startsWith("sk_").hasSizeGreaterThan(20);
        assertThat(stream.path("ingestUrl").asString()).isEqualTo("rtmp://localhost:1935/live/" + key);
        assertThat(stream.path("playbackUrl").asString()).contains(id).doesNotContain(key);
        assertThat(stream.path("viewerCount").asInt()).isZero();

        JsonNode asHost = json(get("/streams/" + id, host));
        assertThat(asHost.path("streamKey").asString()).isEqualTo(key);

        HttpResponse<String> asViewer = get("/streams/" + id, user("viewer"));
        assertThat(asViewer.statusCode()).isEqualTo(200);
        assertThat(json(asViewer).has("streamKey")).isFalse();
        assertThat(json(asViewer).has("ingestUrl")).isFalse();
        assertThat(asViewer.body()).doesNotContain(key);
    }

    @Test
    void shouldRefuseSecondLiveStreamOfSameHostEvenConcurrently() throws Exception {
        TestUser host = user("busy");
        List<Callable<Integer>> starts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            starts.add(() -> post("/start", host, "{\"title\":\"twice\"}").statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<Integer> status : pool.invokeAll(starts)) {
                statuses.add(status.get());
            }
        }
        assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
        HttpResponse<String> again = post("/start", host, "{\"title\":\"again\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("code").asString()).isEqualTo("ALREADY_LIVE");
    }

    @Test
    void shouldValidateTitle() throws Exception {
        TestUser host = user("validator");
        for (String body : new String[] {"{}", "{\"title\":\"\"}", "{\"title\":\"" + "x".repeat(141) + "\"}"}) {
            HttpResponse<String> response = post("/start", host, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response).path("code").asString()).isEqualTo("VALIDATION_FAILED");
            assertThat(json(response).path("errors").get(0).path("field").asString())
                    .isEqualTo("title");
        }
        assertThat(post("/start", host, "{\"title\":\"" + "x".repeat(140) + "\"}")
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void shouldAnswer404ForUnknownStream() throws Exception {
        HttpResponse<String> response = get("/streams/" + UUID.randomUUID(), user("curious"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(post("/join", user("lost"), "{\"streamId\":\"" + UUID.randomUUID() + "\"}")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldCountJoinOnceAndLeave() throws Exception {
        TestUser host = user("counted");
        String id = startStream(host, "count me", null).path("id").asString();
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        String body = "{\"streamId\":\"" + id + "\"}";

        JsonNode first = json(post("/join", alice, body));
        assertThat(first.path("viewerCount").asInt()).isEqualTo(1);
        assertThat(first.path("chatUrl").asString()).endsWith("/streaming/ws?streamId=" + id);
        assertThat(json(post("/join", alice, body)).path("viewerCount").asInt()).isEqualTo(1);
        assertThat(json(post("/join", bob, body)).path("viewerCount").asInt()).isEqualTo(2);
        assertThat(json(post("/join", host, body)).path("viewerCount").asInt())
                .as("the host is not a viewer of their own stream")
                .isEqualTo(2);
        assertThat(json(get("/streams/" + id, bob)).path("viewerCount").asInt()).isEqualTo(2);

        JsonNode left = json(post("/leave", alice, body));
        assertThat(left.path("streamId").asString()).isEqualTo(id);
        assertThat(left.path("viewerCount").asInt()).isEqualTo(1);
        assertThat(json(post("/leave", alice, body)).path("viewerCount").asInt())
                .isEqualTo(1);

        JsonNode ended = json(post("/end", host, body));
        assertThat(ended.path("stats").path("peakViewerCount").asInt()).isEqualTo(2);
        assertThat(ended.path("stats").path("uniqueViewers").asInt()).isEqualTo(2);
    }

    @Test
    void shouldEndOnlyByHostOrAdminWithStats() throws Exception {
        TestUser host = user("ender");
        String id = startStream(host, "short show", null).path("id").asString();
        String body = "{\"streamId\":\"" + id + "\"}";
        HttpResponse<String> stranger = post("/end", user("stranger"), body);
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(json(stranger).path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(json(get("/streams/" + id, host)).path("status").asString()).isEqualTo("LIVE");

        HttpResponse<String> ended = post("/end", host, body);
        assertThat(ended.statusCode()).isEqualTo(200);
        JsonNode stream = json(ended);
        assertThat(stream.path("status").asString()).isEqualTo("ENDED");
        assertThat(stream.path("endedAt").asString()).isNotBlank();
        JsonNode stats = stream.path("stats");
        assertThat(stats.path("durationSeconds").isIntegralNumber()).isTrue();
        assertThat(stats.path("peakViewerCount").asInt()).isZero();
        assertThat(stats.path("uniqueViewers").asInt()).isZero();
        assertThat(stats.path("giftsTotal").asLong()).isZero();

        HttpResponse<String> join = post("/join", user("late"), body);
        assertThat(join.statusCode()).isEqualTo(409);
        assertThat(json(join).path("code").asString()).isEqualTo("STREAM_ENDED");

        // the host may go live again; an admin may end anyone's stream
        String second = startStream(host, "second show", null).path("id").asString();
        HttpResponse<String> byAdmin =
                post("/end", user("moderator", "USER", "ADMIN"), "{\"streamId\":\"" + second + "\"}");
        assertThat(byAdmin.statusCode()).isEqualTo(200);
        assertThat(json(byAdmin).path("status").asString()).isEqualTo("ENDED");
        assertThat(json(byAdmin).has("streamKey")).isFalse();
    }

    @Test
    void shouldListLiveStreamsMostViewersFirstWithCursor() throws Exception {
        String category = "cat" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (int viewers = 0; viewers < 3; viewers++) {
            TestUser host = user("lister");
            String id =
                    startStream(host, "show " + viewers, category).path("id").asString();
            ids.add(id);
            for (int v = 0; v < viewers; v++) {
                post("/join", user("fan"), "{\"streamId\":\"" + id + "\"}");
            }
        }
        TestUser otherCategory = user("elsewhere");
        startStream(otherCategory, "other", "other-" + category);
        TestUser reader = user("reader");
        // the list is sorted by the snapshot the viewer-count ticker writes about twice a second
        long deadline = System.currentTimeMillis() + 5000;
        JsonNode page;
        do {
            Thread.sleep(200);
            page = json(get("/live?category=" + category.toUpperCase() + "&limit=2", reader));
        } while (page.path("items").get(0).path("viewerCount").asInt() != 2 && System.currentTimeMillis() < deadline);
        assertThat(page.path("items")).hasSize(2);
        assertThat(page.path("items").get(0).path("id").asString()).isEqualTo(ids.get(2));
        assertThat(page.path("items").get(0).path("viewerCount").asInt()).isEqualTo(2);
        assertThat(page.path("items").get(1).path("id").asString()).isEqualTo(ids.get(1));
        assertThat(page.path("items").get(0).has("streamKey")).isFalse();
        String cursor = page.path("nextCursor").asString();
        assertThat(cursor).isNotBlank();
        JsonNode last = json(get("/live?category=" + category + "&limit=2&cursor=" + cursor, reader));
        assertThat(last.path("items")).hasSize(1);
        assertThat(last.path("items").get(0).path("id").asString()).isEqualTo(ids.get(0));
        assertThat(last.path("nextCursor").isNull()).isTrue();

        post("/end", user("admin", "ADMIN"), "{\"streamId\":\"" + ids.get(2) + "\"}");
        JsonNode afterEnd = json(get("/live?category=" + category, reader));
        assertThat(afterEnd.path("items")).hasSize(2);

        HttpResponse<String> badCursor = get("/live?cursor=nonsense", reader);
        assertThat(badCursor.statusCode()).isEqualTo(400);
        assertThat(get("/live?limit=101", reader).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldAllowPublishingForLiveKeyFromNginxRtmpAndSrs() throws Exception {
        TestUser host = user("broadcaster");
        JsonNode stream = startStream(host, "on air", null);
        String key = stream.path("streamKey").asString();

        HttpResponse<String> nginx = postRaw(
                "/hooks/publish",
                "application/x-www-form-urlencoded",
                "call=publish&app=live&name=" + key + "&addr=127.0.0.1");
        assertThat(nginx.statusCode()).isEqualTo(200);
        assertThat(json(nginx).path("code").asInt()).isZero();

        HttpResponse<String> srs = postRaw(
                "/hooks/publish",
                "application/json",
                "{\"action\":\"on_publish\",\"client_id\":\"1\",\"ip\":\"127.0.0.1\",\"vhost\":\"__defaultVhost__\","
                        + "\"app\":\"live\",\"stream\":\"" + key + "\",\"param\":\"\"}");
        assertThat(srs.statusCode()).isEqualTo(200);
        assertThat(srs.body()).isEqualTo("{\"code\":0}");

        HttpResponse<String> unknown = postRaw("/hooks/publish", "application/x-www-form-urlencoded", "name=sk_nope");
        assertThat(unknown.statusCode()).isEqualTo(403);
        HttpResponse<String> noKey = postRaw("/hooks/publish", "application/json", "{\"app\":\"live\"}");
        assertThat(noKey.statusCode()).isEqualTo(403);
    }

    @Test
    void shouldEndStreamOnUnpublishAndRefuseTheKeyAfterwards() throws Exception {
        TestUser host = user("dropped");
        JsonNode stream = startStream(host, "short", null);
        String key = stream.path("streamKey").asString();
        String id = stream.path("id").asString();
        TestUser viewer = user("watcher");
        try (WsClient socket = WsClient.connect(port, id, viewer.token())) {
            socket.next("viewer_count");
            HttpResponse<String> done = postRaw(
                    "/hooks/unpublish",
                    "application/json",
                    "{\"action\":\"on_unpublish\",\"app\":\"live\",\"stream\":\"" + key + "\"}");
            assertThat(done.statusCode()).isEqualTo(200);
            assertThat(socket.next("stream_ended").path("type").asString()).isEqualTo("stream_ended");
            assertThat(socket.closed.get(5, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(1000);
        }
        assertThat(json(get("/streams/" + id, host)).path("status").asString()).isEqualTo("ENDED");
        assertThat(postRaw("/hooks/publish", "application/x-www-form-urlencoded", "name=" + key)
                        .statusCode())
                .isEqualTo(403);
        assertThat(postRaw("/hooks/unpublish", "application/x-www-form-urlencoded", "name=" + key)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void shouldDocumentEveryEndpointAndTheWebSocketInOpenApi() throws Exception {
        JsonNode api = json(HTTP.send(
                java.net.http.HttpRequest.newBuilder(uri("/v3/api-docs")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()));
        for (String path : new String[] {
            "/start",
            "/end",
            "/live",
            "/streams/{id}",
            "/join",
            "/leave",
            "/gifts",
            "/gifts/{id}",
            "/streams/{id}/viewers/{userId}/remove",
            "/hooks/publish",
            "/hooks/unpublish"
        }) {
            assertThat(api.path("paths").has(path)).as(path).isTrue();
        }
        assertThat(api.path("info").path("description").asString())
                .contains("/ws?streamId=")
                .contains("viewer_count")
                .contains("RATE_LIMITED")
                .contains("neither interprets nor HTML-escapes");
    }

    @Test
    void shouldRequireTokenOnStreamEndpoints() throws Exception {
        HttpResponse<String> response = post("/start", null, "{\"title\":\"anonymous\"}");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("code").asString()).isEqualTo("UNAUTHENTICATED");
    }
}
