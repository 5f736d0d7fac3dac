package com.sociallive.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientIpsTests {

    @Test
    void shouldCountUnderTheAddressTheGatewaySawNotTheOneTheClientClaims() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("10.0.0.5");
        request.addHeader("X-Forwarded-For", "1.2.3.4, 203.0.113.7");
        assertThat(ClientIps.of(request)).isEqualTo("203.0.113.7");
    }

    @Test
    void shouldFallBackToTheRemoteAddress() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("198.51.100.9");
        assertThat(ClientIps.of(request)).isEqualTo("198.51.100.9");
    }
}
