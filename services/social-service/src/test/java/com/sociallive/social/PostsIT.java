package com.sociallive.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.social.ApiClient.User;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PostsIT extends SocialIT {

    @Test
    void shouldCreateAndReadAPostWithItsAuthor() {
        User alice = User.register("alice");
        var created = api().post(
                        alice,
                        "/posts",
                        "{\"content\":\"hello world\",\"mediaUrls\":[\"https://cdn.example/a.jpg\"],\"extra\":1}")
                .expect(201);
        JsonNode post = created.body();
        String id = post.path("id").asString();
        assertThat(created.raw().headers().firstValue("Location")).hasValue("posts/" + id);
        assertThat(post.path("content").asString()).isEqualTo("hello world");
        assertThat(post.path("mediaUrls").get(0).asString()).isEqualTo("https://cdn.example/a.jpg");
        assertThat(post.path("likeCount").asLong()).isZero();
        assertThat(post.path("commentCount").asLong()).isZero();
        assertThat(post.path("likedByMe").asBoolean()).isFalse();
        assertThat(post.path("author").path("id").asString())
                .isEqualTo(alice.id().toString());
        assertThat(post.path("author").path("username").asString()).isEqualTo(alice.username());
        assertThat(post.path("author").path("displayName").asString()).isEqualTo("Display " + alice.username());
        assertThat(post.path("createdAt").asString()).endsWith("Z");

        User bob = User.register("bob");
        JsonNode read = api().get(bob, "/posts/" + id).expect(200).body();
        assertThat(read.path("content").asString()).isEqualTo("hello world");
        assertThat(read.path("createdAt").asString())
                .isEqualTo(post.path("createdAt").asString());
        assertThat(read.path("author").path("displayName").asString()).isEqualTo("Display " + alice.username());
    }

    @Test
    void shouldAnswer404ForUnknownPosts() {
        User alice = User.register("alice");
        String unknown = UUID.randomUUID().toString();
        api().get(alice, "/posts/" + unknown).expectProblem(404, "NOT_FOUND");
        api().get(alice, "/posts/not-a-uuid").expectProblem(404, "NOT_FOUND");
        api().patch(alice, "/posts/" + unknown, "{\"content\":\"x\"}").expectProblem(404, "NOT_FOUND");
        api().delete(alice, "/posts/" + unknown).expectProblem(404, "NOT_FOUND");
    }

    @Test
    void shouldLetOnlyTheAuthorEdit() {
        User alice = User.register("alice");
        User mallory = User.register("mallory");
        User admin = User.admin("admin");
        String id = api().publish(alice, "original");

        api().patch(mallory, "/posts/" + id, "{\"content\":\"hacked\"}").expectProblem(403, "FORBIDDEN");
        api().patch(admin, "/posts/" + id, "{\"content\":\"hacked\"}").expectProblem(403, "FORBIDDEN");
        assertThat(api().get(alice, "/posts/" + id).body().path("content").asString())
                .isEqualTo("original");

        JsonNode edited = api().patch(alice, "/posts/" + id, "{\"mediaUrls\":[\"http://img.example/1.png\"]}")
                .expect(200)
                .body();
        assertThat(edited.path("content").asString()).isEqualTo("original");
        assertThat(edited.path("mediaUrls").get(0).asString()).isEqualTo("http://img.example/1.png");
        edited = api().patch(alice, "/posts/" + id, "{\"content\":\"edited\"}")
                .expect(200)
                .body();
        assertThat(edited.path("content").asString()).isEqualTo("edited");
        assertThat(edited.path("mediaUrls")).hasSize(1);
        assertThat(edited.path("updatedAt").asString())
                .isGreaterThan(edited.path("createdAt").asString());
    }

    @Test
    void shouldLetTheAuthorOrAnAdminDelete() {
        User alice = User.register("alice");
        User mallory = User.register("mallory");
        User admin = User.admin("admin");
        String first = api().publish(alice, "first");
        String second = api().publish(alice, "second");

        api().delete(mallory, "/posts/" + first).expectProblem(403, "FORBIDDEN");
        api().get(alice, "/posts/" + first).expect(200);

        api().delete(alice, "/posts/" + first).expect(204);
        api().get(alice, "/posts/" + first).expectProblem(404, "NOT_FOUND");
        api().delete(admin, "/posts/" + second).expect(204);
        api().get(alice, "/posts/" + second).expectProblem(404, "NOT_FOUND");
        assertThat(rows("posts", "author_id = ?", alice.id())).isZero();
    }

    @Test
    void shouldRefuseBadPostsAndWriteNothing() {
        User alice = User.register("alice");
        List<String> bad = List.of(
                "{\"content\":\"\"}",
                "{\"content\":\"   \"}",
                "{}",
                "{\"content\":null}",
                "{\"content\":" + ApiClient.quote("x".repeat(5001)) + "}",
                "{\"content\":\"ok\",\"mediaUrls\":" + urls(11) + "}",
                "{\"content\":\"ok\",\"mediaUrls\":[\"ftp://files.example/a\"]}",
                "{\"content\":\"ok\",\"mediaUrls\":[\"javascript:alert(1)\"]}",
                "{\"content\":\"ok\",\"mediaUrls\":[\"not a url\"]}",
                "{\"content\":\"ok\",\"mediaUrls\":[null]}",
                "{\"content\":\"nul \\u0000 char\"}",
                "{\"content\":42}");
        for (String body : bad) {
            JsonNode problem = api().post(alice, "/posts", body)
                    .expectProblem(400, "VALIDATION_FAILED")
                    .body();
            assertThat(problem.path("errors")).as(body).isNotEmpty();
        }
        api().post(alice, "/posts", "{\"content\":").expectProblem(400, "MALFORMED_REQUEST");
        api().post(alice, "/posts", null).expectProblem(400, "MALFORMED_REQUEST");
        assertThat(rows("posts", "author_id = ?", alice.id())).isZero();

        // the limits themselves are fine: 5000 characters (code points, emoji included) and 10 URLs
        api().post(
                        alice,
                        "/posts",
                        "{\"content\":" + ApiClient.quote("😀".repeat(5000)) + ",\"mediaUrls\":" + urls(10) + "}")
                .expect(201);
        String id = api().publish(alice, "keep me");
        api().patch(alice, "/posts/" + id, "{\"content\":\"\"}").expectProblem(400, "VALIDATION_FAILED");
        api().patch(alice, "/posts/" + id, "{\"mediaUrls\":" + urls(11) + "}").expectProblem(400, "VALIDATION_FAILED");
        assertThat(api().get(alice, "/posts/" + id).body().path("content").asString())
                .isEqualTo("keep me");
    }

    @Test
    void shouldRefuseBadPagingParameters() {
        User alice = User.register("alice");
        String author = "?authorId=" + alice.id();
        api().get(alice, "/posts" + author + "&limit=0").expectProblem(400, "VALIDATION_FAILED");
        api().get(alice, "/posts" + author + "&limit=101").expectProblem(400, "VALIDATION_FAILED");
        api().get(alice, "/posts" + author + "&limit=abc").expectProblem(400, "VALIDATION_FAILED");
        api().get(alice, "/posts" + author + "&cursor=garbage").expectProblem(400, "VALIDATION_FAILED");
        api().get(alice, "/posts?authorId=nope").expectProblem(400, "VALIDATION_FAILED");
        api().get(alice, "/feed?cursor=djF4eXo").expectProblem(400, "VALIDATION_FAILED");
        api().get(alice, "/feed?limit=500").expectProblem(400, "VALIDATION_FAILED");
    }

    @Test
    void shouldListAnAuthorsPostsNewestFirstWithoutRepeatsWhilePostsArrive() {
        User alice = User.register("alice");
        User bob = User.register("bob");
        for (int i = 0; i < 5; i++) {
            api().publish(alice, "a" + i);
            api().publish(bob, "b" + i);
        }
        var first = api().get(bob, "/posts?authorId=" + alice.id() + "&limit=2").expect(200);
        List<String> seen = new ArrayList<>(contents(first.items()));
        assertThat(seen).containsExactly("a4", "a3");
        api().publish(alice, "a5"); // arrives between pages: must not shift the next pages
        String cursor = first.nextCursor();
        while (cursor != null) {
            var page = api().get(bob, "/posts?authorId=" + alice.id() + "&limit=2&cursor=" + cursor)
                    .expect(200);
            seen.addAll(contents(page.items()));
            cursor = page.nextCursor();
        }
        assertThat(seen).containsExactly("a4", "a3", "a2", "a1", "a0");
        assertThat(contents(api().get(bob, "/posts?authorId=" + alice.id() + "&limit=100")
                        .items()))
                .containsExactly("a5", "a4", "a3", "a2", "a1", "a0");
    }

    static List<String> contents(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(item -> out.add(item.path("content").asString()));
        return out;
    }

    private static String urls(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("\"https://cdn.example/" + i + ".jpg\"");
        }
        return "[" + String.join(",", out) + "]";
    }
}
