package com.sociallive.social.posts;

import com.sociallive.social.web.HttpUrl;
import com.sociallive.social.web.TextLength;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

final class PostRequests {

    private PostRequests() {}

    @Schema(name = "CreatePostRequest")
    record Create(
            @Schema(description = "1..5000 characters, not blank", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull
            @TextLength(max = 5000)
            String content,

            @Schema(description = "at most 10 absolute http(s) URLs")
            @Size(max = 10, message = "must hold at most 10 URLs")
            List<@NotNull @HttpUrl String> mediaUrls) {}

    @Schema(name = "UpdatePostRequest", description = "Fields left out (or null) stay as they are")
    record Update(
            @Schema(description = "1..5000 characters, not blank") @TextLength(max = 5000)
            String content,

            @Schema(description = "replaces the list: at most 10 absolute http(s) URLs")
            @Size(max = 10, message = "must hold at most 10 URLs")
            List<@NotNull @HttpUrl String> mediaUrls) {}
}
