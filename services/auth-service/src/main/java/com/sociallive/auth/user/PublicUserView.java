package com.sociallive.auth.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code PublicUser} of API.md: {@code User} without the e-mail. */
record PublicUserView(
        UUID id,
        String username,
        String displayName,
        String bio,
        String avatarUrl,
        List<String> roles,
        Instant createdAt) {

    static PublicUserView of(UserAccount account, List<String> roles) {
        return new PublicUserView(
                account.id(),
                account.username(),
                account.displayName(),
                account.bio(),
                account.avatarUrl(),
                roles,
                account.createdAt());
    }
}
