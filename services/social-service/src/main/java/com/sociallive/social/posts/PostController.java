package com.sociallive.social.posts;

import com.sociallive.platform.paging.CursorPage;
import com.sociallive.platform.paging.PageLimit;
import com.sociallive.platform.security.CurrentUser;
import com.sociallive.social.web.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(
        name = "Posts",
        description = "Posts and the home feed. Authors are PublicUserSummary objects read from the auth service"
                + " (cached up to 30 s); when the auth service is unavailable an author is degraded to its id,"
                + " with username, displayName and avatarUrl null, and the answer is still 200.")
class PostController {

    private final PostService posts;

    PostController(PostService posts) {
        this.posts = posts;
    }

    @PostMapping("/posts")
    @Operation(
            summary = "Publish a post",
            description = "content 1..5000 characters (not blank); mediaUrls at most 10 absolute http(s) URLs."
                    + " The post appears in the feeds of the author's followers at once. Location is relative to"
                    + " the request URL (posts/{id}).")
    @ApiResponse(responseCode = "201", description = "The new post")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED or MALFORMED_REQUEST; nothing is written")
    ResponseEntity<Post> create(CurrentUser user, @Valid @RequestBody PostRequests.Create request) {
        Post post = posts.create(user, request);
        return ResponseEntity.created(URI.create("posts/" + post.id())).body(post);
    }

    @GetMapping("/posts")
    @Operation(
            summary = "List posts, newest first",
            description = "With authorId: that user's posts (the user timeline); without: everyone's posts."
                    + " Keyset-paginated on (createdAt, id).")
    @ApiResponse(responseCode = "400", description = "limit outside 1..100, malformed cursor or authorId")
    CursorPage<Post> list(
            CurrentUser user,
            @RequestParam(required = false) String authorId,
            @Parameter(description = "1..100, default 20") @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int rows = PageLimit.of(limit);
        return posts.timeline(Ids.parameter(authorId, "authorId"), cursor, rows, user.id());
    }

    @GetMapping("/posts/{id}")
    @Operation(summary = "One post")
    @ApiResponse(responseCode = "404", description = "No such post (also for an id that is not a UUID)")
    Post get(CurrentUser user, @PathVariable String id) {
        return posts.get(Ids.existingOr404(id, "Post"), user.id());
    }

    @PatchMapping("/posts/{id}")
    @Operation(summary = "Edit a post (author only)", description = "Fields left out or null stay as they are.")
    @ApiResponse(responseCode = "403", description = "The caller is not the author")
    @ApiResponse(responseCode = "404", description = "No such post")
    Post update(CurrentUser user, @PathVariable String id, @Valid @RequestBody PostRequests.Update request) {
        return posts.update(user, Ids.existingOr404(id, "Post"), request);
    }

    @DeleteMapping("/posts/{id}")
    @Operation(
            summary = "Delete a post (author or ADMIN)",
            description = "Its comments and likes go with it; it leaves every feed at once.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", description = "The caller is neither the author nor an ADMIN")
    @ApiResponse(responseCode = "404", description = "No such post")
    ResponseEntity<Void> delete(CurrentUser user, @PathVariable String id) {
        posts.delete(user, Ids.existingOr404(id, "Post"));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/feed")
    @Operation(
            summary = "The caller's home feed, newest first",
            description = "The caller's own posts and those of everyone the caller follows, computed at read time:"
                    + " a new post shows at once, deleted posts and unfollowed authors disappear at once."
                    + " Keyset-paginated on (createdAt, id): no repeats or gaps while new posts arrive.")
    @ApiResponse(responseCode = "400", description = "limit outside 1..100 or malformed cursor")
    CursorPage<Post> feed(
            CurrentUser user,
            @Parameter(description = "1..100, default 20") @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return posts.feed(user.id(), cursor, PageLimit.of(limit));
    }
}
