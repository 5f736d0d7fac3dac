package com.sociallive.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each test here fails when its hole opens. */
class AuthSecurityIT extends AuthIntegrationTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Test
    void shouldRefuseForgedTokensOnMe() throws Exception {
        AuthClient.Account account = client.register("victim");
        ECKey real = currentSigningKey();
        String[] parts = account.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        JWTClaimsSet claims = SignedJWT.parse(account.accessToken()).getJWTClaimsSet();

        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(real.getKeyID()).generate();
        String otherKey = sign(claims, stranger);
        String expired = sign(
                new JWTClaimsSet.Builder(claims)
                        .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(20))))
                        .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5))))
                        .build(),
                real);
        String wrongIssuer = sign(
                new JWTClaimsSet.Builder(claims).issuer("https://evil.example").build(), real);
        String tampered = parts[0] + "."
                + B64.encodeToString(payload.replace(account.username(), "someone_else")
                        .replace("\"USER\"", "\"ADMIN\"")
                        .getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        String algNone = B64.encodeToString(("{\"alg\":\"none\",\"kid\":\"" + real.getKeyID() + "\"}").getBytes()) + "."
                + parts[1] + ".";
        SignedJWT hmac = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(real.getKeyID()).build(), claims);
        hmac.sign(new MACSigner(padTo32(real.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8))));

        assertThat(client.get("/me", account.accessToken()).statusCode()).isEqualTo(200);
        for (String forged : List.of(otherKey, expired, wrongIssuer, tampered, algNone, hmac.serialize())) {
            HttpResponse<String> response = client.get("/me", forged);
            assertProblem(response, 401, "UNAUTHENTICATED");
            JsonNode verify = client.body(client.post("/verify", Map.of("token", forged), null));
            assertThat(verify.path("active").asBoolean()).isFalse();
        }
    }

    @Test
    void shouldTakeTheUserFromTheTokenNeverFromXUserId() throws Exception {
        AuthClient.Account victim = client.register("victim");
        AuthClient.Account attacker = client.register("attacker");

        HttpResponse<String> noToken = client.send(client.request("/me", null)
                .header("X-User-Id", victim.id())
                .GET()
                .build());
        assertProblem(noToken, 401, "UNAUTHENTICATED");

        HttpResponse<String> otherToken = client.send(client.request("/me", attacker.accessToken())
                .header("X-User-Id", victim.id())
                .header("X-User-Name", victim.username())
                .GET()
                .build());
        assertThat(otherToken.statusCode()).isEqualTo(200);
        assertThat(client.body(otherToken).path("id").asString()).isEqualTo(attacker.id());
        assertThat(otherToken.body()).doesNotContain(victim.email());
    }

    @Test
    void shouldRevokeTheWholeSessionWhenARefreshTokenIsReused() throws Exception {
        AuthClient.Account account = client.register("reuse");
        AuthClient.Account rotated =
                client.account(client.post("/refresh", Map.of("refreshToken", account.refreshToken()), null));
        assertThat(client.get("/me", rotated.accessToken()).statusCode()).isEqualTo(200);

        assertProblem(
                client.post("/refresh", Map.of("refreshToken", account.refreshToken()), null),
                401,
                "REFRESH_TOKEN_REUSED");

        assertProblem(
                client.post("/refresh", Map.of("refreshToken", rotated.refreshToken()), null),
                401,
                "INVALID_REFRESH_TOKEN");
        assertProblem(client.get("/me", rotated.accessToken()), 401, "UNAUTHENTICATED");
        assertProblem(client.get("/me", account.accessToken()), 401, "UNAUTHENTICATED");
        // other sessions of the same user are untouched
        assertThat(client.get(
                                "/me",
                                client.login(account.username(), AuthClient.PASSWORD)
                                        .accessToken())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void shouldRefuseARevokedSessionsAccessTokenAndListItForOtherServices() throws Exception {
        AuthClient.Account account = client.register("revoke");
        AuthClient.Account second = client.login(account.username(), AuthClient.PASSWORD);
        Instant before = Instant.now().minusSeconds(1);

        assertThat(client.post("/revoke", Map.of(), account.accessToken()).statusCode())
                .isEqualTo(204);
        assertProblem(client.get("/me", account.accessToken()), 401, "UNAUTHENTICATED");
        assertProblem(
                client.post("/refresh", Map.of("refreshToken", account.refreshToken()), null),
                401,
                "INVALID_REFRESH_TOKEN");
        assertThat(client.get("/me", second.accessToken()).statusCode()).isEqualTo(200);

        String sid = SignedJWT.parse(account.accessToken()).getJWTClaimsSet().getStringClaim("sid");
        HttpResponse<String> revoked =
                client.get("/internal/sessions/revoked?since=" + before, serviceToken("social-service"));
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        JsonNode page = client.body(revoked);
        assertThat(page.path("asOf").asString()).endsWith("Z");
        assertThat(page.path("items")
                        .valueStream()
                        .map(item -> item.path("sessionId").asString()))
                .contains(sid);

        assertThat(client.post("/revoke", Map.of("allSessions", true), second.accessToken())
                        .statusCode())
                .isEqualTo(204);
        assertProblem(client.get("/me", second.accessToken()), 401, "UNAUTHENTICATED");
    }

    @Test
    void shouldRevokeTheSessionOfAGivenRefreshTokenOnlyForItsOwner() throws Exception {
        AuthClient.Account owner = client.register("owner");
        AuthClient.Account phone = client.login(owner.username(), AuthClient.PASSWORD);
        AuthClient.Account stranger = client.register("stranger");

        assertThat(client.post("/revoke", Map.of("refreshToken", phone.refreshToken()), stranger.accessToken())
                        .statusCode())
                .isEqualTo(204);
        assertThat(client.get("/me", phone.accessToken()).statusCode()).isEqualTo(200);

        assertThat(client.post("/revoke", Map.of("refreshToken", phone.refreshToken()), owner.accessToken())
                        .statusCode())
                .isEqualTo(204);
        assertProblem(client.get("/me", phone.accessToken()), 401, "UNAUTHENTICATED");
        assertThat(client.get("/me", owner.accessToken()).statusCode()).isEqualTo(200);
        assertProblem(client.post("/revoke", Map.of(), null), 401, "UNAUTHENTICATED");
    }

    @Test
    void shouldGiveServiceTokensOnlyToRegisteredClients() throws Exception {
        HttpResponse<String> wrong =
                tokenRequest("grant_type=client_credentials&client_id=wallet-service" + "&client_secret=wrong");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(client.body(wrong).path("error").asString()).isEqualTo("invalid_client");
        HttpResponse<String> unknown = tokenRequest(
                "grant_type=client_credentials&client_id=evil-service" + "&client_secret=dev-secret-evil-service");
        assertThat(unknown.statusCode()).isEqualTo(401);
        HttpResponse<String> password = tokenRequest(
                "grant_type=password&client_id=wallet-service" + "&client_secret=dev-secret-wallet-service");
        assertThat(client.body(password).path("error").asString()).isEqualTo("unsupported_grant_type");

        HttpResponse<String> ok = tokenRequest(
                "grant_type=client_credentials&client_id=wallet-service" + "&client_secret=dev-secret-wallet-service");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode body = client.body(ok);
        assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asInt()).isEqualTo(300);
        JWTClaimsSet claims =
                SignedJWT.parse(body.path("access_token").asString()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("service:wallet-service");
        assertThat(claims.getStringClaim("svc")).isEqualTo("wallet-service");
        assertThat(claims.getStringListClaim("roles")).containsExactly("SERVICE");
        assertThat(claims.getIssuer()).isEqualTo("sociallive-auth");
    }

    @Test
    void shouldAcceptClientSecretBasic() throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString("social-service:dev-secret-social-service".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> ok = client.send(HttpRequest.newBuilder(client.uri("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(SignedJWT.parse(client.body(ok).path("access_token").asString())
                        .getJWTClaimsSet()
                        .getStringClaim("svc"))
                .isEqualTo("social-service");
    }

    @Test
    void shouldIgnoreAStaleBearerHeaderOnPublicEndpointsOnly() throws Exception {
        AuthClient.Account account = client.register("stale");
        String stale = "Bearer not-a-valid-token";
        HttpResponse<String> login = client.send(client.request("/login", null)
                .header("Authorization", stale)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(client.json.writeValueAsString(
                        Map.of("login", account.username(), "password", AuthClient.PASSWORD))))
                .build());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        HttpResponse<String> refresh = client.send(client.request("/refresh", null)
                .header("Authorization", stale)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        client.json.writeValueAsString(Map.of("refreshToken", account.refreshToken()))))
                .build());
        assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(200);
        assertProblem(client.get("/me", "not-a-valid-token"), 401, "UNAUTHENTICATED");
    }

    @Test
    void shouldKeepInternalPathsForServiceTokens() throws Exception {
        AuthClient.Account user = client.register("nosvc");
        String since = Instant.now().minusSeconds(60).toString();
        assertProblem(client.get("/internal/sessions/revoked?since=" + since, user.accessToken()), 403, "FORBIDDEN");
        assertProblem(client.get("/internal/sessions/revoked?since=" + since, null), 401, "UNAUTHENTICATED");
        assertThat(client.get("/internal/sessions/revoked?since=" + since, serviceToken("api-gateway"))
                        .statusCode())
                .isEqualTo(200);
        // a service token cannot act as a user
        assertProblem(client.get("/me", serviceToken("api-gateway")), 403, "FORBIDDEN");
    }

    @Test
    void shouldLetExactlyOneOfTwoConcurrentRegistrationsOfOneNameSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String name = AuthClient.uniqueName("race");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    String email = name + i + "@example.com";
                    results.add(pool.submit(() -> {
                        start.await();
                        return client.post(
                                        "/register",
                                        Map.of("username", name, "email", email, "password", AuthClient.PASSWORD),
                                        null)
                                .statusCode();
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> result : results) {
                    statuses.add(result.get());
                }
                assertThat(statuses).containsExactlyInAnyOrder(201, 409);
                assertThat(count("SELECT count(*) FROM auth.users WHERE username = ?", name))
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRefuseOversizedAndMalformedBodiesAndStoreNothing() throws Exception {
        String name = AuthClient.uniqueName("big");
        String oversized = "{\"username\":\"" + name + "\",\"email\":\"" + name
                + "@example.com\",\"password\":\"" + AuthClient.PASSWORD + "\",\"displayName\":\""
                + "x".repeat(1024 * 1024) + "\"}";
        assertProblem(client.postRaw("/register", oversized, AuthClient.randomIp()), 413, "PAYLOAD_TOO_LARGE");
        assertProblem(
                client.postRaw("/login", "{\"login\":\"" + "x".repeat(1024 * 1024) + "\"}", "10.0.0.1"),
                413,
                "PAYLOAD_TOO_LARGE");
        for (String path : List.of("/register", "/login")) {
            for (String malformed : List.of(
                    "{\"username\":\"" + name + "\",",
                    "not json",
                    "[1,2,3]",
                    "{\"username\":[\"" + name + "\"],\"email\":{},\"password\":true}",
                    "")) {
                HttpResponse<String> response = client.postRaw(path, malformed, AuthClient.randomIp());
                assertThat(response.statusCode()).as(path + " " + malformed).isBetween(400, 499);
                assertThat(response.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            }
        }
        HttpResponse<String> wrongType = client.send(HttpRequest.newBuilder(client.uri("/register"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + name))
                .build());
        assertThat(wrongType.statusCode()).isBetween(400, 499);
        assertThat(count("SELECT count(*) FROM auth.users WHERE username = ?", name))
                .isZero();
    }

    private String serviceToken(String name) throws Exception {
        HttpResponse<String> response =
                tokenRequest("grant_type=client_credentials&client_id=" + name + "&client_secret=dev-secret-" + name);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return client.body(response).path("access_token").asString();
    }

    private HttpResponse<String> tokenRequest(String form) throws Exception {
        return client.send(HttpRequest.newBuilder(client.uri("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    private static byte[] padTo32(byte[] secret) {
        return secret.length >= 32 ? secret : java.util.Arrays.copyOf(secret, 32);
    }
}
