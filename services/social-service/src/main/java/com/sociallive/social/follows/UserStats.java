package com.sociallive.social.follows;

import java.util.UUID;

record UserStats(UUID userId, long followers, long following, long posts) {}
