package com.sociallive.social.posts;

import com.sociallive.platform.paging.TimeIdCursor;
import com.sociallive.social.users.PublicUserSummary;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A post as stored, before its author is looked up. */
record PostRow(
        UUID id,
        UUID authorId,
        String content,
        List<String> mediaUrls,
        long likeCount,
        long commentCount,
        boolean likedByMe,
        Instant createdAt,
        Instant updatedAt) {

    Post withAuthor(PublicUserSummary author) {
        return new Post(id, author, content, mediaUrls, likeCount, commentCount, likedByMe, createdAt, updatedAt);
    }

    String cursor() {
        return new TimeIdCursor(createdAt, id).encode();
    }
}
