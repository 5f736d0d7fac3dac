package com.sociallive.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.social.ApiClient.User;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** With the auth service's user lookup unreachable, pages still answer, with authors degraded to their id. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sociallive.social.users.base-url=http://127.0.0.1:9")
class AuthDownIT {

    @LocalServerPort
    int port;

    @Test
    void shouldAnswerWithDegradedAuthorsInsteadOfFailing() {
        ApiClient api = new ApiClient(port);
        User alice = User.register("alice");
        JsonNode created = api.post(alice, "/posts", "{\"content\":\"still works\"}")
                .expect(201)
                .body();
        assertThat(created.path("author").path("id").asString())
                .isEqualTo(alice.id().toString());
        assertThat(created.path("author").path("displayName").isNull()).isTrue();

        JsonNode feed = api.get(alice, "/feed").expect(200).items();
        assertThat(feed).hasSize(1);
        assertThat(feed.get(0).path("author").path("id").asString())
                .isEqualTo(alice.id().toString());
        assertThat(feed.get(0).path("author").path("username").isNull()).isTrue();
        api.get(alice, "/posts/" + created.path("id").asString()).expect(200);
    }

    @Test
    void shouldRefuseToFollowWhenTheUserCannotBeChecked() {
        ApiClient api = new ApiClient(port);
        User alice = User.register("alice");
        User bob = User.register("bob");
        api.post(alice, "/follows", "{\"userId\":\"" + bob.id() + "\"}").expectProblem(503, "SERVICE_UNAVAILABLE");
    }
}
