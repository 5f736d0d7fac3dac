package com.sociallive.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Races and expiries of sessions, and keys added by another instance. */
class SessionEdgeCasesIT extends AuthIntegrationTest {

    @Test
    void shouldTreatTwoConcurrentRefreshesWithOneTokenAsReuse() throws Exception {
        AuthClient.Account account = client.register("twice");
        List<HttpResponse<String>> answers =
                concurrently(2, () -> client.post("/refresh", Map.of("refreshToken", account.refreshToken()), null));
        List<Integer> statuses =
                answers.stream().map(HttpResponse::statusCode).sorted().toList();
        assertThat(statuses).containsExactly(200, 401);
        HttpResponse<String> winner =
                answers.stream().filter(a -> a.statusCode() == 200).findFirst().orElseThrow();
        HttpResponse<String> loser =
                answers.stream().filter(a -> a.statusCode() == 401).findFirst().orElseThrow();
        assertProblem(loser, 401, "REFRESH_TOKEN_REUSED");
        assertProblem(client.get("/me", client.account(winner).accessToken()), 401, "UNAUTHENTICATED");
    }

    @Test
    void shouldNotLetParallelGuessesOverrunTheAccountLimit() throws Exception {
        AuthClient.Account account = client.register("parallel");
        List<HttpResponse<String>> answers = concurrently(
                10, () -> client.post("/login", Map.of("login", account.username(), "password", "guess"), null));
        long wrongPassword = answers.stream().filter(a -> a.statusCode() == 401).count();
        long limited = answers.stream().filter(a -> a.statusCode() == 429).count();
        assertThat(wrongPassword).isEqualTo(5);
        assertThat(limited).isEqualTo(5);
    }

    @Test
    void shouldRefuseAnExpiredRefreshToken() throws Exception {
        AuthClient.Account account = client.register("expired");
        jdbc.sql("""
                UPDATE auth.refresh_tokens SET expires_at = ? WHERE session_id = (
                    SELECT id FROM auth.sessions WHERE user_id = ?::uuid)
                """)
                .param(Timestamp.from(Instant.now().minusSeconds(1)))
                .param(account.id())
                .update();
        assertProblem(
                client.post("/refresh", Map.of("refreshToken", account.refreshToken()), null),
                401,
                "INVALID_REFRESH_TOKEN");
    }

    @Test
    void shouldAcceptAKeyAnotherInstanceAddedAsSoonAsATokenNamesIt() throws Exception {
        AuthClient.Account account = client.register("newkey");
        ECKey other = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
                .keyID("other-instance-" + System.nanoTime())
                .generate();
        jdbc.sql("INSERT INTO auth.signing_keys (kid, private_jwk, created_at) VALUES (?, ?, clock_timestamp())")
                .param(other.getKeyID())
                .param(other.toJSONString())
                .update();
        Thread.sleep(1100); // unknown kids reload the keys at most once a second
        JWTClaimsSet claims = SignedJWT.parse(account.accessToken()).getJWTClaimsSet();
        String token = sign(claims, other);
        HttpResponse<String> me = client.get("/me", token);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(client.get("/.well-known/jwks.json", null).body()).contains(other.getKeyID());
        // and this instance signs with it from now on
        assertThat(SignedJWT.parse(client.login(account.username(), AuthClient.PASSWORD)
                                .accessToken())
                        .getHeader()
                        .getKeyID())
                .isEqualTo(other.getKeyID());
    }

    @Test
    void shouldIntrospectServiceTokens() throws Exception {
        HttpResponse<String> token = client.send(java.net.http.HttpRequest.newBuilder(client.uri("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=api-gateway&client_secret=dev-secret-api-gateway"))
                .build());
        JsonNode verify = client.body(client.post(
                "/verify",
                Map.of("token", client.body(token).path("access_token").asString()),
                null));
        assertThat(verify.path("active").asBoolean()).isTrue();
        assertThat(verify.path("service").asString()).isEqualTo("api-gateway");
        assertThat(verify.path("roles").get(0).asString()).isEqualTo("SERVICE");
        assertThat(verify.has("userId")).isFalse();
    }

    private static List<HttpResponse<String>> concurrently(int count, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, 4));
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.run();
                }));
            }
            start.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    interface Call {
        HttpResponse<String> run() throws Exception;
    }
}
