package com.sociallive.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.platform.test.AuthServiceContractBridge;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

/**
 * The conventions every service owes its clients ({@code ServiceConventionsContract}), run against the auth
 * service. The contract's forged, expired and unsigned tokens are checked by the auth service's own decoder (its key
 * store, not a JWKS over HTTP).
 */
class AuthServiceConventionsIT extends AuthServiceContractBridge {

    @Override
    protected String validUserToken() throws Exception {
        AuthClient client = new AuthClient(port);
        AuthClient.Account account = client.register("contract");
        return client.login(account.username(), AuthClient.PASSWORD).accessToken();
    }

    @Override
    protected void shouldRefuseTokensOfSessionRevokedThroughTheAuthServiceWithinFiveSeconds() throws Exception {
        AuthClient client = new AuthClient(port);
        String token = client.register("leaver").accessToken();
        HttpRequest request = HttpRequest.newBuilder(uri("/no/such/path"))
                .header("Authorization", "Bearer " + token)
                .build();
        assertThat(send(request).statusCode()).isEqualTo(404);
        assertThat(client.post("/revoke", Map.of(), token).statusCode()).isEqualTo(204);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int status = send(request).statusCode();
        while (status != 401 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = send(request).statusCode();
        }
        assertThat(status).as("revoked session refused within 5 s").isEqualTo(401);
    }
}
