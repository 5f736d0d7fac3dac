package com.sociallive.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Brute-force protection: per account (5 failures in 15 min) and per client IP (20 a minute by default). */
class LoginRateLimitIT extends AuthIntegrationTest {

    @Test
    void shouldLockAnAccountAfterFiveFailuresEvenForTheRightPassword() throws Exception {
        AuthClient.Account account = client.register("brute");
        for (int i = 0; i < 5; i++) {
            assertProblem(
                    client.post("/login", Map.of("login", account.username(), "password", "guess-" + i), null),
                    401,
                    "INVALID_CREDENTIALS");
        }
        // by e-mail too: the lock is on the account, not on the spelling of its login
        HttpResponse<String> locked =
                client.post("/login", Map.of("login", account.email(), "password", AuthClient.PASSWORD), null);
        assertProblem(locked, 429, "RATE_LIMITED");
        assertThat(locked.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(800L, 900L));
        assertThat(count("SELECT count(*) FROM auth.login_failures WHERE account_key = ?", "user:" + account.id()))
                .isEqualTo(5);

        // the lock ends with the window: move the failures 15 minutes into the past
        jdbc.sql("UPDATE auth.login_failures SET failed_at = failed_at - interval '15 minutes' WHERE account_key = ?")
                .param("user:" + account.id())
                .update();
        assertThat(client.login(account.username(), AuthClient.PASSWORD).id()).isEqualTo(account.id());
    }

    @Test
    void shouldLockUnknownAccountsExactlyLikeKnownOnes() throws Exception {
        String nobody = AuthClient.uniqueName("ghost");
        for (int i = 0; i < 5; i++) {
            assertProblem(
                    client.post("/login", Map.of("login", nobody, "password", "guess-" + i), null),
                    401,
                    "INVALID_CREDENTIALS");
        }
        assertProblem(client.post("/login", Map.of("login", nobody, "password", "guess"), null), 429, "RATE_LIMITED");
    }

    @Test
    void shouldForgetFailuresAfterASuccessfulLogin() throws Exception {
        AuthClient.Account account = client.register("forgetful");
        for (int i = 0; i < 4; i++) {
            client.post("/login", Map.of("login", account.username(), "password", "typo"), null);
        }
        client.login(account.username(), AuthClient.PASSWORD);
        for (int i = 0; i < 4; i++) {
            assertProblem(
                    client.post("/login", Map.of("login", account.username(), "password", "typo"), null),
                    401,
                    "INVALID_CREDENTIALS");
        }
        assertThat(client.login(account.username(), AuthClient.PASSWORD).id()).isEqualTo(account.id());
    }

    @Test
    void shouldLimitLoginsAndRegistrationsPerClientIp() throws Exception {
        String ip = AuthClient.randomIp();
        String body = "{\"login\":\"%s\",\"password\":\"whatever-password\"}";
        // a claimed first entry changes nothing: the address the gateway appended is the one counted
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response =
                    client.postRaw("/login", body.formatted(AuthClient.uniqueName("ip")), "10.9.9.9, " + ip);
            assertThat(response.statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = client.postRaw("/login", body.formatted(AuthClient.uniqueName("ip")), ip);
        assertProblem(limited, 429, "RATE_LIMITED");
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        // another address is not affected
        assertThat(client.postRaw("/login", body.formatted("someone"), AuthClient.randomIp())
                        .statusCode())
                .isEqualTo(401);

        String name = AuthClient.uniqueName("ipreg");
        String registration = "{\"username\":\"%s\",\"email\":\"%s@example.com\",\"password\":\"%s\"}"
                .formatted(name, name, AuthClient.PASSWORD);
        // as if this address had registered 20 times this minute
        jdbc.sql("INSERT INTO auth.rate_counters (bucket, window_start, hits) VALUES (?, clock_timestamp(), 20)"
                        + " ON CONFLICT (bucket) DO UPDATE SET hits = 20, window_start = clock_timestamp()")
                .param("register:" + ip)
                .update();
        assertProblem(client.postRaw("/register", registration, ip), 429, "RATE_LIMITED");
        assertThat(count("SELECT count(*) FROM auth.users WHERE username = ?", name))
                .isZero();
    }
}
