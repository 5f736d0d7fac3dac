package com.sociallive.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.platform.test.ServiceConventionsContract;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SocialServiceConventionsIT extends ServiceConventionsContract {

    @Test
    void shouldDocumentEverySocialEndpointAndTheDegradedAuthor() throws Exception {
        JsonNode paths = json.readTree(get("/v3/api-docs", null).body()).path("paths");
        for (String path : new String[] {
            "/posts",
            "/posts/{id}",
            "/feed",
            "/comments",
            "/comments/{id}",
            "/likes",
            "/likes/{postId}",
            "/follows",
            "/follows/{userId}",
            "/users/{id}/followers",
            "/users/{id}/following",
            "/users/{id}/stats"
        }) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(paths.path("/posts/{id}").has("patch")).isTrue();
        assertThat(paths.path("/posts/{id}").has("delete")).isTrue();
        assertThat(get("/v3/api-docs", null).body()).contains("degraded");
    }
}
