package com.sociallive.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.platform.test.ServiceConventionsContract;
import java.util.Map;

/**
 * The conventions every service owes its clients ({@code ServiceConventionsContract}), run against the auth
 * service. The contract's forged, expired and unsigned tokens are checked by the auth service's own decoder (its key
 * store, not a JWKS over HTTP).
 */
class AuthServiceConventionsIT extends ServiceConventionsContract {

    @Override
    protected String validUserToken() throws Exception {
        AuthClient client = new AuthClient(port);
        AuthClient.Account account = client.register("contract");
        return client.login(account.username(), AuthClient.PASSWORD).accessToken();
    }

    @Override
    protected String tokenOfNewSession(String sessionId) throws Exception {
        return new AuthClient(port).register("leaver").accessToken();
    }

    @Override
    protected void revokeSession(String sessionId, String token) throws Exception {
        assertThat(new AuthClient(port).post("/revoke", Map.of(), token).statusCode())
                .isEqualTo(204);
    }
}
