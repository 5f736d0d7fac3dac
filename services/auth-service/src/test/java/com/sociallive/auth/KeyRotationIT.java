package com.sociallive.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class KeyRotationIT extends AuthIntegrationTest {

    @Test
    void shouldRotateKeysKeepingTokensOfThePreviousKeyValid() throws Exception {
        AuthClient.Account admin = client.register("admin");
        jdbc.sql("UPDATE auth.users SET roles = ARRAY['USER','ADMIN'] WHERE id = ?::uuid")
                .param(admin.id())
                .update();
        String adminToken = client.login(admin.username(), AuthClient.PASSWORD).accessToken();
        AuthClient.Account user = client.register("rotate");
        String oldKid = SignedJWT.parse(user.accessToken()).getHeader().getKeyID();

        assertProblem(post("/admin/keys/rotate", user.accessToken()), 403, "FORBIDDEN");
        assertProblem(post("/admin/keys/rotate", null), 401, "UNAUTHENTICATED");
        assertThat(client.get("/.well-known/jwks.json", null).body()).contains(oldKid);

        HttpResponse<String> rotated = post("/admin/keys/rotate", adminToken);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String newKid = client.body(rotated).path("currentKid").asString();
        assertThat(newKid).isNotEqualTo(oldKid);

        JsonNode keys = client.body(client.get("/.well-known/jwks.json", null)).path("keys");
        assertThat(keys.size()).isEqualTo(2);
        assertThat(keys.get(0).path("kid").asString()).isEqualTo(newKid);
        assertThat(keys.get(1).path("kid").asString()).isEqualTo(oldKid);

        assertThat(client.get("/me", user.accessToken()).statusCode())
                .as("a token of the previous key stays valid")
                .isEqualTo(200);
        AuthClient.Account fresh = client.login(user.username(), AuthClient.PASSWORD);
        assertThat(SignedJWT.parse(fresh.accessToken()).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(client.get("/me", fresh.accessToken()).statusCode()).isEqualTo(200);
        JsonNode verify = client.body(client.post("/verify", Map.of("token", user.accessToken()), null));
        assertThat(verify.path("active").asBoolean()).isTrue();
    }

    private HttpResponse<String> post(String path, String bearer) throws Exception {
        return client.send(client.request(path, bearer)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }
}
