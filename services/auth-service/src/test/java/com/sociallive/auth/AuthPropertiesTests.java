package com.sociallive.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthPropertiesTests {

    private static AuthProperties with(String clients, String admins) {
        return new AuthProperties(
                Duration.ofMinutes(15),
                Duration.ofDays(30),
                Duration.ofMinutes(5),
                clients,
                "",
                admins,
                5,
                Duration.ofMinutes(15),
                20);
    }

    @Test
    void shouldParseServiceClientsAndSkipBrokenEntries() {
        assertThat(with(" api-gateway:s1 , wallet-service:s:2,broken,:nosuch,empty:", "")
                        .clients())
                .containsExactly(
                        java.util.Map.entry("api-gateway", "s1"), java.util.Map.entry("wallet-service", "s:2"));
    }

    @Test
    void shouldLowerCaseAdminUsernames() {
        assertThat(with("", " Root , ,ops").admins()).containsExactlyInAnyOrder("root", "ops");
    }
}
