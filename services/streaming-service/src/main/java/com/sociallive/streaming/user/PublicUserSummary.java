package com.sociallive.streaming.user;

import java.util.UUID;

/** API.md {@code PublicUserSummary}: the public face of a user in streams, chat and gifts. */
public record PublicUserSummary(UUID id, String username, String displayName, String avatarUrl) {

    /** What we know without the auth service: the id and the username of the token. */
    public static PublicUserSummary fallback(UUID id, String username) {
        return new PublicUserSummary(id, username, username, null);
    }
}
