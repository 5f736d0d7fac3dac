package com.sociallive.auth.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code User} of API.md: the account as its owner sees it. */
public record UserView(
        UUID id,
        String username,
        String email,
        String displayName,
        String bio,
        String avatarUrl,
        List<String> roles,
        Instant createdAt) {

    public static UserView of(UserAccount account, List<String> roles) {
        return new UserView(
                account.id(),
                account.username(),
                account.email(),
                account.displayName(),
                account.bio(),
                account.avatarUrl(),
                roles,
                account.createdAt());
    }
}
