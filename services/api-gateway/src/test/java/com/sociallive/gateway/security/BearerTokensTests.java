package com.sociallive.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class BearerTokensTests {

    @Test
    void shouldTakeTheTokenOfABearerHeaderWhateverTheSchemeCase() {
        assertThat(BearerTokens.resolve(
                        get("/social/posts")
                                .header("Authorization", "Bearer abc.DEF-_~+/=")
                                .build(),
                        false))
                .isEqualTo("abc.DEF-_~+/=");
        assertThat(BearerTokens.resolve(
                        get("/social/posts")
                                .header("Authorization", "bearer abc")
                                .build(),
                        false))
                .isEqualTo("abc");
    }

    @Test
    void shouldSeeNoTokenWithoutABearerHeader() {
        assertThat(BearerTokens.resolve(get("/social/posts").build(), false)).isNull();
        assertThat(BearerTokens.resolve(
                        get("/social/posts")
                                .header("Authorization", "Basic dXNlcjpwdw==")
                                .build(),
                        false))
                .isNull();
    }

    @Test
    void shouldRefuseAMalformedBearerHeader() {
        for (String value : new String[] {
            "Bearer",
            "Bearer ",
            "Bearer  abc",
            "Bearer a b",
            "Bearer a\"b",
            "Bearerabc",
            "Bearer ===",
            "Bearer a=b",
            "Bearer abc\n"
        }) {
            assertThatThrownBy(() -> BearerTokens.resolve(
                            get("/social/posts").header("Authorization", value).build(), false))
                    .as(value)
                    .isInstanceOf(BearerTokens.InvalidBearerToken.class);
        }
    }

    @Test
    void shouldTakeTheQueryParameterOnlyWhereAllowedAndOnlyOnGet() {
        assertThat(BearerTokens.resolve(get("/streaming/ws?access_token=abc").build(), true))
                .isEqualTo("abc");
        assertThat(BearerTokens.resolve(get("/social/posts?access_token=abc").build(), false))
                .isNull();
        assertThat(BearerTokens.resolve(
                        MockServerHttpRequest.post("/streaming/ws?access_token=abc")
                                .build(),
                        true))
                .isNull();
    }

    @Test
    void shouldRefuseTwoTokensOrAnEmptyParameter() {
        assertThatThrownBy(() -> BearerTokens.resolve(
                        get("/streaming/ws?access_token=abc")
                                .header("Authorization", "Bearer def")
                                .build(),
                        true))
                .isInstanceOf(BearerTokens.InvalidBearerToken.class);
        assertThatThrownBy(() -> BearerTokens.resolve(
                        get("/streaming/ws?access_token=a&access_token=b").build(), true))
                .isInstanceOf(BearerTokens.InvalidBearerToken.class);
        assertThatThrownBy(() ->
                        BearerTokens.resolve(get("/streaming/ws?access_token=").build(), true))
                .isInstanceOf(BearerTokens.InvalidBearerToken.class);
    }

    private static MockServerHttpRequest.BaseBuilder<?> get(String uri) {
        return MockServerHttpRequest.get(uri);
    }
}
