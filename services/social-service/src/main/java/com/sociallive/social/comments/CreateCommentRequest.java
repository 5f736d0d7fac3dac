package com.sociallive.social.comments;

import com.sociallive.social.web.TextLength;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

@Schema(name = "CreateCommentRequest")
record CreateCommentRequest(
        @Schema(
                description = "the post; an unknown id (or one that is not a UUID) is a 404",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull
        String postId,

        @Schema(description = "1..2000 characters, not blank", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull
        @TextLength(max = 2000)
        String content,

        @Schema(description = "a comment of the same post this one replies to")
        String parentId) {}
