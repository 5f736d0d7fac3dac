package com.sociallive.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.social.ApiClient.User;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * When the auth service's signing keys cannot be fetched, a token cannot be checked: that is the server's trouble, a
 * 503 with Retry-After the client may retry, not a 500 and not a 401 that would make it log the user out.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sociallive.security.auth-url=http://127.0.0.1:9")
class AuthKeysUnreachableIT {

    @LocalServerPort
    int port;

    @Test
    void shouldAnswer503WhenTheSigningKeysCannotBeFetched() {
        ApiClient api = new ApiClient(port);
        User alice = User.register("alice");
        var answer = api.get(alice, "/feed").expectProblem(503, "SERVICE_UNAVAILABLE");
        assertThat(answer.raw().headers().firstValue("Retry-After")).hasValue("1");
    }
}
