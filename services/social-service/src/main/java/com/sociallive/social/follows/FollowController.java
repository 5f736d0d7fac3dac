package com.sociallive.social.follows;

import com.sociallive.platform.paging.CursorPage;
import com.sociallive.platform.paging.PageLimit;
import com.sociallive.platform.security.CurrentUser;
import com.sociallive.social.users.PublicUserSummary;
import com.sociallive.social.web.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(
        name = "Follows",
        description = "Who follows whom, and user stats. Users are checked against the auth service; listed users"
                + " degrade to their id when it is unavailable.")
class FollowController {

    private final FollowService follows;

    FollowController(FollowService follows) {
        this.follows = follows;
    }

    @PostMapping("/follows")
    @Operation(summary = "Follow a user", description = "Idempotent. The user's posts join the caller's feed at once.")
    @ApiResponse(responseCode = "200", description = "{userId, following:true}")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: the caller's own id")
    @ApiResponse(responseCode = "404", description = "The auth service does not know the user")
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: the user cannot be checked right now")
    FollowState follow(CurrentUser user, @Valid @RequestBody FollowRequest request) {
        return follows.follow(user.id(), Ids.existingOr404(request.userId(), "User"));
    }

    @DeleteMapping("/follows/{userId}")
    @Operation(
            summary = "Unfollow a user",
            description = "Idempotent. The user's posts leave the caller's feed at once.")
    @ApiResponse(responseCode = "200", description = "{userId, following:false}")
    FollowState unfollow(CurrentUser user, @PathVariable String userId) {
        return follows.unfollow(user.id(), Ids.existingOr404(userId, "User"));
    }

    @GetMapping("/users/{id}/followers")
    @Operation(summary = "A user's followers, most recent first")
    @ApiResponse(responseCode = "404", description = "The auth service does not know the user")
    CursorPage<PublicUserSummary> followers(
            CurrentUser user,
            @PathVariable String id,
            @Parameter(description = "1..100, default 20") @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int rows = PageLimit.of(limit);
        return follows.followers(Ids.existingOr404(id, "User"), cursor, rows);
    }

    @GetMapping("/users/{id}/following")
    @Operation(summary = "Whom a user follows, most recent first")
    @ApiResponse(responseCode = "404", description = "The auth service does not know the user")
    CursorPage<PublicUserSummary> following(
            CurrentUser user,
            @PathVariable String id,
            @Parameter(description = "1..100, default 20") @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int rows = PageLimit.of(limit);
        return follows.following(Ids.existingOr404(id, "User"), cursor, rows);
    }

    @GetMapping("/users/{id}/stats")
    @Operation(
            summary = "A user's counts",
            description = "{userId, followers, following, posts}, exact (counted at read time from indexes).")
    @ApiResponse(responseCode = "404", description = "The auth service does not know the user")
    UserStats stats(CurrentUser user, @PathVariable String id) {
        return follows.stats(Ids.existingOr404(id, "User"));
    }
}
