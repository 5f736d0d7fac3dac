package com.sociallive.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.platform.test.TestAuthServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Full context on a real PostgreSQL, the stand-in auth server and the stand-in wallet; every IT of the service
 * extends this, so that they share one application context. The jobs are not scheduled during tests: tests run
 * them by hand.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "sociallive.client.read-timeout=1s",
            "sociallive.commerce.recovery-interval=1h",
            "sociallive.commerce.recovery-initial-delay=1h",
            "sociallive.commerce.expiry-interval=1h"
        })
public abstract class CommerceTestSupport {

    protected static final FakeWallet wallet = FakeWallet.get();
    protected final HttpClient http = HttpClient.newHttpClient();
    protected final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void walletUrl(DynamicPropertyRegistry registry) {
        registry.add("sociallive.services.wallet", wallet::url);
    }

    /** A user with a token. */
    protected record User(UUID id, String token) {}

    protected static User newUser() {
        UUID id = UUID.randomUUID();
        return new User(
                id, TestAuthServer.get().userToken(id, "u" + id.toString().substring(0, 8)));
    }

    protected record Res(int status, JsonNode body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String code() {
            return body.path("code").asString(null);
        }
    }

    protected Res get(User user, String path) {
        return send(user, "GET", path, null, null);
    }

    protected Res post(User user, String path, Object body) {
        return send(user, "POST", path, body, null);
    }

    protected Res post(User user, String path, Object body, String idempotencyKey) {
        return send(user, "POST", path, body, idempotencyKey);
    }

    protected Res patch(User user, String path, Object body) {
        return send(user, "PATCH", path, body, null);
    }

    protected Res delete(User user, String path) {
        return send(user, "DELETE", path, null, null);
    }

    protected Res send(User user, String method, String path, Object body, String idempotencyKey) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + user.token());
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = response.body() == null || response.body().isEmpty()
                    ? json.missingNode()
                    : json.readTree(response.body());
            return new Res(response.statusCode(), node, response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String key() {
        return UUID.randomUUID().toString();
    }

    /** Creates an ACTIVE product of {@code seller} and returns its id. */
    protected UUID product(User seller, String name, long price, int stock) {
        Res res = post(seller, "/products", Map.of("name", name, "price", price, "stock", stock));
        assertThat(res.status()).as(res.body().toString()).isEqualTo(201);
        return UUID.fromString(res.body().path("id").asString());
    }

    protected Res order(User buyer, UUID productId, int quantity) {
        return post(
                buyer,
                "/orders",
                Map.of("items", List.of(Map.of("productId", productId.toString(), "quantity", quantity))),
                key());
    }

    protected UUID placeOrder(User buyer, UUID productId, int quantity) {
        Res res = order(buyer, productId, quantity);
        assertThat(res.status()).as(res.body().toString()).isEqualTo(201);
        return UUID.fromString(res.body().path("id").asString());
    }

    protected Res pay(User buyer, UUID orderId, String idempotencyKey) {
        return post(buyer, "/payments", Map.of("orderId", orderId.toString(), "method", "WALLET"), idempotencyKey);
    }

    protected int stock(UUID productId) {
        return jdbc.sql("SELECT stock FROM products WHERE id = :id")
                .param("id", productId)
                .query(Integer.class)
                .single();
    }

    protected String orderStatus(UUID orderId) {
        return jdbc.sql("SELECT status FROM orders WHERE id = :id")
                .param("id", orderId)
                .query(String.class)
                .single();
    }
}
