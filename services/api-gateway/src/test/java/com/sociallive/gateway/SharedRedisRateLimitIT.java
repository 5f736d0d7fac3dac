package com.sociallive.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** With REDIS_URL, two gateway instances draw from the same buckets (the real Redis on 127.0.0.1:6379). */
class SharedRedisRateLimitIT {

    static final String REDIS_URL = "redis://127.0.0.1:6379";

    static StandInAuth auth;
    static StandInService social;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoGateways() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 1000);
        } catch (Exception e) {
            fail("Redis is not reachable on 127.0.0.1:6379; start it with: "
                    + "redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no");
        }
        auth = new StandInAuth();
        social = new StandInService("social");
        String prefix = "test:" + UUID.randomUUID() + ":";
        first = gateway(prefix);
        second = gateway(prefix);
    }

    @AfterAll
    static void stop() throws Exception {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second}) {
            if (context != null) {
                context.close();
            }
        }
        if (social != null) {
            social.close();
        }
        if (auth != null) {
            auth.close();
        }
    }

    @Test
    void bothInstancesShareOneBucketPerUser() throws Exception {
        String token = auth.userToken(UUID.randomUUID());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ConfigurableApplicationContext gateway = i % 2 == 0 ? first : second;
            statuses.add(get(gateway, "/social/posts", token).statusCode());
        }

        // each instance saw only three requests: only a shared bucket of four refuses the fifth and sixth
        assertThat(statuses).containsExactly(200, 200, 200, 200, 429, 429);
        HttpResponse<String> limited = get(first, "/social/posts", token);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.body()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(get(second, "/social/posts", auth.userToken(UUID.randomUUID()))
                        .statusCode())
                .as("another user is not affected")
                .isEqualTo(200);
    }

    private HttpResponse<String> get(ConfigurableApplicationContext gateway, String path, String token)
            throws Exception {
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static ConfigurableApplicationContext gateway(String keyPrefix) {
        String dead = "http://127.0.0.1:" + GatewayTestSupport.freePort();
        // command-line arguments: they outrank application.yaml (server.port must never fall back to 8080)
        return new SpringApplicationBuilder(ApiGatewayApplication.class)
                .run(
                        "--server.port=0",
                        // a dead first auth instance: the JWKS and the service token come from the live one
                        "--sociallive.gateway.services.auth=" + dead + "," + auth.url(),
                        "--sociallive.gateway.services.social=" + social.url(),
                        "--sociallive.gateway.services.wallet=" + dead,
                        "--sociallive.gateway.services.streaming=" + dead,
                        "--sociallive.gateway.services.commerce=" + dead,
                        "--sociallive.gateway.rate-limit.redis-url=" + REDIS_URL,
                        "--spring.data.redis.url=" + REDIS_URL,
                        // a loaded CI machine can take over 500 ms for the first calls; a timeout would fail open
                        "--spring.data.redis.timeout=10s",
                        "--sociallive.gateway.rate-limit.redis-timeout=10s",
                        "--sociallive.gateway.rate-limit.key-prefix=" + keyPrefix,
                        "--sociallive.gateway.rate-limit.user.capacity=4",
                        "--sociallive.gateway.rate-limit.user.tokens=1",
                        "--sociallive.gateway.rate-limit.user.period=1m");
    }
}
