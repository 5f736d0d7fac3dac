package com.sociallive.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** The auth endpoints of API.md: statuses, bodies, error codes, and what they store. */
@ExtendWith(OutputCaptureExtension.class)
class AuthFlowIT extends AuthIntegrationTest {

    @Test
    void shouldRegisterWithLowerCasedNameAndEmailAndAnswerTokenResponse(CapturedOutput output) throws Exception {
        String name = AuthClient.uniqueName("Mixed");
        String password = "s3cret-" + UUID.randomUUID();
        HttpResponse<String> response = client.post(
                "/register",
                Map.of(
                        "username",
                        name,
                        "email",
                        name.toUpperCase() + "@Example.COM",
                        "password",
                        password,
                        "displayName",
                        "Mixed Case"),
                null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = client.body(response);
        JsonNode user = body.path("user");
        assertThat(user.path("username").asString()).isEqualTo(name.toLowerCase());
        assertThat(user.path("email").asString()).isEqualTo(name.toLowerCase() + "@example.com");
        assertThat(user.path("displayName").asString()).isEqualTo("Mixed Case");
        assertThat(user.path("roles").get(0).asString()).isEqualTo("USER");
        assertThat(user.has("bio")).isTrue();
        assertThat(user.path("createdAt").asString()).endsWith("Z");
        assertThat(body.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(body.path("expiresIn").asInt()).isEqualTo(900);
        assertThat(body.path("refreshToken").asString()).matches("[A-Za-z0-9_-]{43}");
        assertThat(response.headers().firstValue("Location"))
                .hasValue("/users/" + user.path("id").asString());
        assertThat(response.body()).doesNotContain(password).doesNotContainIgnoringCase("hash");
        assertThat(output.getAll()).doesNotContain(password);

        String storedHash = jdbc.sql("SELECT password_hash FROM auth.users WHERE id = ?::uuid")
                .param(user.path("id").asString())
                .query(String.class)
                .single();
        assertThat(storedHash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        long refreshTokensStoredInClear = count(
                "SELECT count(*) FROM auth.refresh_tokens WHERE encode(token_hash, 'escape') LIKE ?",
                "%" + body.path("refreshToken").asString() + "%");
        assertThat(refreshTokensStoredInClear).isZero();
    }

    @Test
    void shouldIssueAccessTokenWithTheClaimsOfThePlatform() throws Exception {
        AuthClient.Account account = client.register("claims");
        SignedJWT jwt = SignedJWT.parse(account.accessToken());

        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(currentSigningKey().getKeyID());
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getClaims().keySet())
                .containsExactlyInAnyOrder("iss", "sub", "username", "roles", "sid", "jti", "iat", "exp");
        assertThat(claims.getIssuer()).isEqualTo("sociallive-auth");
        assertThat(claims.getSubject()).isEqualTo(account.id());
        assertThat(claims.getStringClaim("username")).isEqualTo(account.username());
        assertThat(claims.getStringListClaim("roles")).containsExactly("USER");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
                .isEqualTo(15 * 60 * 1000L);
    }

    @Test
    void shouldAnswer409ForTakenUsernameOrEmailWhateverTheCase() throws Exception {
        AuthClient.Account first = client.register("taken");
        HttpResponse<String> sameName = client.post(
                "/register",
                Map.of(
                        "username",
                        first.username().toUpperCase(),
                        "email",
                        "other_" + first.email(),
                        "password",
                        AuthClient.PASSWORD),
                null);
        assertProblem(sameName, 409, "USERNAME_TAKEN");
        HttpResponse<String> sameEmail = client.post(
                "/register",
                Map.of(
                        "username", AuthClient.uniqueName("other"),
                        "email", first.email().toUpperCase(),
                        "password", AuthClient.PASSWORD),
                null);
        assertProblem(sameEmail, 409, "EMAIL_TAKEN");
    }

    @Test
    void shouldRefuseInvalidRegistrationsWith400AndStoreNothing() throws Exception {
        String name = AuthClient.uniqueName("invalid");
        List<Map<String, Object>> bodies = List.of(
                Map.of("username", "ab", "email", name + "@example.com", "password", AuthClient.PASSWORD),
                Map.of("username", name + "-x", "email", name + "@example.com", "password", AuthClient.PASSWORD),
                Map.of(
                        "username",
                        "ünïcode_" + name.substring(9),
                        "email",
                        name + "@example.com",
                        "password",
                        "12345678"),
                Map.of("username", name, "email", "not-an-email", "password", AuthClient.PASSWORD),
                Map.of("username", name, "email", name + "@example.com", "password", "short"),
                Map.of("username", name, "email", name + "@example.com", "password", "x".repeat(129)),
                Map.of("username", name, "email", name + "@example.com"),
                Map.of("username", name, "email", name + "@example.com", "password", 12345678));
        for (Map<String, Object> body : bodies) {
            JsonNode problem = assertProblem(client.post("/register", body, null), 400, "VALIDATION_FAILED");
            assertThat(problem.path("errors").isArray()).isTrue();
        }
        assertThat(count("SELECT count(*) FROM auth.users WHERE email = ?", name + "@example.com"))
                .isZero();
    }

    @Test
    void shouldAcceptPasswordsOfExactly8And128Characters() throws Exception {
        for (String password : new String[] {"12345678", "p".repeat(128)}) {
            String name = AuthClient.uniqueName("edge");
            HttpResponse<String> response = client.post(
                    "/register", Map.of("username", name, "email", name + "@example.com", "password", password), null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(client.login(name, password).accessToken()).isNotBlank();
        }
    }

    @Test
    void shouldLoginWithUsernameOrEmailInAnyCase() throws Exception {
        AuthClient.Account account = client.register("login");
        assertThat(client.login(account.username().toUpperCase(), AuthClient.PASSWORD)
                        .id())
                .isEqualTo(account.id());
        assertThat(client.login(account.email().toUpperCase(), AuthClient.PASSWORD)
                        .id())
                .isEqualTo(account.id());
    }

    @Test
    void shouldAnswerTheSame401ForWrongPasswordAndUnknownUser() throws Exception {
        AuthClient.Account account = client.register("wrongpw");
        JsonNode wrong = assertProblem(
                client.post("/login", Map.of("login", account.username(), "password", "wrong password"), null),
                401,
                "INVALID_CREDENTIALS");
        JsonNode unknown = assertProblem(
                client.post(
                        "/login", Map.of("login", AuthClient.uniqueName("nobody"), "password", "wrong password"), null),
                401,
                "INVALID_CREDENTIALS");
        assertThat(unknown.path("detail")).isEqualTo(wrong.path("detail"));
        assertThat(unknown.path("title")).isEqualTo(wrong.path("title"));
    }

    @Test
    void shouldRotateRefreshTokensInTheSameSession() throws Exception {
        AuthClient.Account account = client.register("refresh");
        HttpResponse<String> refreshed = client.post("/refresh", Map.of("refreshToken", account.refreshToken()), null);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        AuthClient.Account next = client.account(refreshed);
        assertThat(next.refreshToken()).isNotEqualTo(account.refreshToken());
        assertThat(next.id()).isEqualTo(account.id());
        assertThat(SignedJWT.parse(next.accessToken()).getJWTClaimsSet().getStringClaim("sid"))
                .isEqualTo(
                        SignedJWT.parse(account.accessToken()).getJWTClaimsSet().getStringClaim("sid"));
        assertThat(client.get("/me", next.accessToken()).statusCode()).isEqualTo(200);

        assertProblem(
                client.post("/refresh", Map.of("refreshToken", "no-such-token"), null), 401, "INVALID_REFRESH_TOKEN");
        assertProblem(client.post("/refresh", Map.of(), null), 400, "VALIDATION_FAILED");
    }

    @Test
    void shouldIntrospectTokensRfc7662Style() throws Exception {
        AuthClient.Account account = client.register("verify");
        JsonNode active = client.body(client.post("/verify", Map.of("token", account.accessToken()), null));
        assertThat(active.path("active").asBoolean()).isTrue();
        assertThat(active.path("userId").asString()).isEqualTo(account.id());
        assertThat(active.path("username").asString()).isEqualTo(account.username());
        assertThat(active.path("roles").get(0).asString()).isEqualTo("USER");
        assertThat(active.path("expiresAt").asString()).endsWith("Z");

        HttpResponse<String> garbage = client.post("/verify", Map.of("token", "not.a.jwt"), null);
        assertThat(garbage.statusCode()).isEqualTo(200);
        assertThat(client.body(garbage).properties()).hasSize(1);
        assertThat(client.body(garbage).path("active").asBoolean()).isFalse();

        assertThat(client.post("/revoke", Map.of(), account.accessToken()).statusCode())
                .isEqualTo(204);
        JsonNode revoked = client.body(client.post("/verify", Map.of("token", account.accessToken()), null));
        assertThat(revoked.path("active").asBoolean()).isFalse();
    }

    @Test
    void shouldShowAndPatchTheCallersProfile() throws Exception {
        AuthClient.Account account = client.register("profile");
        JsonNode me = client.body(client.get("/me", account.accessToken()));
        assertThat(me.path("id").asString()).isEqualTo(account.id());
        assertThat(me.path("email").asString()).isEqualTo(account.email());

        Map<String, Object> patch = new HashMap<>();
        patch.put("displayName", "  New Name ");
        patch.put("bio", "hello");
        patch.put("avatarUrl", "https://cdn.example.com/a.png");
        HttpResponse<String> patched = client.send(client.request("/me", account.accessToken())
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(client.json.writeValueAsString(patch)))
                .build());
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(client.body(patched).path("displayName").asString()).isEqualTo("New Name");
        assertThat(client.body(patched).path("bio").asString()).isEqualTo("hello");

        HttpResponse<String> badUrl = client.send(client.request("/me", account.accessToken())
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"avatarUrl\":\"javascript:alert(1)\"}"))
                .build());
        assertProblem(badUrl, 400, "VALIDATION_FAILED");
        assertThat(client.body(client.get("/me", account.accessToken()))
                        .path("avatarUrl")
                        .asString())
                .isEqualTo("https://cdn.example.com/a.png");
    }

