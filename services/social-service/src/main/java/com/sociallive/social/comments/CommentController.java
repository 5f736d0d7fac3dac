package com.sociallive.social.comments;

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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Comments", description = "Comments on posts; authors degrade to their id when auth is unavailable")
class CommentController {

    private final CommentService comments;

    CommentController(CommentService comments) {
        this.comments = comments;
    }

    @PostMapping("/comments")
    @Operation(
            summary = "Comment on a post",
            description = "content 1..2000 characters; parentId (optional) must be a comment of the same post."
                    + " The post's commentCount grows by one.")
    @ApiResponse(responseCode = "201", description = "The new comment")
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED (content, parentId); nothing is written")
    @ApiResponse(responseCode = "404", description = "No such post")
    ResponseEntity<Comment> create(CurrentUser user, @Valid @RequestBody CreateCommentRequest request) {
        Comment comment = comments.create(user, request);
        return ResponseEntity.created(URI.create("comments/" + comment.id())).body(comment);
    }

    @GetMapping("/comments")
    @Operation(summary = "A post's comments, oldest first", description = "Keyset-paginated on (createdAt, id).")
    @ApiResponse(responseCode = "404", description = "No such post")
    CursorPage<Comment> list(
            CurrentUser user,
            @RequestParam String postId,
            @Parameter(description = "1..100, default 20") @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int rows = PageLimit.of(limit);
        return comments.list(Ids.existingOr404(postId, "Post"), cursor, rows);
    }

    @DeleteMapping("/comments/{id}")
    @Operation(
            summary = "Delete a comment",
            description = "Allowed to the comment's author, the post's author and ADMINs. Replies to the comment are"
                    + " deleted with it, and commentCount drops by the number of comments removed.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", description = "Not the comment's author, the post's author or an ADMIN")
    @ApiResponse(responseCode = "404", description = "No such comment")
    ResponseEntity<Void> delete(CurrentUser user, @PathVariable String id) {
        comments.delete(user, Ids.existingOr404(id, "Comment"));
        return ResponseEntity.noContent().build();
    }
}
