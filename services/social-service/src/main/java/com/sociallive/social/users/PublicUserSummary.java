package com.sociallive.social.users;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/**
 * How a user appears in the social service's answers. The fields come from the auth service; when it cannot be
 * reached (and nothing is cached), only {@code id} is filled in and the other fields are null.
 */
@Schema(
        name = "PublicUserSummary",
        description = "A user as the auth service describes them. When the auth service is unavailable the author is"
                + " degraded: only id is set, username, displayName and avatarUrl are null.")
public record PublicUserSummary(UUID id, String username, String displayName, String avatarUrl) {

    /** The degraded form: the id alone, used when the auth service is down or does not know the user. */
    public static PublicUserSummary idOnly(UUID id) {
        return new PublicUserSummary(id, null, null, null);
    }
}
