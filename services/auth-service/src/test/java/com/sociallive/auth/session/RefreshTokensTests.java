package com.sociallive.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshTokensTests {

    @Test
    void shouldBe256RandomBitsInBase64Url() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = RefreshTokens.generate();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
            seen.add(token);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void shouldStoreOnlyASha256() {
        String token = RefreshTokens.generate();
        assertThat(RefreshTokens.hash(token)).hasSize(32).isEqualTo(RefreshTokens.hash(token));
        assertThat(RefreshTokens.hash(token)).isNotEqualTo(RefreshTokens.hash(RefreshTokens.generate()));
    }
}
