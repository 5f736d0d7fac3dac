package com.sociallive.social.comments;

import com.sociallive.social.users.PublicUserSummary;
import java.time.Instant;
import java.util.UUID;

public record Comment(
        UUID id, UUID postId, UUID parentId, PublicUserSummary author, String content, Instant createdAt) {}
