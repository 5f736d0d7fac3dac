package com.sociallive.auth.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.auth.AuthProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountsTests {

    private final Accounts accounts = new Accounts(
            null,
            new AuthProperties(
                    Duration.ofMinutes(15),
                    Duration.ofDays(30),
                    Duration.ofMinutes(5),
                    "",
                    "",
                    "Root,ops",
                    5,
                    Duration.ofMinutes(15),
                    20));

    private static UserAccount account(String username, List<String> roles) {
        return new UserAccount(
                UUID.randomUUID(),
                username,
                username + "@example.com",
                "$argon2id$secret",
                username,
                null,
                null,
                roles,
                Instant.now());
    }

    @Test
    void shouldAddAdminForConfiguredUsernamesOnly() {
        assertThat(accounts.rolesOf(account("root", List.of("USER")))).containsExactly("USER", "ADMIN");
        assertThat(accounts.rolesOf(account("rooted", List.of("USER")))).containsExactly("USER");
        assertThat(accounts.rolesOf(account("ops", List.of("USER", "ADMIN")))).containsExactly("USER", "ADMIN");
    }

    @Test
    void shouldNeverPrintTheHashOrEmail() {
        assertThat(account("alice", List.of("USER")).toString())
                .doesNotContain("argon2")
                .doesNotContain("@example.com");
    }
}
