package com.sociallive.social.likes;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

@Schema(name = "LikeRequest")
record LikeRequest(
        @Schema(description = "the post to like; unknown ids are a 404", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull
        String postId) {}
