package com.sociallive.platform.test;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the auth service in the full-context tests of the other services: it serves a JWKS, answers the
 * client-credentials grant, lists revoked sessions and looks up registered users, exactly on the auth service's
 * paths. {@link #userToken} and {@link #serviceToken} mint tokens it signs; {@link #revoke} revokes a session.
 * The auth service's own tests use the real thing.
 */
public final class TestAuthServer {

    public static final String ISSUER = "sociallive-auth";

    private static volatile TestAuthServer instance;

    private final ECKey key;
    private final ECKey foreignKey;
    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final Map<UUID, Map<String, Object>> users = new ConcurrentHashMap<>();

    private TestAuthServer() throws Exception {
        key = new ECKeyGenerator(Curve.P_256).keyID("test-key-1").generate();
        foreignKey = new ECKeyGenerator(Curve.P_256).keyID("test-key-1").generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(
                "/.well-known/jwks.json", ex -> respond(ex, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/oauth/token", this::token);
        server.createContext("/internal/sessions/revoked", this::revokedSessions);
        server.createContext("/users", this::users);
        server.start();
    }

    public static TestAuthServer get() {
        if (instance == null) {
            synchronized (TestAuthServer.class) {
                if (instance == null) {
                    try {
                        instance = new TestAuthServer();
                    } catch (Exception e) {
                        throw new IllegalStateException("Cannot start the test auth server", e);
                    }
                }
            }
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A user's access token with a fresh session id; roles default to USER. */
    public String userToken(UUID userId, String username, String... roles) {
        return userToken(userId, username, UUID.randomUUID().toString(), Duration.ofMinutes(15), roles);
    }

    public String userToken(UUID userId, String username, String sessionId, Duration ttl, String... roles) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(userId.toString())
                .claim("username", username)
                .claim("roles", roles.length == 0 ? List.of("USER") : List.of(roles))
                .claim("sid", sessionId)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(ttl)))
                .build();
        return sign(claims, key);
    }

    /** The same claims signed with another key under the same {@code kid}: must be refused. */
    public String userTokenSignedByStranger(UUID userId, String username) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(userId.toString())
                .claim("username", username)
                .claim("roles", List.of("USER"))
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .build();
        return sign(claims, foreignKey);
    }

    /** A validly signed token from the wrong issuer: must be refused. */
    public String userTokenFromIssuer(UUID userId, String issuer) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(userId.toString())
                .claim("username", "someone")
                .claim("roles", List.of("USER"))
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .build();
        return sign(claims, key);
    }

    public String serviceToken(String serviceName) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("service:" + serviceName)
                .claim("svc", serviceName)
                .claim("roles", List.of("SERVICE"))
                .jwtID(UUID.randomUUID().toString())
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build();
        return sign(claims, key);
    }

    public void revoke(String sessionId) {
        revoked.put(sessionId, Instant.now());
    }

    /** Makes a user known to {@code GET /users/{id}} and {@code GET /users?ids=}. */
    public void registerUser(UUID id, String username, String displayName) {
        Map<String, Object> user = new java.util.LinkedHashMap<>();
        user.put("id", id.toString());
        user.put("username", username);
        user.put("displayName", displayName);
        user.put("bio", null);
        user.put("avatarUrl", null);
        user.put("roles", List.of("USER"));
        user.put("createdAt", Instant.now().toString());
        users.put(id, user);
    }

    private void token(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String clientId = null;
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[0].equals("client_id")) {
                clientId = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        if (clientId == null) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        respond(
                exchange,
                200,
                json.writeValueAsString(
                        Map.of("access_token", serviceToken(clientId), "token_type", "Bearer", "expires_in", 300)));
    }

    private void revokedSessions(HttpExchange exchange) throws IOException {
        List<Map<String, String>> items = new ArrayList<>();
        revoked.forEach((sid, at) -> items.add(Map.of("sessionId", sid, "revokedAt", at.toString())));
        respond(
                exchange,
                200,
                json.writeValueAsString(
                        Map.of("items", items, "asOf", Instant.now().toString())));
    }

    private void users(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/users/")) {
            Map<String, Object> user = lookup(path.substring("/users/".length()));
            if (user == null) {
                respond(exchange, 404, "{\"status\":404,\"code\":\"NOT_FOUND\"}");
            } else {
                respond(exchange, 200, json.writeValueAsString(user));
            }
            return;
        }
        String query = exchange.getRequestURI().getQuery();
        List<Map<String, Object>> found = new ArrayList<>();
        if (query != null && query.startsWith("ids=")) {
            for (String id : URLDecoder.decode(query.substring(4), StandardCharsets.UTF_8)
                    .split(",")) {
                Map<String, Object> user = lookup(id.trim());
                if (user != null) {
                    found.add(user);
                }
            }
        }
        respond(exchange, 200, json.writeValueAsString(Map.of("items", found)));
    }

    private Map<String, Object> lookup(String id) {
        try {
            return users.get(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String sign(JWTClaimsSet claims, ECKey signingKey) {
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

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
