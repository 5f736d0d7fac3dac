package com.sociallive.streaming.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.databind.json.JsonMapper;

class RoomHandshakeTests {

    @Test
    void shouldAskToRetryWhenNoDatabaseConnectionIsFreeInTime() throws Exception {
        RoomRepository busy = new RoomRepository(null) {
            @Override
            Optional<Admission> admission(UUID streamId, UUID userId) {
                throw new CannotGetJdbcConnectionException("pool timeout");
            }
        };
        Jwt jwt = Jwt.withTokenValue("t")
                .header("alg", "ES256")
                .subject(UUID.randomUUID().toString())
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .build();
        var handshake =
                new RoomHandshake(token -> jwt, busy, JsonMapper.builder().build());
        var servletRequest = new MockHttpServletRequest("GET", "/ws");
        servletRequest.setQueryString("streamId=" + UUID.randomUUID() + "&access_token=t");
        var servletResponse = new MockHttpServletResponse();
        var response = new ServletServerHttpResponse(servletResponse);

        boolean upgraded = handshake.beforeHandshake(
                new ServletServerHttpRequest(servletRequest), response, null, new HashMap<>());
        response.flush();

        assertThat(upgraded).isFalse();
        assertThat(servletResponse.getStatus()).isEqualTo(503);
        assertThat(servletResponse.getHeader("Retry-After")).isEqualTo("1");
        assertThat(servletResponse.getContentType()).startsWith("application/problem+json");
        assertThat(servletResponse.getContentAsString()).contains("SERVICE_UNAVAILABLE");
    }
}
