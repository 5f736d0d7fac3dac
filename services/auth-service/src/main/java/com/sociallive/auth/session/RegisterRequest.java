package com.sociallive.auth.session;

import com.sociallive.auth.user.Usernames;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record RegisterRequest(
        @NotNull @Pattern(regexp = Usernames.INPUT_PATTERN, message = "must be 3..30 of a-z, 0-9, '_' and '.'")
        String username,

        @NotNull @Size(max = 254) @Pattern(regexp = Usernames.EMAIL_PATTERN, message = "must be an e-mail address")
        String email,

        @NotNull @Size(min = 8, max = 128) String password,
        @Size(max = 100) String displayName) {

    @Override
    public String toString() {
        return "RegisterRequest[username=" + username + "]"; // never the password
    }
}
