package com.sociallive.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The edge token check (issue 3, item 6): what gets through the gateway with which token. */
class EdgeSecurityIT extends GatewayTestSupport {

    @Test
    void validTokenReachesTheServiceWithAuthorizationRelayed() throws Exception {
        String token = userToken();
        String marker = "/posts/" + UUID.randomUUID();

        HttpResponse<String> response = get("/social" + marker, token);

        assertThat(response.statusCode()).isEqualTo(200);
        StandInService.Seen forwarded = social.last(marker);
        assertThat(forwarded).isNotNull();
        assertThat(forwarded.header("Authorization")).isEqualTo("Bearer " + token);
    }

    @Test
    void requestWithoutTokenIsRefusedBeforeTheService() throws Exception {
        String marker = "/posts/" + UUID.randomUUID();

        HttpResponse<String> response = get("/social" + marker, null);

        assertProblem(response, 401, "UNAUTHENTICATED");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(social.count(marker)).isZero();
    }

    @Test
    void forgedExpiredAndForeignTokensAreRefused() throws Exception {
        UUID victim = UUID.randomUUID();
        JWTClaimsSet valid =
                auth.userClaims(victim, UUID.randomUUID().toString()).build();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("signed by another key", StandInAuth.sign(valid, auth.strangerKey));
        bad.put("alg none", StandInAuth.unsigned(valid));
        bad.put("HS256 with the public key as secret", auth.hmacWithPublicKey(valid));
        bad.put(
                "expired",
                StandInAuth.sign(
                        auth.userClaims(victim, "s1")
                                .expirationTime(Date.from(Instant.now().minusSeconds(120)))
                                .build(),
                        auth.key));
        bad.put(
                "wrong issuer",
                StandInAuth.sign(
                        auth.userClaims(victim, "s2").issuer("evil-auth").build(), auth.key));
        bad.put(
                "no expiry",
                StandInAuth.sign(
                        auth.userClaims(victim, "s3").expirationTime(null).build(), auth.key));
        bad.put("tampered payload", auth.tampered(victim));
        bad.put("not a JWT", "abc.def.ghi");

        for (Map.Entry<String, String> token : bad.entrySet()) {
            String marker = "/posts/" + UUID.randomUUID();
            HttpResponse<String> response = get("/social" + marker, token.getValue());
            assertThat(response.statusCode()).as(token.getKey()).isEqualTo(401);
            assertProblem(response, 401, "UNAUTHENTICATED");
            assertThat(social.count(marker)).as(token.getKey()).isZero();
        }
    }

