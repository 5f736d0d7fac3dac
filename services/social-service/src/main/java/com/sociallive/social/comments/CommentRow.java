package com.sociallive.social.comments;

import com.sociallive.platform.paging.TimeIdCursor;
import com.sociallive.social.users.PublicUserSummary;
import java.time.Instant;
import java.util.UUID;

record CommentRow(UUID id, UUID postId, UUID parentId, UUID authorId, String content, Instant createdAt) {

    Comment withAuthor(PublicUserSummary author) {
        return new Comment(id, postId, parentId, author, content, createdAt);
    }

    String cursor() {
        return new TimeIdCursor(createdAt, id).encode();
    }
}
