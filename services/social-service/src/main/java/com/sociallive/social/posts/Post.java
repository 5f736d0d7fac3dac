package com.sociallive.social.posts;

import com.sociallive.social.users.PublicUserSummary;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(description = "A post; likedByMe is about the caller")
public record Post(
        UUID id,
        PublicUserSummary author,
        String content,
        List<String> mediaUrls,
        long likeCount,
        long commentCount,
        boolean likedByMe,
        Instant createdAt,
        Instant updatedAt) {}
