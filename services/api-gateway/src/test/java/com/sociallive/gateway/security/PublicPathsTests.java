package com.sociallive.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class PublicPathsTests {

    @Test
    void shouldOpenOnlyTheListedMethodAndPath() {
        assertThat(PublicPaths.matches(request(HttpMethod.POST, "/auth/login"))).isTrue();
        assertThat(PublicPaths.matches(request(HttpMethod.GET, "/auth/login"))).isFalse();
        assertThat(PublicPaths.matches(request(HttpMethod.POST, "/auth/login/")))
                .isFalse();
        assertThat(PublicPaths.matches(request(HttpMethod.GET, "/social/health")))
                .isTrue();
        assertThat(PublicPaths.matches(request(HttpMethod.GET, "/social/health/x")))
                .isFalse();
        assertThat(PublicPaths.matches(request(HttpMethod.POST, "/streaming/hooks/publish")))
                .isTrue();
        assertThat(PublicPaths.matches(request(HttpMethod.GET, "/social/v3/api-docs/x")))
                .isTrue();
        assertThat(PublicPaths.matches(request(HttpMethod.GET, "/actuator/prometheus")))
                .isTrue();
        assertThat(PublicPaths.matches(request(HttpMethod.GET, "/actuator/circuitbreakers")))
                .isFalse();
        assertThat(PublicPaths.matches(request(HttpMethod.GET, "/social/users/1/stats")))
                .isFalse();
    }

    @Test
    void shouldKnowTheWebSocketPath() {
        assertThat(PublicPaths.isWebSocket(request(HttpMethod.GET, "/streaming/ws?streamId=s")))
                .isTrue();
        assertThat(PublicPaths.isWebSocket(request(HttpMethod.GET, "/streaming/ws/x")))
                .isFalse();
    }

    private static MockServerHttpRequest request(HttpMethod method, String uri) {
        return MockServerHttpRequest.method(method, uri).build();
    }
}
