package com.sociallive.social.follows;

import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.paging.CursorPage;
import com.sociallive.platform.paging.TimeIdCursor;
import com.sociallive.social.posts.PostService;
import com.sociallive.social.users.PublicUserSummary;
import com.sociallive.social.users.UserDirectory;
import com.sociallive.social.web.Times;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Who follows whom, and a user's counts. Users are checked against the auth service, which owns them. */
@Service
class FollowService {

    private final FollowRepository follows;
    private final PostService posts;
    private final UserDirectory users;
    private final Clock clock;

    FollowService(FollowRepository follows, PostService posts, UserDirectory users, Clock clock) {
        this.follows = follows;
        this.posts = posts;
        this.users = users;
        this.clock = clock;
    }

    FollowState follow(UUID me, UUID target) {
        if (me.equals(target)) {
            throw DomainException.invalid("userId", "cannot follow yourself");
        }
        requireKnown(target, true);
        follows.follow(me, target, Times.now(clock));
        return new FollowState(target, true);
    }

    FollowState unfollow(UUID me, UUID target) {
        follows.unfollow(me, target);
        return new FollowState(target, false);
    }

    CursorPage<PublicUserSummary> followers(UUID user, String cursor, int limit) {
        return edges(user, cursor, limit, true);
    }

    CursorPage<PublicUserSummary> following(UUID user, String cursor, int limit) {
        return edges(user, cursor, limit, false);
    }

    UserStats stats(UUID user) {
        requireKnown(user, false);
        return new UserStats(
                user, follows.countFollowers(user), follows.countFollowing(user), posts.countByAuthor(user));
    }

    private CursorPage<PublicUserSummary> edges(UUID user, String cursor, int limit, boolean followers) {
        TimeIdCursor after = TimeIdCursor.decodeOrNull(cursor);
        requireKnown(user, false);
        List<FollowRepository.Edge> rows =
                followers ? follows.followers(user, after, limit + 1) : follows.following(user, after, limit + 1);
        CursorPage<FollowRepository.Edge> page = CursorPage.fromOverfetch(rows, limit, FollowRepository.Edge::cursor);
        Set<UUID> ids = new LinkedHashSet<>();
        page.items().forEach(e -> ids.add(e.userId()));
        Map<UUID, PublicUserSummary> summaries = users.summaries(ids);
        return page.map(e -> summaries.get(e.userId()));
    }

    /**
     * A user the auth service does not know is a 404. When the auth service cannot be asked, a write (follow) is
     * refused with 503, while a read goes on with what this service has.
     */
    private void requireKnown(UUID user, boolean forWrite) {
        switch (users.find(user)) {
            case UserDirectory.Lookup.Known known -> {}
            case UserDirectory.Lookup.Unknown unknown -> throw DomainException.notFound("User not found");
            case UserDirectory.Lookup.Unavailable unavailable -> {
                if (forWrite) {
                    throw new DomainException(
                            CommonErrorCode.SERVICE_UNAVAILABLE, "Cannot check the user right now; try again");
                }
            }
        }
    }
}
