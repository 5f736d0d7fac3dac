package com.sociallive.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.social.ApiClient.User;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CommentsIT extends SocialIT {

    @Test
    void shouldCommentListOldestFirstAndCount() {
        User author = User.register("author");
        User reader = User.register("reader");
        String post = api().publish(author, "discuss");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var created = api().post(reader, "/comments", comment(post, "c" + i, null))
                    .expect(201);
            JsonNode body = created.body();
            assertThat(body.path("postId").asString()).isEqualTo(post);
            assertThat(body.path("parentId").isNull()).isTrue();
            assertThat(body.path("author").path("username").asString()).isEqualTo(reader.username());
            assertThat(created.raw().headers().firstValue("Location"))
                    .hasValue("comments/" + body.path("id").asString());
            ids.add(body.path("id").asString());
        }
        assertThat(api().get(reader, "/posts/" + post)
                        .body()
                        .path("commentCount")
                        .asLong())
                .isEqualTo(5);

        List<String> seen = new ArrayList<>();
        var page = api().get(reader, "/comments?postId=" + post + "&limit=2").expect(200);
        seen.addAll(PostsIT.contents(page.items()));
        while (page.nextCursor() != null) {
            page = api().get(reader, "/comments?postId=" + post + "&limit=2&cursor=" + page.nextCursor())
                    .expect(200);
            seen.addAll(PostsIT.contents(page.items()));
        }
        assertThat(seen).containsExactly("c0", "c1", "c2", "c3", "c4");
    }

    @Test
    void shouldAnswer404ForCommentsOnUnknownPosts() {
        User reader = User.register("reader");
        String unknown = UUID.randomUUID().toString();
        api().post(reader, "/comments", comment(unknown, "hi", null)).expectProblem(404, "NOT_FOUND");
        api().post(reader, "/comments", comment("nope", "hi", null)).expectProblem(404, "NOT_FOUND");
        api().get(reader, "/comments?postId=" + unknown).expectProblem(404, "NOT_FOUND");
        api().delete(reader, "/comments/" + unknown).expectProblem(404, "NOT_FOUND");
        assertThat(rows("comments", "author_id = ?", reader.id())).isZero();
    }

    @Test
    void shouldRefuseBadCommentsAndWriteNothing() {
        User author = User.register("author");
        String post = api().publish(author, "discuss");
        String otherPost = api().publish(author, "elsewhere");
        String foreign = api().post(author, "/comments", comment(otherPost, "there", null))
                .expect(201)
                .body()
                .path("id")
                .asString();
        for (String body : List.of(
                comment(post, "", null),
                comment(post, " ", null),
                comment(post, "x".repeat(2001), null),
                "{\"postId\":\"" + post + "\"}",
                "{\"content\":\"no post\"}",
                comment(post, "reply to a comment of another post", foreign),
                comment(post, "reply to nothing", UUID.randomUUID().toString()),
                comment(post, "bad parent", "zzz"))) {
            api().post(author, "/comments", body).expectProblem(400, "VALIDATION_FAILED");
        }
        assertThat(rows("comments", "post_id = ?", UUID.fromString(post))).isZero();
        assertThat(api().get(author, "/posts/" + post)
                        .body()
                        .path("commentCount")
                        .asLong())
                .isZero();
        api().get(author, "/comments?postId=" + post + "&cursor=xyz").expectProblem(400, "VALIDATION_FAILED");
        api().get(author, "/comments").expectProblem(400, "VALIDATION_FAILED");
    }

    @Test
    void shouldLetCommentAuthorPostAuthorOrAdminDelete() {
        User author = User.register("author");
        User commenter = User.register("commenter");
        User stranger = User.register("stranger");
        User admin = User.admin("admin");
        String post = api().publish(author, "discuss");
        String c1 = commentId(commenter, post, "one", null);
        String c2 = commentId(commenter, post, "two", null);
        String c3 = commentId(commenter, post, "three", null);

        api().delete(stranger, "/comments/" + c1).expectProblem(403, "FORBIDDEN");
        assertThat(count(author, post)).isEqualTo(3);

        api().delete(commenter, "/comments/" + c1).expect(204);
        api().delete(author, "/comments/" + c2).expect(204);
        api().delete(admin, "/comments/" + c3).expect(204);
        api().delete(admin, "/comments/" + c3).expectProblem(404, "NOT_FOUND");
        assertThat(count(author, post)).isZero();
        assertThat(api().get(author, "/comments?postId=" + post).items()).isEmpty();
    }

    @Test
    void shouldRemoveRepliesWithTheirCommentAndKeepTheCountExact() {
        User author = User.register("author");
        User other = User.register("other");
        String post = api().publish(author, "thread");
        String root = commentId(other, post, "root", null);
        String reply = commentId(author, post, "reply", root);
        commentId(other, post, "reply to reply", reply);
        commentId(other, post, "separate", null);
        assertThat(count(author, post)).isEqualTo(4);

        api().delete(other, "/comments/" + root).expect(204);
        assertThat(count(author, post)).isEqualTo(1);
        assertThat(PostsIT.contents(
                        api().get(author, "/comments?postId=" + post).items()))
                .containsExactly("separate");
    }

    @Test
    void shouldKeepTheCommentCountExactUnderConcurrentComments() throws Exception {
        User author = User.register("author");
        String post = api().publish(author, "busy");
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            users.add(User.register("c" + i));
        }
        Concurrently.run(
                users,
                u -> api().post(u, "/comments", comment(post, "hi", null)).expect(201));
        assertThat(count(author, post)).isEqualTo(40);
        assertThat(rows("comments", "post_id = ?", UUID.fromString(post))).isEqualTo(40);
    }

    private long count(User as, String post) {
        return api().get(as, "/posts/" + post)
                .expect(200)
                .body()
                .path("commentCount")
                .asLong();
    }

    private String commentId(User as, String post, String text, String parent) {
        return api().post(as, "/comments", comment(post, text, parent))
                .expect(201)
                .body()
                .path("id")
                .asString();
    }

    static String comment(String post, String content, String parent) {
        return "{\"postId\":\"" + post + "\",\"content\":" + ApiClient.quote(content)
                + (parent == null ? "" : ",\"parentId\":\"" + parent + "\"") + "}";
    }
}
