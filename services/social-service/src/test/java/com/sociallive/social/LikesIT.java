package com.sociallive.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.social.ApiClient.User;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LikesIT extends SocialIT {

    @Test
    void shouldCountOneHundredConcurrentLikesExactly() throws Exception {
        User author = User.register("author");
        String post = api().publish(author, "viral");
        List<User> fans = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            fans.add(User.register("fan" + i));
        }
        Concurrently.run(fans, fan -> {
            JsonNode answer = api().post(fan, "/likes", like(post)).expect(200).body();
            assertThat(answer.path("liked").asBoolean()).isTrue();
        });
        assertThat(api().get(author, "/posts/" + post).body().path("likeCount").asLong())
                .isEqualTo(100);
        assertThat(rows("likes", "post_id = ?", UUID.fromString(post))).isEqualTo(100);

        // every fan likes again, all at once: nothing changes
        Concurrently.run(fans, fan -> api().post(fan, "/likes", like(post)).expect(200));
        assertThat(api().get(author, "/posts/" + post).body().path("likeCount").asLong())
                .isEqualTo(100);
    }

    @Test
    void shouldLikeIdempotentlyAndUnlike() {
        User author = User.register("author");
        User fan = User.register("fan");
        String post = api().publish(author, "nice");

        JsonNode first = api().post(fan, "/likes", like(post)).expect(200).body();
        assertThat(first.path("postId").asString()).isEqualTo(post);
        assertThat(first.path("liked").asBoolean()).isTrue();
        assertThat(first.path("likeCount").asLong()).isEqualTo(1);
        JsonNode again = api().post(fan, "/likes", like(post)).expect(200).body();
        assertThat(again.path("likeCount").asLong()).isEqualTo(1);
        api().post(author, "/likes", like(post)).expect(200);
        assertThat(api().get(fan, "/posts/" + post).body().path("likeCount").asLong())
                .isEqualTo(2);

        JsonNode unliked = api().delete(fan, "/likes/" + post).expect(200).body();
        assertThat(unliked.path("liked").asBoolean()).isFalse();
        assertThat(unliked.path("likeCount").asLong()).isEqualTo(1);
        assertThat(api().delete(fan, "/likes/" + post)
                        .expect(200)
                        .body()
                        .path("likeCount")
                        .asLong())
                .isEqualTo(1);
        assertThat(api().get(fan, "/posts/" + post).body().path("likedByMe").asBoolean())
                .isFalse();
    }

    @Test
    void shouldAnswer404ForLikesOfUnknownPosts() {
        User fan = User.register("fan");
        String unknown = UUID.randomUUID().toString();
        api().post(fan, "/likes", like(unknown)).expectProblem(404, "NOT_FOUND");
        api().post(fan, "/likes", like("nope")).expectProblem(404, "NOT_FOUND");
        api().delete(fan, "/likes/" + unknown).expectProblem(404, "NOT_FOUND");
        api().get(fan, "/likes?postId=" + unknown).expectProblem(404, "NOT_FOUND");
        api().post(fan, "/likes", "{}").expectProblem(400, "VALIDATION_FAILED");
        assertThat(rows("likes", "user_id = ?", fan.id())).isZero();
    }

    @Test
    void shouldListLikersAsUserSummariesPageByPage() {
        User author = User.register("author");
        String post = api().publish(author, "popular");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            User fan = User.register("liker" + i);
            api().post(fan, "/likes", like(post)).expect(200);
            expected.add(fan.username());
        }
        List<String> seen = new ArrayList<>();
        var page = api().get(author, "/likes?postId=" + post + "&limit=3").expect(200);
        page.items().forEach(u -> seen.add(u.path("username").asString()));
        JsonNode sample = page.items().get(0);
        assertThat(sample.path("displayName").asString()).startsWith("Display liker");
        assertThat(sample.has("avatarUrl")).isTrue();
        while (page.nextCursor() != null) {
            page = api().get(author, "/likes?postId=" + post + "&limit=3&cursor=" + page.nextCursor())
                    .expect(200);
            page.items().forEach(u -> seen.add(u.path("username").asString()));
        }
        assertThat(seen).hasSize(7);
        assertThat(new HashSet<>(seen)).isEqualTo(expected);
        assertThat(seen.getFirst()).isEqualTo("liker6_" + seen.getFirst().substring(7));
    }

    static String like(String post) {
        return "{\"postId\":\"" + post + "\"}";
    }
}