    @Test
    void spoofedUserHeadersAreRemoved() throws Exception {
        String marker = "/feed/" + UUID.randomUUID();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/social" + marker))
                .header("Authorization", "Bearer " + userToken())
                .header("X-User-Id", UUID.randomUUID().toString())
                .header("x-user-roles", "ADMIN")
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        StandInService.Seen forwarded = social.last(marker);
        assertThat(forwarded.header("X-User-Id")).isNull();
        assertThat(forwarded.header("X-User-Roles")).isNull();

        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/social/feed"))
                .header("X-User-Id", UUID.randomUUID().toString())
                .build());
        assertProblem(anonymous, 401, "UNAUTHENTICATED");
    }

    @Test
    void revokedSessionIsRefusedWithinFiveSeconds() throws Exception {
        String session = UUID.randomUUID().toString();
        String token = auth.userToken(UUID.randomUUID(), session);
        assertThat(get("/social/posts", token).statusCode()).isEqualTo(200);

        auth.revoke(session);
        Instant deadline = Instant.now().plusSeconds(5);
        int status = 200;
        while (Instant.now().isBefore(deadline) && status != 401) {
            Thread.sleep(100);
            status = get("/social/posts", token).statusCode();
        }

        assertThat(status).as("answer within 5 s of the revocation").isEqualTo(401);
        assertThat(get("/social/posts", userToken()).statusCode())
                .as("other sessions still work")
                .isEqualTo(200);
        assertThat(auth.lastPollAuthorization.get("value")).startsWith("Bearer ");
    }

    @Test
    void jwksIsCachedAndFetchedAgainForANewKey() throws Exception {
        assertThat(get("/social/posts", userToken()).statusCode()).isEqualTo(200);
        int fetches = auth.jwksFetches.get();
        for (int i = 0; i < 5; i++) {
            assertThat(get("/social/posts", userToken()).statusCode()).isEqualTo(200);
        }
        assertThat(auth.jwksFetches.get()).as("no JWKS fetch per request").isEqualTo(fetches);

        ECKey unknown = new ECKeyGenerator(Curve.P_256).keyID("not-published").generate();
        String token = StandInAuth.sign(auth.userClaims(UUID.randomUUID(), "s").build(), unknown);
        Thread.sleep(1100); // the refetch cooldown of the test context
        for (int i = 0; i < 3; i++) {
            assertProblem(get("/social/posts", token), 401, "UNAUTHENTICATED");
        }
        assertThat(auth.jwksFetches.get() - fetches)
                .as("an unknown kid fetches the JWKS again, once per cooldown, not per request")
                .isEqualTo(1);
    }

    @Test
    void keysOutOfReachAre503WithRetryAfterNot500() throws Exception {
        // a token of a key the gateway has not seen (a key rotation) makes it fetch the JWKS, which fails
        ECKey rotated = new ECKeyGenerator(Curve.P_256).keyID("rotated-key").generate();
        String token = StandInAuth.sign(auth.userClaims(UUID.randomUUID(), "s").build(), rotated);
        auth.jwksBroken = true;
        try {
            Thread.sleep(1100); // the refetch cooldown of the test context
            int fetches = auth.jwksFetches.get();
            HttpResponse<String> response = get("/social/posts", token);
            assertProblem(response, 503, "SERVICE_UNAVAILABLE");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(auth.jwksFetches.get() - fetches).isEqualTo(1);

            assertProblem(get("/social/posts", token), 503, "SERVICE_UNAVAILABLE");
            assertThat(auth.jwksFetches.get() - fetches)
                    .as("right after a failed fetch the answer comes at once, without another fetch")
                    .isEqualTo(1);
            assertThat(get("/social/posts", userToken()).statusCode())
                    .as("tokens of the keys already known are still checked")
                    .isEqualTo(200);
        } finally {
            auth.jwksBroken = false;
        }
    }

    @Test
    void publicPathsNeedNoToken() throws Exception {
        for (String path : new String[] {"/auth/register", "/auth/login", "/auth/refresh", "/auth/verify"}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Content-Type", "application/json")
                    .build());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        }
        assertThat(get("/auth/.well-known/jwks.json", null).body()).contains("auth-key-1");
        assertThat(get("/social/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/health", null).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/streaming/hooks/publish"))
                                .POST(HttpRequest.BodyPublishers.ofString("name=key"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .build())
                        .statusCode())
                .isEqualTo(200);
        // a stale token sent along to a public path does not turn it into a 401
        HttpResponse<String> refresh = send(HttpRequest.newBuilder(uri("/auth/refresh"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Authorization", "Bearer expired.or.broken")
                .build());
        assertThat(refresh.statusCode()).isEqualTo(200);
    }

    @Test
    void otherAuthPathsNeedAToken() throws Exception {
        assertProblem(get("/auth/me", null), 401, "UNAUTHENTICATED");
        HttpResponse<String> revoke = send(HttpRequest.newBuilder(uri("/auth/revoke"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
        assertProblem(revoke, 401, "UNAUTHENTICATED");
        assertProblem(get("/auth/login", null), 401, "UNAUTHENTICATED");
    }

    @Test
    void requestsTheFirewallRefusesNeverReachTheService() throws Exception {
        String marker = "/posts/" + UUID.randomUUID();

        HttpResponse<String> encodedSlash = get("/social" + marker + "%2F..%2Fadmin", userToken());

        assertProblem(encodedSlash, 400, "MALFORMED_REQUEST");
        assertThat(social.count(marker)).isZero();
    }

    @Test
    void answersCarrySecurityHeaders() throws Exception {
        HttpResponse<String> response = get("/social/posts", userToken());
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).isPresent();
    }
}
