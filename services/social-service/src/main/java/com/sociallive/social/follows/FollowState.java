package com.sociallive.social.follows;

import java.util.UUID;

record FollowState(UUID userId, boolean following) {}
