package com.sociallive.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;

/** The stripped target URL is what strip-prefix, route-to-URL and the instance's host and port made together. */
class BalancingFilterTests {

    private static final URI INSTANCE = URI.create("http://127.0.0.1:3002");

    @Test
    void shouldStripTheFirstSegmentAsTheStripPrefixFilterDid() {
        for (String request : List.of(
                "http://gw:8080/social",
                "http://gw:8080/social/",
                "http://gw:8080/social/posts",
                "http://gw:8080/social/posts/",
                "http://gw:8080/social/users/42/stats?limit=5&cursor=a%3Db",
                "http://gw:8080//social//posts///x/",
                "http://gw:8080/social/caf%C3%A9/a%20b?q=%2F",
                "http://gw:8080/social?x=1")) {
            URI uri = URI.create(request);
            assertThat(BalancingFilter.strippedTarget(INSTANCE, uri))
                    .as(request)
                    .isEqualTo(springCloudGateway(uri));
        }
    }

    /** StripPrefix(1), then RouteToRequestUrlFilter, then the instance's scheme, host and port. */
    private static URI springCloudGateway(URI request) {
        String path = request.getRawPath();
        String[] parts = StringUtils.tokenizeToStringArray(path, "/");
        StringBuilder stripped = new StringBuilder("/");
        for (int i = 1; i < parts.length; i++) {
            if (stripped.length() > 1) {
                stripped.append('/');
            }
            stripped.append(parts[i]);
        }
        if (stripped.length() > 1 && path.endsWith("/")) {
            stripped.append('/');
        }
        URI strippedRequest = UriComponentsBuilder.fromUri(request)
                .replacePath(stripped.toString())
                .build(true)
                .toUri();
        return UriComponentsBuilder.fromUri(strippedRequest)
                .scheme(INSTANCE.getScheme())
                .host(INSTANCE.getHost())
                .port(INSTANCE.getPort())
                .build(true)
                .toUri();
    }
}
