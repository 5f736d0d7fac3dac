package com.sociallive.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The gateway continues the caller's W3C trace: the service behind the route gets the same trace id. */
class GatewayTracingIT extends GatewayTestSupport {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String CALLER_SPAN = "b7ad6b7169203331";

    @Test
    void shouldForwardTheCallersTraceIdWithANewSpan() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/social/traced"))
                .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                .header("Authorization", "Bearer " + userToken())
                .build());

        StandInService.Seen forwarded = social.last("/traced");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(forwarded).isNotNull();
        // one trace end to end: the gateway's span of the proxied call is the service's parent
        assertThat(forwarded.header("traceparent")).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
        assertThat(forwarded.header("traceparent")).doesNotContain(CALLER_SPAN);
    }

    @Test
    void shouldStartATraceWhenTheCallerSentNoneOrABrokenOne() throws Exception {
        for (String traceparent :
                new String[] {null, "00-nonsense-01", "00-" + "0".repeat(32) + "-" + CALLER_SPAN + "-01"}) {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(uri("/social/fresh")).header("Authorization", "Bearer " + userToken());
            if (traceparent != null) {
                request.header("traceparent", traceparent);
            }
            assertThat(send(request.build()).statusCode()).isEqualTo(200);
            String forwarded = social.last("/fresh").header("traceparent");
            assertThat(forwarded).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            assertThat(forwarded).doesNotContain("0".repeat(32)).doesNotContain(CALLER_SPAN);
        }
    }

    @Test
    void shouldNameTheCallersTraceInProblemAnswers() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/nope/things"))
                .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                .header("Authorization", "Bearer " + userToken())
                .build());

        assertProblem(response, 404, "NOT_FOUND");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("traceId").asString()).isEqualTo(TRACE_ID);
    }
}
