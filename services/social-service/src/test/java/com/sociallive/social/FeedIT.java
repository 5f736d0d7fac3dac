package com.sociallive.social;

import static com.sociallive.social.PostsIT.contents;
import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.social.ApiClient.User;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FeedIT extends SocialIT {

    @Test
    void shouldShowOwnPostsAndThoseOfFolloweesNewestFirst() {
        User me = User.register("reader");
        User followed = User.register("star");
        User stranger = User.register("stranger");
        api().post(me, "/follows", "{\"userId\":\"" + followed.id() + "\"}").expect(200);
        api().publish(followed, "f1");
        api().publish(stranger, "s1");
        api().publish(me, "m1");
        api().publish(followed, "f2");

        JsonNode items = api().get(me, "/feed").expect(200).items();
        assertThat(contents(items)).containsExactly("f2", "m1", "f1");
        assertThat(items.get(0).path("author").path("username").asString()).isEqualTo(followed.username());
        assertThat(items.get(1).path("author").path("username").asString()).isEqualTo(me.username());
        assertThat(api().get(me, "/feed").body().path("nextCursor").isNull()).isTrue();
    }

    @Test
    void shouldDropDeletedPostsAndUnfollowedAuthorsAtOnce() {
        User me = User.register("reader");
        User a = User.register("a");
        User b = User.register("b");
        api().post(me, "/follows", "{\"userId\":\"" + a.id() + "\"}").expect(200);
        api().post(me, "/follows", "{\"userId\":\"" + b.id() + "\"}").expect(200);
        String a1 = api().publish(a, "a1");
        api().publish(b, "b1");
        api().publish(a, "a2");
        assertThat(contents(api().get(me, "/feed").items())).containsExactly("a2", "b1", "a1");

        api().delete(a, "/posts/" + a1).expect(204);
        assertThat(contents(api().get(me, "/feed").items())).containsExactly("a2", "b1");

        api().delete(me, "/follows/" + b.id()).expect(200);
        assertThat(contents(api().get(me, "/feed").items())).containsExactly("a2");
    }

    @Test
    void shouldPageWithoutRepeatsOrGapsWhileNewPostsArrive() {
        User me = User.register("reader");
        List<User> authors = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            User author = User.register("author" + i);
            authors.add(author);
            api().post(me, "/follows", "{\"userId\":\"" + author.id() + "\"}").expect(200);
        }
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String text = "p" + i;
            api().publish(authors.get(i % authors.size()), text);
            published.add(0, text);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = api().get(me, "/feed?limit=5" + (cursor == null ? "" : "&cursor=" + cursor))
                    .expect(200);
            assertThat(page.items().size()).isLessThanOrEqualTo(5);
            seen.addAll(contents(page.items()));
            cursor = page.nextCursor();
            // new posts keep arriving while the reader scrolls
            api().publish(authors.get(pages % authors.size()), "new" + pages);
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(published);
        Set<String> unique = new HashSet<>(seen);
        assertThat(unique).hasSize(seen.size());
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void shouldShowLikedByMeForTheCallerOnly() {
        User me = User.register("reader");
        User author = User.register("author");
        api().post(me, "/follows", "{\"userId\":\"" + author.id() + "\"}").expect(200);
        String id = api().publish(author, "likeable");
        api().post(me, "/likes", "{\"postId\":\"" + id + "\"}").expect(200);

        JsonNode mine = api().get(me, "/feed").items().get(0);
        assertThat(mine.path("likedByMe").asBoolean()).isTrue();
        assertThat(mine.path("likeCount").asLong()).isEqualTo(1);
        JsonNode theirs = api().get(author, "/feed").items().get(0);
        assertThat(theirs.path("likedByMe").asBoolean()).isFalse();
        assertThat(theirs.path("likeCount").asLong()).isEqualTo(1);
        assertThat(api().get(me, "/posts/" + id).body().path("likedByMe").asBoolean())
                .isTrue();
        assertThat(api().get(author, "/posts?authorId=" + author.id())
                        .items()
                        .get(0)
                        .path("likedByMe")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void shouldShowAnEmptyFeedToSomeoneWhoFollowsNobodyAndPostedNothing() {
        User loner = User.register("loner");
        var page = api().get(loner, "/feed").expect(200);
        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isNull();
    }
}
