package com.sociallive.social.likes;

import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.paging.CursorPage;
import com.sociallive.platform.paging.TimeIdCursor;
import com.sociallive.social.users.PublicUserSummary;
import com.sociallive.social.users.UserDirectory;
import com.sociallive.social.web.Times;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Likes. The like row and the post's counter change in one transaction, and the counter only moves when a row was
 * really added or removed (conditional insert / delete), so liking twice changes nothing and concurrent likes by
 * different users all count.
 */
@Service
public class LikeService {

    private final LikeRepository likes;
    private final UserDirectory users;
    private final Clock clock;

    LikeService(LikeRepository likes, UserDirectory users, Clock clock) {
        this.likes = likes;
        this.users = users;
        this.clock = clock;
    }

    @Transactional
    public LikeState like(UUID postId, UUID userId) {
        boolean added;
        try {
            added = likes.insertIfAbsent(postId, userId, Times.now(clock));
        } catch (DataIntegrityViolationException e) {
            throw noPost(); // the post was deleted between the existence check and the foreign key check
        }
        if (added) {
            return new LikeState(postId, true, likes.addToCount(postId, 1).orElseThrow(LikeService::noPost));
        }
        return new LikeState(postId, true, likes.count(postId).orElseThrow(LikeService::noPost));
    }

    @Transactional
    public LikeState unlike(UUID postId, UUID userId) {
        if (likes.delete(postId, userId)) {
            return new LikeState(postId, false, likes.addToCount(postId, -1).orElseThrow(LikeService::noPost));
        }
        return new LikeState(postId, false, likes.count(postId).orElseThrow(LikeService::noPost));
    }

    CursorPage<PublicUserSummary> likers(UUID postId, String cursor, int limit) {
        TimeIdCursor after = TimeIdCursor.decodeOrNull(cursor);
        if (likes.count(postId).isEmpty()) {
            throw noPost();
        }
        CursorPage<LikeRepository.Liker> page =
                CursorPage.fromOverfetch(likes.likers(postId, after, limit + 1), limit, LikeRepository.Liker::cursor);
        Set<UUID> ids = new LinkedHashSet<>();
        page.items().forEach(l -> ids.add(l.userId()));
        Map<UUID, PublicUserSummary> summaries = users.summaries(ids);
        return page.map(l -> summaries.get(l.userId()));
    }

    private static DomainException noPost() {
        return DomainException.notFound("Post not found");
    }
}
