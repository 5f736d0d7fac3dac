package com.sociallive.auth.session;

import com.sociallive.auth.user.UserView;

/** {@code TokenResponse} of API.md. */
record TokenResponse(UserView user, String accessToken, String refreshToken, String tokenType, long expiresIn) {}
