package com.sociallive.social.likes;

import java.util.UUID;

public record LikeState(UUID postId, boolean liked, long likeCount) {}
