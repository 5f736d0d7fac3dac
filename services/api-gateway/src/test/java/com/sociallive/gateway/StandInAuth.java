package com.sociallive.gateway;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the auth service: JWKS, client-credentials grant, revoked sessions and health on the auth service's
 * paths, with tokens it signs itself, good and bad ones.
 */
final class StandInAuth implements AutoCloseable {

    static final String ISSUER = "sociallive-auth";

    final ECKey key;
    final ECKey strangerKey;
    final HttpServer server;
    final AtomicInteger jwksFetches = new AtomicInteger();
    final AtomicInteger revokedPolls = new AtomicInteger();
    /** While true the JWKS endpoint answers 500, as an auth service in trouble would. */
    volatile boolean jwksBroken;

    final Map<String, String> lastPollAuthorization = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final ECKey serviceKey;

    StandInAuth() throws Exception {
        key = new ECKeyGenerator(Curve.P_256).keyID("auth-key-1").generate();
        strangerKey = new ECKeyGenerator(Curve.P_256).keyID("auth-key-1").generate();
        serviceKey = key;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/.well-known/jwks.json", ex -> {
            jwksFetches.incrementAndGet();
            if (jwksBroken) {
                respond(ex, 500, "{\"error\":\"internal\"}");
                return;
            }
            respond(ex, 200, new JWKSet(key.toPublicJWK()).toString());
        });
        server.createContext("/oauth/token", this::token);
        server.createContext("/internal/sessions/revoked", this::revokedSessions);
        server.createContext("/health", ex -> respond(ex, 200, "{\"status\":\"UP\"}"));
        server.createContext("/", ex -> respond(ex, 200, "{\"service\":\"auth\"}"));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void revoke(String sessionId) {
        revoked.put(sessionId, Instant.now());
    }

    JWTClaimsSet.Builder userClaims(UUID userId, String sessionId) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(userId.toString())
                .claim("username", "user-" + userId.toString().substring(0, 8))
                .claim("roles", List.of("USER"))
                .claim("sid", sessionId)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(15))));
    }

    String userToken(UUID userId) {
        return userToken(userId, UUID.randomUUID().toString());
    }

    /** A user token that expires {@code in} from now (the edge accepts it up to 60 s after that, as clock skew). */
    String userTokenExpiringIn(Duration in) {
        return sign(
                userClaims(UUID.randomUUID(), UUID.randomUUID().toString())
                        .expirationTime(Date.from(Instant.now().plus(in)))
                        .build(),
                key);
    }

    String userToken(UUID userId, String sessionId) {
        return sign(userClaims(userId, sessionId).build(), key);
    }

    static String sign(JWTClaimsSet claims, ECKey signingKey) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(signingKey.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new ECDSASigner(signingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classic algorithm confusion: HS256 with the public key's bytes as the shared secret. */
    String hmacWithPublicKey(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new MACSigner(key.toECPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** A valid token whose payload was swapped for another user's afterwards; the signature no longer matches. */
    String tampered(UUID victim) {
        String[] parts = userToken(UUID.randomUUID()).split("\\.");
        String forged = Base64URL.encode(
                        userClaims(victim, UUID.randomUUID().toString()).build().toString())
                .toString();
        return parts[0] + "." + forged + "." + parts[2];
    }

    private void token(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!body.contains("grant_type=client_credentials")
                || !body.contains("client_id=api-gateway")
                || !body.contains("client_secret=dev-secret-api-gateway")) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("service:api-gateway")
                .claim("svc", "api-gateway")
                .claim("roles", List.of("SERVICE"))
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build();
        respond(
                exchange,
                200,
                json.writeValueAsString(
                        Map.of("access_token", sign(claims, serviceKey), "token_type", "Bearer", "expires_in", 300)));
    }

    private void revokedSessions(HttpExchange exchange) throws IOException {
        revokedPolls.incrementAndGet();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            respond(exchange, 401, "{}");
            return;
        }
        lastPollAuthorization.put("value", authorization);
        List<Map<String, String>> items = new ArrayList<>();
        revoked.forEach((sid, at) -> items.add(Map.of("sessionId", sid, "revokedAt", at.toString())));
        respond(
                exchange,
                200,
                json.writeValueAsString(
                        Map.of("items", items, "asOf", Instant.now().toString())));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
