package com.sociallive.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hidden paths, checked by hand, are exactly those of the regular expressions they replace. */
class InternalPathsTests {

    private static final Pattern INTERNAL = Pattern.compile("^/+[^/]+/+internal([/;].*)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKEN_ENDPOINT = Pattern.compile("^/+auth/+oauth([/;].*)?$", Pattern.CASE_INSENSITIVE);

    @Test
    void shouldHideWhatTheRegularExpressionsHid() {
        List<String> paths = List.of(
                "/social/internal",
                "/social/internal/x",
                "/social//internal",
                "//social/internal;x",
                "/social/INTERNAL/x",
                "/social/internals",
                "/social/posts/internal",
                "/internal",
                "/internal/x",
                "/social/",
                "/social",
                "/",
                "",
                "social/internal",
                "/auth/oauth/token",
                "/auth//oauth",
                "/AUTH/OAuth;x",
                "/auth/oauthx",
                "/authx/oauth",
                "/auth/login",
                "/social/posts",
                "/streaming/ws");
        for (String path : paths) {
            boolean regex = INTERNAL.matcher(path).matches()
                    || TOKEN_ENDPOINT.matcher(path).matches();
            assertThat(InternalPathsWebFilter.isHidden(path)).as(path).isEqualTo(regex);
        }
    }
}
