package com.sociallive.social.follows;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

@Schema(name = "FollowRequest")
record FollowRequest(
        @Schema(
                description = "the user to follow; unknown ids are a 404, the caller's own id a 400",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull
        String userId) {}
