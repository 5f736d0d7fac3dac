package com.sociallive.social.posts;

import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.id.UuidV7;
import com.sociallive.platform.paging.CursorPage;
import com.sociallive.platform.paging.TimeIdCursor;
import com.sociallive.platform.security.CurrentUser;
import com.sociallive.social.users.PublicUserSummary;
import com.sociallive.social.users.UserDirectory;
import com.sociallive.social.web.Times;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Publishing, editing and reading posts, and the home feed. */
@Service
public class PostService {

    private final PostRepository posts;
    private final UserDirectory users;
    private final Clock clock;
    private final TransactionTemplate transaction;

    PostService(PostRepository posts, UserDirectory users, Clock clock, PlatformTransactionManager transactions) {
        this.posts = posts;
        this.users = users;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    Post create(CurrentUser user, PostRequests.Create request) {
        UUID id = UuidV7.next();
        Instant now = Times.now(clock);
        List<String> media = request.mediaUrls() == null ? List.of() : request.mediaUrls();
        posts.insert(id, user.id(), request.content(), media, now);
        return new Post(id, users.summary(user.id()), request.content(), media, 0, 0, false, now, now);
    }

    Post get(UUID id, UUID me) {
        PostRow row = posts.find(id, me).orElseThrow(() -> DomainException.notFound("Post not found"));
        return row.withAuthor(users.summary(row.authorId()));
    }

    /** Edits under the post's row lock; the author is looked up after the commit. */
    public Post update(CurrentUser user, UUID id, PostRequests.Update request) {
        transaction.executeWithoutResult(status -> edit(user, id, request));
        return get(id, user.id());
    }

    private void edit(CurrentUser user, UUID id, PostRequests.Update request) {
        UUID author = posts.lockAuthor(id).orElseThrow(() -> DomainException.notFound("Post not found"));
        if (!author.equals(user.id())) {
            throw DomainException.forbidden("Only the author can edit a post");
        }
        if (request.content() != null || request.mediaUrls() != null) {
            posts.update(id, request.content(), request.mediaUrls(), Times.now(clock));
        }
    }

    @Transactional
    public void delete(CurrentUser user, UUID id) {
        UUID author = posts.lockAuthor(id).orElseThrow(() -> DomainException.notFound("Post not found"));
        if (!author.equals(user.id()) && !user.isAdmin()) {
            throw DomainException.forbidden("Only the author or an admin can delete a post");
        }
        posts.delete(id);
    }

    CursorPage<Post> timeline(UUID authorId, String cursor, int limit, UUID me) {
        TimeIdCursor after = TimeIdCursor.decodeOrNull(cursor);
        List<PostRow> rows = authorId == null
                ? posts.everyone(after, limit + 1, me)
                : posts.byAuthor(authorId, after, limit + 1, me);
        return withAuthors(CursorPage.fromOverfetch(rows, limit, PostRow::cursor));
    }

    CursorPage<Post> feed(UUID me, String cursor, int limit) {
        TimeIdCursor after = TimeIdCursor.decodeOrNull(cursor);
        return withAuthors(CursorPage.fromOverfetch(posts.feed(me, after, limit + 1), limit, PostRow::cursor));
    }

    /** How many posts a user has published (for the stats of another feature). */
    public long countByAuthor(UUID authorId) {
        return posts.countByAuthor(authorId);
    }

    /** One auth lookup for the whole page, and none when every author is cached. */
    private CursorPage<Post> withAuthors(CursorPage<PostRow> page) {
        Set<UUID> authors = new LinkedHashSet<>();
        page.items().forEach(row -> authors.add(row.authorId()));
        Map<UUID, PublicUserSummary> summaries = users.summaries(authors);
        return page.map(row -> row.withAuthor(summaries.get(row.authorId())));
    }
}
