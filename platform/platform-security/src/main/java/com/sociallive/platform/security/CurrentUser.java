package com.sociallive.platform.security;

import java.util.Set;
import java.util.UUID;

/**
 * The end user a request acts for, taken from the validated access token and nothing else (never from a header).
 * Declare it as a controller method parameter to receive it; a request made with a service token gets 403.
 */
public record CurrentUser(UUID id, String username, Set<String> roles, String sessionId) {

    public CurrentUser {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(TokenClaims.ROLE_ADMIN);
    }
}
