package com.sociallive.auth.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored account. {@code passwordHash} never leaves the service: {@link UserView} is what clients see. */
public record UserAccount(
        UUID id,
        String username,
        String email,
        String passwordHash,
        String displayName,
        String bio,
        String avatarUrl,
        List<String> roles,
        Instant createdAt) {

    @Override
    public String toString() {
        return "UserAccount[id=" + id + ", username=" + username + "]"; // no hash, no e-mail in logs
    }
}
