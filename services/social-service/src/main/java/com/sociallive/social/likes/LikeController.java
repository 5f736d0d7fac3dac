package com.sociallive.social.likes;

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
@Tag(name = "Likes", description = "Likes of posts; likeCount is exact under concurrency")
class LikeController {

    private final LikeService likes;

    LikeController(LikeService likes) {
        this.likes = likes;
    }

    @PostMapping("/likes")
    @Operation(summary = "Like a post", description = "Idempotent: liking twice changes nothing.")
    @ApiResponse(responseCode = "200", description = "{postId, liked:true, likeCount}")
    @ApiResponse(responseCode = "404", description = "No such post")
    LikeState like(CurrentUser user, @Valid @RequestBody LikeRequest request) {
        return likes.like(Ids.existingOr404(request.postId(), "Post"), user.id());
    }

    @DeleteMapping("/likes/{postId}")
    @Operation(summary = "Take back a like", description = "Idempotent: unliking a post not liked changes nothing.")
    @ApiResponse(responseCode = "200", description = "{postId, liked:false, likeCount}")
    @ApiResponse(responseCode = "404", description = "No such post")
    LikeState unlike(CurrentUser user, @PathVariable String postId) {
        return likes.unlike(Ids.existingOr404(postId, "Post"), user.id());
    }

    @GetMapping("/likes")
    @Operation(summary = "Who liked a post, most recent like first")
    @ApiResponse(responseCode = "404", description = "No such post")
    CursorPage<PublicUserSummary> likers(
            CurrentUser user,
            @RequestParam String postId,
            @Parameter(description = "1..100, default 20") @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int rows = PageLimit.of(limit);
        return likes.likers(Ids.existingOr404(postId, "Post"), cursor, rows);
    }
}
