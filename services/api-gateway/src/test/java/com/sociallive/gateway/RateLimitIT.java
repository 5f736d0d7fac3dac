package com.sociallive.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** In-memory token buckets (no REDIS_URL): per user, per client IP, stricter on login. */
class RateLimitIT extends GatewayTestSupport {

    @Test
    void userOverTheRouteLimitGets429WithRetryAfterWhileOthersPass() throws Exception {
        String alice = userToken();
        for (int i = 0; i < 3; i++) {
            assertThat(get("/social/limited/x", alice).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> limited = get("/social/limited/x", alice);

        assertProblem(limited, 429, "RATE_LIMITED");
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
        assertThat(get("/social/limited/x", userToken()).statusCode())
                .as("another user has a bucket of their own")
                .isEqualTo(200);
        assertThat(get("/social/posts", alice).statusCode())
                .as("other routes use the default bucket")
                .isEqualTo(200);
    }

    @Test
    void loginIsLimitedPerClientIp() throws Exception {
        String ip = "203.0.113." + (1 + (int) (Math.random() * 200));
        for (int i = 0; i < 3; i++) {
            assertThat(login(ip).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> limited = login(ip);

        assertProblem(limited, 429, "RATE_LIMITED");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(login("198.51.100.7").statusCode())
                .as("another client IP has its own bucket")
                .isEqualTo(200);
    }

    @Test
    void anonymousCallsAreCountedPerIp() throws Exception {
        String ip = "192.0.2." + (1 + (int) (Math.random() * 200));
        int limitedAt = -1;
        for (int i = 0; i < 40 && limitedAt < 0; i++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/auth/verify"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + UUID.randomUUID() + "\"}"))
                    .header("X-Forwarded-For", ip)
                    .build());
            if (response.statusCode() == 429) {
                limitedAt = i;
            }
        }
        assertThat(limitedAt)
                .as("the 31st anonymous call within a minute is refused")
                .isBetween(30, 31);
    }

    private HttpResponse<String> login(String ip) throws Exception {
        return send(HttpRequest.newBuilder(uri("/auth/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"a\",\"password\":\"b\"}"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", ip)
                .build());
    }
}
