package com.sociallive.auth.session;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record LoginRequest(
        @NotBlank @Size(max = 254) String login,
        @NotNull @Size(max = 128) String password) {

    @Override
    public String toString() {
        return "LoginRequest[login=" + login + "]"; // never the password
    }
}
