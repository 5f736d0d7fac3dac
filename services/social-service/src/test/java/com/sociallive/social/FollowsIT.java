package com.sociallive.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.social.ApiClient.User;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FollowsIT extends SocialIT {

    @Test
    void shouldFollowIdempotentlyAndUnfollow() {
        User me = User.register("me");
        User star = User.register("star");
        JsonNode followed =
                api().post(me, "/follows", follow(star.id())).expect(200).body();
        assertThat(followed.path("userId").asString()).isEqualTo(star.id().toString());
        assertThat(followed.path("following").asBoolean()).isTrue();
        api().post(me, "/follows", follow(star.id())).expect(200);
        assertThat(rows("follows", "follower_id = ?", me.id())).isEqualTo(1);

        JsonNode unfollowed =
                api().delete(me, "/follows/" + star.id()).expect(200).body();
        assertThat(unfollowed.path("following").asBoolean()).isFalse();
        api().delete(me, "/follows/" + star.id()).expect(200);
        assertThat(rows("follows", "follower_id = ?", me.id())).isZero();
    }

    @Test
    void shouldRefuseFollowingYourselfAndUnknownUsers() {
        User me = User.register("me");
        api().post(me, "/follows", follow(me.id())).expectProblem(400, "VALIDATION_FAILED");
        api().post(me, "/follows", follow(UUID.randomUUID())).expectProblem(404, "NOT_FOUND");
        api().post(me, "/follows", "{\"userId\":\"nobody\"}").expectProblem(404, "NOT_FOUND");
        api().post(me, "/follows", "{}").expectProblem(400, "VALIDATION_FAILED");
        assertThat(rows("follows", "follower_id = ?", me.id())).isZero();
    }

    @Test
    void shouldFollowAUserRegisteredAfterAFailedAttempt() {
        User me = User.register("me");
        UUID late = UUID.randomUUID();
        api().post(me, "/follows", follow(late)).expectProblem(404, "NOT_FOUND");
        com.sociallive.platform.test.TestAuthServer.get()
                .registerUser(late, "late_" + late.toString().substring(0, 8), "Late");
        api().post(me, "/follows", follow(late)).expect(200);
    }

    @Test
    void shouldListFollowersAndFollowingAndCountStats() {
        User star = User.register("star");
        List<User> fans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            User fan = User.register("fan" + i);
            fans.add(fan);
            api().post(fan, "/follows", follow(star.id())).expect(200);
        }
        User other = User.register("other");
        api().post(star, "/follows", follow(other.id())).expect(200);
        api().publish(star, "one");
        api().publish(star, "two");

        List<String> followers = new ArrayList<>();
        var page = api().get(star, "/users/" + star.id() + "/followers?limit=2").expect(200);
        page.items().forEach(u -> followers.add(u.path("username").asString()));
        while (page.nextCursor() != null) {
            page = api().get(star, "/users/" + star.id() + "/followers?limit=2&cursor=" + page.nextCursor())
                    .expect(200);
            page.items().forEach(u -> followers.add(u.path("username").asString()));
        }
        assertThat(followers)
                .containsExactly(
                        fans.get(4).username(),
                        fans.get(3).username(),
                        fans.get(2).username(),
                        fans.get(1).username(),
                        fans.get(0).username());

        JsonNode following = api().get(fans.get(0), "/users/" + star.id() + "/following")
                .expect(200)
                .items();
        assertThat(following).hasSize(1);
        assertThat(following.get(0).path("id").asString()).isEqualTo(other.id().toString());
        assertThat(following.get(0).path("displayName").asString()).isEqualTo("Display " + other.username());

        JsonNode stats =
                api().get(other, "/users/" + star.id() + "/stats").expect(200).body();
        assertThat(stats.path("userId").asString()).isEqualTo(star.id().toString());
        assertThat(stats.path("followers").asLong()).isEqualTo(5);
        assertThat(stats.path("following").asLong()).isEqualTo(1);
        assertThat(stats.path("posts").asLong()).isEqualTo(2);

        api().delete(fans.get(0), "/follows/" + star.id()).expect(200);
        assertThat(api().get(other, "/users/" + star.id() + "/stats")
                        .body()
                        .path("followers")
                        .asLong())
                .isEqualTo(4);
    }

    @Test
    void shouldAnswer404ForStatsAndListsOfUnknownUsers() {
        User me = User.register("me");
        UUID unknown = UUID.randomUUID();
        api().get(me, "/users/" + unknown + "/stats").expectProblem(404, "NOT_FOUND");
        api().get(me, "/users/" + unknown + "/followers").expectProblem(404, "NOT_FOUND");
        api().get(me, "/users/" + unknown + "/following").expectProblem(404, "NOT_FOUND");
        api().get(me, "/users/xyz/stats").expectProblem(404, "NOT_FOUND");
        api().get(me, "/users/" + me.id() + "/followers?limit=0").expectProblem(400, "VALIDATION_FAILED");
    }

    static String follow(UUID user) {
        return "{\"userId\":\"" + user + "\"}";
    }
}