    @Test
    void shouldLookUpPublicUsersWithoutEmail() throws Exception {
        AuthClient.Account a = client.register("pub_a");
        AuthClient.Account b = client.register("pub_b");
        HttpResponse<String> one = client.get("/users/" + a.id(), b.accessToken());
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(client.body(one).path("username").asString()).isEqualTo(a.username());
        assertThat(client.body(one).has("email")).isFalse();
        assertProblem(client.get("/users/" + UUID.randomUUID(), b.accessToken()), 404, "USER_NOT_FOUND");
        assertThat(client.get("/users/" + a.id(), null).statusCode()).isEqualTo(401);

        HttpResponse<String> many =
                client.get("/users?ids=" + b.id() + "," + UUID.randomUUID() + "," + a.id(), a.accessToken());
        JsonNode items = client.body(many).path("items");
        assertThat(items.size()).isEqualTo(2);
        assertThat(items.get(0).path("id").asString()).isEqualTo(b.id());
        assertThat(items.get(1).path("id").asString()).isEqualTo(a.id());
        assertThat(items.get(0).has("email")).isFalse();

        StringBuilder tooMany = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            tooMany.append(i == 0 ? "" : ",").append(UUID.randomUUID());
        }
        assertProblem(client.get("/users?ids=" + tooMany, a.accessToken()), 400, "VALIDATION_FAILED");
        assertProblem(client.get("/users?ids=not-a-uuid", a.accessToken()), 400, "VALIDATION_FAILED");
    }

    @Test
    void shouldPublishTheSigningKeyAsJwks() throws Exception {
        client.register("jwks");
        HttpResponse<String> response = client.get("/.well-known/jwks.json", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode keys = client.body(response).path("keys");
        assertThat(keys.size()).isBetween(1, 2);
        assertThat(keys.get(0).path("kty").asString()).isEqualTo("EC");
        assertThat(keys.get(0).path("crv").asString()).isEqualTo("P-256");
        assertThat(keys.get(0).path("alg").asString()).isEqualTo("ES256");
        assertThat(keys.get(0).path("use").asString()).isEqualTo("sig");
        assertThat(keys.get(0).path("kid").asString())
                .isEqualTo(currentSigningKey().getKeyID());
        assertThat(keys.get(0).has("d")).as("no private part").isFalse();
    }

    @Test
    void shouldDescribeEveryEndpointInOpenApi() throws Exception {
        JsonNode paths = client.body(client.get("/v3/api-docs", null)).path("paths");
        for (String path : List.of(
                "/register",
                "/login",
                "/refresh",
                "/verify",
                "/revoke",
                "/me",
                "/users/{id}",
                "/users",
                "/.well-known/jwks.json",
                "/oauth/token",
                "/internal/sessions/revoked",
                "/admin/keys/rotate")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(paths.path("/me").has("patch")).isTrue();
    }
}
