package com.sociallive.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * No free database connection in time (a burst) is a 503 with Retry-After that writes nothing, not a 500; and a busy
 * pool does not make the service look down to the gateway's health check.
 */
@TestPropertySource(
        properties = {"spring.datasource.hikari.maximum-pool-size=2", "spring.datasource.hikari.connection-timeout=250"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseBusyIT extends CommerceTestSupport {

    @Autowired
    DataSource dataSource;

    @Test
    void shouldAnswer503WhenNoConnectionIsFreeAndLetTheSameKeyRetry() throws Exception {
        User seller = newUser();
        User buyer = newUser();
        UUID product = product(seller, "Kettle", 30, 2);
        Map<String, Object> body = Map.of("items", List.of(Map.of("productId", product.toString(), "quantity", 1)));
        String key = key();
        Res busy;
        try (Connection a = dataSource.getConnection();
                Connection b = dataSource.getConnection()) {
            busy = post(buyer, "/orders", body, key);
        }
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(busy.header("Retry-After")).isEqualTo("1");
        assertThat(stock(product)).isEqualTo(2);

        Res retry = post(buyer, "/orders", body, key);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(stock(product)).isEqualTo(1);
    }

    @Test
    void shouldAnswer503WhenATransactionCannotBeginForWantOfAConnection() throws Exception {
        User seller = newUser();
        User buyer = newUser();
        UUID product = product(seller, "Teapot", 30, 1);
        UUID order = placeOrder(buyer, product, 1);
        Res busy;
        try (Connection a = dataSource.getConnection();
                Connection b = dataSource.getConnection()) {
            busy = post(buyer, "/orders/" + order + "/cancel", null);
        }
        assertThat(busy.status()).as(busy.body().toString()).isEqualTo(503);
        assertThat(busy.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(busy.header("Retry-After")).isEqualTo("1");
        assertThat(orderStatus(order)).isEqualTo("PENDING_PAYMENT");
        assertThat(stock(product)).isZero();

        Res retry = post(buyer, "/orders/" + order + "/cancel", null);
        assertThat(retry.status()).as(retry.body().toString()).isEqualTo(200);
        assertThat(stock(product)).isEqualTo(1);
    }

    @Test
    void shouldStayHealthyAndAnswerPromptlyWhileEveryPoolConnectionIsTaken() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                .build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200); // warm
        HttpResponse<String> health;
        long millis;
        try (Connection a = dataSource.getConnection();
                Connection b = dataSource.getConnection()) {
            long t0 = System.nanoTime();
            health = http.send(request, HttpResponse.BodyHandlers.ofString());
            millis = (System.nanoTime() - t0) / 1_000_000;
        }
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        // the gateway takes an instance out of rotation when /health takes longer than 1 s
        assertThat(millis).isLessThan(1000);
    }
}
