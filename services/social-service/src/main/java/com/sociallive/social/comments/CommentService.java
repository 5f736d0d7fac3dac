package com.sociallive.social.comments;

import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.id.UuidV7;
import com.sociallive.platform.paging.CursorPage;
import com.sociallive.platform.paging.TimeIdCursor;
import com.sociallive.platform.security.CurrentUser;
import com.sociallive.social.users.PublicUserSummary;
import com.sociallive.social.users.UserDirectory;
import com.sociallive.social.web.Ids;
import com.sociallive.social.web.Times;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Comments and the post's comment count. Every create and delete first locks the post row (through the counter
 * update), so the count moves in the same transaction as the rows and stays exact under concurrency.
 */
@Service
public class CommentService {

    private final CommentRepository comments;
    private final UserDirectory users;
    private final Clock clock;
    private final TransactionTemplate transaction;

    CommentService(
            CommentRepository comments, UserDirectory users, Clock clock, PlatformTransactionManager transactions) {
        this.comments = comments;
        this.users = users;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** The author is looked up after the commit: no auth call while the post row is locked. */
    public Comment create(CurrentUser user, CreateCommentRequest request) {
        CommentRow row = transaction.execute(status -> insert(user, request));
        return row.withAuthor(users.summary(user.id()));
    }

    private CommentRow insert(CurrentUser user, CreateCommentRequest request) {
        UUID postId = Ids.existingOr404(request.postId(), "Post");
        UUID parentId = null;
        if (request.parentId() != null && !request.parentId().isBlank()) {
            try {
                parentId = UUID.fromString(request.parentId().trim());
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("parentId", "is not a comment of this post");
            }
        }
        if (!comments.countOneMore(postId)) {
            throw DomainException.notFound("Post not found");
        }
        if (parentId != null && !comments.isCommentOf(parentId, postId)) {
            throw DomainException.invalid("parentId", "is not a comment of this post");
        }
        CommentRow row =
                new CommentRow(UuidV7.next(), postId, parentId, user.id(), request.content(), Times.now(clock));
        comments.insert(row);
        return row;
    }

    /** The comment author, the post's author or an ADMIN may delete; replies go with the comment. */
    @Transactional
    public void delete(CurrentUser user, UUID commentId) {
        CommentRepository.Target target =
                comments.target(commentId).orElseThrow(() -> DomainException.notFound("Comment not found"));
        if (!user.id().equals(target.commentAuthor()) && !user.id().equals(target.postAuthor()) && !user.isAdmin()) {
            throw DomainException.forbidden("Only the comment's author, the post's author or an admin can delete it");
        }
        if (!comments.lockPost(target.postId())) {
            throw DomainException.notFound("Comment not found");
        }
        int removed = comments.deleteWithReplies(commentId);
        if (removed == 0) {
            throw DomainException.notFound("Comment not found");
        }
        comments.countFewer(target.postId(), removed);
    }

    CursorPage<Comment> list(UUID postId, String cursor, int limit) {
        TimeIdCursor after = TimeIdCursor.decodeOrNull(cursor);
        if (!comments.postExists(postId)) {
            throw DomainException.notFound("Post not found");
        }
        CursorPage<CommentRow> page =
                CursorPage.fromOverfetch(comments.byPost(postId, after, limit + 1), limit, CommentRow::cursor);
        Set<UUID> authors = new LinkedHashSet<>();
        page.items().forEach(c -> authors.add(c.authorId()));
        Map<UUID, PublicUserSummary> summaries = users.summaries(authors);
        return page.map(c -> c.withAuthor(summaries.get(c.authorId())));
    }
}
