package com.sociallive.platform.test;

import org.junit.jupiter.api.Test;

/**
 * Lives in the contract's package (in the auth service's test sources only) to replace the one contract check that
 * cannot apply to the auth service as written: it revokes a session of a {@link TestAuthServer} token, which the auth
 * service rightly refuses from the start (another key). The replacement checks the same promise with the auth
 * service's own tokens and {@code POST /revoke}. To be dropped when the contract lets a service supply its own token
 * and revocation (a wished platform change).
 */
public abstract class AuthServiceContractBridge extends ServiceConventionsContract {

    @Override
    @Test
    void shouldRefuseTokensOfRevokedSessionWithinFiveSeconds() throws Exception {
        shouldRefuseTokensOfSessionRevokedThroughTheAuthServiceWithinFiveSeconds();
    }

    protected abstract void shouldRefuseTokensOfSessionRevokedThroughTheAuthServiceWithinFiveSeconds() throws Exception;
}
