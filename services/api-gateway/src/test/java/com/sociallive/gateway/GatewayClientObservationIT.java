package com.sociallive.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With client observations on (as when spans are exported, OTEL_EXPORTER_OTLP_ENDPOINT), each proxied call has a span
 * of its own, parent of the service's, and a {@code http_client_requests} timer per route.
 */
@TestPropertySource(properties = "sociallive.gateway.client-observations=true")
class GatewayClientObservationIT extends GatewayTestSupport {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Test
    void shouldSendTheServiceTheClientSpanOfTheCallersTrace() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/social/observed"))
                .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                .header("Authorization", "Bearer " + userToken())
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        String forwarded = social.last("/observed").header("traceparent");
        assertThat(forwarded).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01").doesNotContain(CALLER_SPAN);
        assertThat(social.last("/observed").header("X-Request-Id")).isNotBlank();
        assertThat(get("/actuator/prometheus", null).body())
                .contains("http_client_requests_seconds_count")
                .contains("spring_cloud_gateway_route_id=\"social\"");
    }
}
