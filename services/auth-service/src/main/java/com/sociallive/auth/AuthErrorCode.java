package com.sociallive.auth;

import com.sociallive.platform.error.ErrorCode;

/** The auth service's own error codes (API.md, Auth service); the common ones are in CommonErrorCode. */
public enum AuthErrorCode implements ErrorCode {
    USERNAME_TAKEN(409, "Username taken"),
    EMAIL_TAKEN(409, "E-mail taken"),
    INVALID_CREDENTIALS(401, "Invalid credentials"),
    INVALID_REFRESH_TOKEN(401, "Invalid refresh token"),
    REFRESH_TOKEN_REUSED(401, "Refresh token reused"),
    USER_NOT_FOUND(404, "User not found");

    private final int status;
    private final String title;

    AuthErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
